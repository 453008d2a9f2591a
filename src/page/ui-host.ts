/**
 * The one element Claimlens adds to a page for its own UI: a fixed, zero-size host whose
 * shadow root keeps page CSS out and ours in. Important inline styles on the host beat even
 * a page's `* { ... !important }` rules.
 */
import { OWN_UI_ATTRIBUTE } from './article';

const HOST_STYLE: Record<string, string> = {
  all: 'initial',
  position: 'fixed',
  top: '0',
  left: '0',
  width: '0',
  height: '0',
  overflow: 'visible',
  'z-index': '2147483647',
  display: 'block',
};

export interface UiHost {
  root: ShadowRoot;
  destroy(): void;
}

export function createUiHost(doc: Document, css: string): UiHost {
  const host = doc.createElement('claimlens-ui');
  host.setAttribute(OWN_UI_ATTRIBUTE, '');
  for (const [name, value] of Object.entries(HOST_STYLE)) host.style.setProperty(name, value, 'important');
  // Open, so end-to-end tests can reach the buttons; nothing secret lives here.
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
  (doc.documentElement ?? doc.body).append(host);
  return { root, destroy: () => host.remove() };
}

/**
 * A small "Save" button that appears next to a text selection, and a short confirmation
 * toast. Lives in the UI host's shadow root; every label is set as text.
 */
import type { UiHost } from './ui-host';

export const SAVE_UI_CSS = `
  :host { all: initial; }
  .cl-save, .cl-toast {
    all: initial; position: fixed; box-sizing: border-box; display: block;
    font: 600 13px/1.2 system-ui, -apple-system, "Segoe UI", sans-serif;
    border-radius: 6px; box-shadow: 0 2px 10px rgba(0,0,0,.25); z-index: 1;
  }
  .cl-save { padding: 6px 10px; background: #5b2ab8; color: #fff; cursor: pointer; }
  .cl-save:hover { background: #4a1f99; }
  .cl-save:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
  .cl-toast { padding: 8px 12px; background: #1e1e24; color: #fff; max-width: 320px; font-weight: 500; }
  .cl-toast[data-kind="error"] { background: #9b1c1c; }
  [hidden] { display: none !important; }
`;

export interface SaveButton {
  showNear(rect: DOMRect): void;
  hide(): void;
  toast(message: string, kind?: 'ok' | 'error'): void;
  readonly element: HTMLElement;
}

export function createSaveButton(host: UiHost, doc: Document, win: Window, onSave: () => void): SaveButton {
  const button = doc.createElement('button');
  button.className = 'cl-save';
  button.type = 'button';
  button.textContent = 'Save to Claimlens';
  button.setAttribute('aria-label', 'Save the selected text to Claimlens');
  button.hidden = true;
  // Keep the selection: a mousedown on a button would otherwise clear it before the click.
  button.addEventListener('mousedown', (event) => event.preventDefault());
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    onSave();
  });

  const toastEl = doc.createElement('div');
  toastEl.className = 'cl-toast';
  toastEl.setAttribute('role', 'status');
  toastEl.hidden = true;
  let toastTimer: ReturnType<typeof setTimeout> | undefined;

  host.root.append(button, toastEl);

  return {
    element: button,
    showNear(rect) {
      const top = Math.min(rect.bottom + 8, win.innerHeight - 40);
      const left = Math.min(Math.max(rect.right - 140, 8), win.innerWidth - 160);
      button.style.top = `${Math.max(top, 8)}px`;
      button.style.left = `${left}px`;
      button.hidden = false;
    },
    hide() {
      button.hidden = true;
    },
    toast(message, kind = 'ok') {
      toastEl.textContent = message;
      toastEl.dataset.kind = kind;
      toastEl.style.bottom = '24px';
      toastEl.style.right = '24px';
      toastEl.style.position = 'fixed';
      toastEl.hidden = false;
      clearTimeout(toastTimer);
      toastTimer = setTimeout(() => (toastEl.hidden = true), 3000);
    },
  };
}

/**
 * Keeps the page's highlight colours in step with the reader's choice: reads it at start,
 * follows `storage.onChanged`, and leaves the page as it found it on teardown. Only a
 * customised set of colours adds a <style> to the page; the defaults come from highlights.css.
 */
import { COLOURS_KEY } from '../settings';
import { DEFAULT_COLOURS, type HighlightColours, readColours } from '../settings-colours';
import { OWN_UI_ATTRIBUTE } from './article';
import { createHighlightStyle } from './highlight-style';

/** The slice of the extension API this needs; a fake in tests. */
export interface ColourStorage {
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>> };
    onChanged: {
      addListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
      removeListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
    };
  };
}

function isDefault(colours: HighlightColours): boolean {
  return (Object.keys(DEFAULT_COLOURS) as (keyof HighlightColours)[]).every((k) => colours[k] === DEFAULT_COLOURS[k]);
}

export function followReaderColours(doc: Document, browser: ColourStorage, signal: AbortSignal): void {
  const style = createHighlightStyle(doc, OWN_UI_ATTRIBUTE);
  const show = (raw: unknown) => {
    if (signal.aborted) return;
    const colours = readColours(raw);
    if (isDefault(colours)) style.remove();
    else style.apply(colours);
  };
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && COLOURS_KEY in changes) show(changes[COLOURS_KEY]?.newValue);
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => {
    browser.storage.onChanged.removeListener(onChanged);
    style.remove();
  });
  void browser.storage.local
    .get(COLOURS_KEY)
    .then((stored) => show(stored[COLOURS_KEY]))
    .catch(() => undefined);
}

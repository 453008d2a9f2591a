/**
 * Some pages replace their whole document after load (`document.open()` and `write()`, as
 * ad-blocker walls and old publishing systems do). The Document object survives, but its
 * element tree is new and every listener on it is erased, so a session bound to the old
 * tree would paint nothing and hear nothing. This watches for a new root element and says
 * when the replacement has settled, so the caller can start afresh.
 */
export interface DocumentReplacementOptions {
  doc: Document;
  win: Window;
  signal: AbortSignal;
  /** Called once the new document has been quiet for `settleMs` (its parser may still be writing). */
  onReplaced: () => void;
  settleMs?: number;
}

export function watchDocumentReplacement(options: DocumentReplacementOptions): void {
  const { doc, win, signal, onReplaced } = options;
  const settleMs = options.settleMs ?? 300;
  let root = doc.documentElement;
  let timer: number | undefined;
  const Observer = (win as Window & typeof globalThis).MutationObserver;
  // Only the Document's own children: cheap, whatever the page does below <html>.
  const observer = new Observer(() => {
    if (doc.documentElement === root || doc.documentElement === null) return;
    root = doc.documentElement;
    win.clearTimeout(timer);
    timer = win.setTimeout(() => {
      if (!signal.aborted) onReplaced();
    }, settleMs);
  });
  observer.observe(doc, { childList: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    win.clearTimeout(timer);
  });
}

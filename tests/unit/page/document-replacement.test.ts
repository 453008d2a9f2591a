// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { watchDocumentReplacement } from '../../../src/page/document-replacement';

/** What `document.open()` does to the tree: the old root goes, a new one comes. */
function replaceRoot(fresh: HTMLElement) {
  document.documentElement.remove();
  document.append(fresh);
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchDocumentReplacement', () => {
  it('says when the page swapped in a new root element, once it settled', async () => {
    const onReplaced = vi.fn();
    const controller = new AbortController();
    watchDocumentReplacement({ doc: document, win: window, signal: controller.signal, onReplaced, settleMs: 20 });
    const fresh = document.createElement('html');
    fresh.append(document.createElement('body'));
    replaceRoot(fresh);
    await tick(5);
    expect(onReplaced).not.toHaveBeenCalled();
    await tick(40);
    expect(onReplaced).toHaveBeenCalledTimes(1);
    controller.abort();
  });

  it('ignores changes below the root element, and everything after it is stopped', async () => {
    const onReplaced = vi.fn();
    const controller = new AbortController();
    watchDocumentReplacement({ doc: document, win: window, signal: controller.signal, onReplaced, settleMs: 10 });
    document.body.append(document.createElement('p'));
    await tick(30);
    expect(onReplaced).not.toHaveBeenCalled();
    controller.abort();
    const fresh = document.createElement('html');
    replaceRoot(fresh);
    await tick(30);
    expect(onReplaced).not.toHaveBeenCalled();
  });
});

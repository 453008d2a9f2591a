/**
 * Code the end-to-end tests run inside the page, shared by the Chromium (playwright-core) and
 * Firefox (puppeteer-core) suites: both drivers serialise a function and one argument, so
 * each of these is self-contained and takes its inputs as one object.
 */

export interface PaintedRange {
  text: string;
  inArticle: boolean;
}

/** What Claimlens has painted on the page, read from the document's highlight registry. */
export function readPaintedRanges(): Record<string, PaintedRange[]> {
  const out: Record<string, { text: string; inArticle: boolean }[]> = {};
  const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
  for (const [name, highlight] of registry) {
    if (!name.startsWith('claimlens-')) continue;
    out[name] = [...highlight].map((range) => {
      const node = range.commonAncestorContainer;
      const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
      return { text: range.toString(), inArticle: Boolean(element?.closest('article')) };
    });
  }
  return out;
}

/** Selects the first occurrence of `phrase` inside `selector`, as a reader's drag would; false when absent. */
export function selectInPage({ selector, phrase }: { selector: string; phrase: string }): boolean {
  const root = document.querySelector(selector);
  if (!root) return false;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = (node as Text).data.indexOf(phrase);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + phrase.length);
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    return true;
  }
  return false;
}

/**
 * Paints ranges of the article. With the CSS Custom Highlight API the DOM is never touched:
 * one named Highlight per category, styled by page-level ::highlight() rules. Without it,
 * ranges are wrapped in <mark data-claimlens-mark> elements, and unwrapped on clear.
 */

export type HighlightCategory =
  | 'person'
  | 'organization'
  | 'place'
  | 'claim-named'
  | 'claim-vague'
  | 'claim-unattributed'
  | 'saved';

export const HIGHLIGHT_PREFIX = 'claimlens-';
export const MARK_ATTRIBUTE = 'data-claimlens-mark';

export interface Painter {
  /** Replaces the category's ranges. */
  paint(category: HighlightCategory, ranges: readonly Range[]): void;
  /** Ranges currently painted for a category (what hit-testing and tests look at). */
  ranges(category: HighlightCategory): readonly Range[];
  clear(): void;
  readonly usesHighlightApi: boolean;
}

interface HighlightWindow {
  CSS?: { highlights?: Map<string, unknown> };
  Highlight?: new (...ranges: Range[]) => unknown;
}

export function createPainter(win: Window, doc: Document): Painter {
  const hw = win as unknown as HighlightWindow;
  const registry = hw.CSS?.highlights;
  const HighlightCtor = hw.Highlight;
  const painted = new Map<HighlightCategory, readonly Range[]>();

  if (registry && HighlightCtor) {
    return {
      usesHighlightApi: true,
      paint(category, ranges) {
        painted.set(category, ranges);
        registry.set(HIGHLIGHT_PREFIX + category, new HighlightCtor(...ranges));
      },
      ranges: (category) => painted.get(category) ?? [],
      clear() {
        for (const category of painted.keys()) registry.delete(HIGHLIGHT_PREFIX + category);
        painted.clear();
      },
    };
  }

  const marks = new Map<HighlightCategory, HTMLElement[]>();
  const unwrap = (category: HighlightCategory) => {
    for (const mark of marks.get(category) ?? []) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    }
    marks.delete(category);
  };
  return {
    usesHighlightApi: false,
    paint(category, ranges) {
      unwrap(category);
      painted.set(category, ranges);
      // Claims span whole sentences and overlap actors; wrapping them would nest marks
      // across element boundaries, so without the API only names and saved passages show.
      if (category.startsWith('claim-')) return;
      const created: HTMLElement[] = [];
      // Last range first, so wrapping one never shifts the offsets of the ones still to do.
      for (const range of [...ranges].reverse()) created.push(...wrapRange(doc, range, category));
      marks.set(category, created);
    },
    ranges: (category) => painted.get(category) ?? [],
    clear() {
      for (const category of [...marks.keys()]) unwrap(category);
      painted.clear();
    },
  };
}

function wrapRange(doc: Document, range: Range, category: HighlightCategory): HTMLElement[] {
  const textNodes: Text[] = [];
  const root = range.commonAncestorContainer;
  if (root.nodeType === 3) {
    textNodes.push(root as Text);
  } else {
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (range.intersectsNode(node)) textNodes.push(node as Text);
    }
  }
  const created: HTMLElement[] = [];
  for (const node of textNodes) {
    const start = node === range.startContainer ? range.startOffset : 0;
    const end = node === range.endContainer ? range.endOffset : node.data.length;
    if (end <= start) continue;
    const middle = start > 0 ? node.splitText(start) : node;
    if (end - start < middle.data.length) middle.splitText(end - start);
    const mark = doc.createElement('mark');
    mark.setAttribute(MARK_ATTRIBUTE, category);
    middle.parentNode?.insertBefore(mark, middle);
    mark.appendChild(middle);
    created.push(mark);
  }
  return created;
}

/** Turns the reader's selection into an annotation draft, anchored in the article text. */
import type { AnnotationDraft } from '../messages';
import { buildTextMap, type TextMap, textOffsetAt } from './text-map';
import { OWN_UI_ATTRIBUTE } from './article';
import { selectorsFor, trimSpan } from './selectors';

export interface SelectionContext {
  doc: Document;
  /** The article's text map, or null when the page has no article. */
  article: TextMap | null;
}

/** Outside the article every visible text counts, as long as it is not code or our own UI. */
const NOT_PAGE_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT']);
const isNotPageText = (element: Element) =>
  NOT_PAGE_TEXT.has(element.tagName.toUpperCase()) || element.hasAttribute(OWN_UI_ATTRIBUTE);

function spanIn(map: TextMap, range: Range, doc: Document): { start: number; end: number } | null {
  const start = textOffsetAt(map, range.startContainer, range.startOffset, doc);
  const end = textOffsetAt(map, range.endContainer, range.endOffset, doc);
  if (start === null || end === null) return null;
  const span = trimSpan(map.text, start, end);
  return span.end > span.start ? span : null;
}

function rangeInside(root: Node, range: Range): boolean {
  return root.contains(range.startContainer) && root.contains(range.endContainer);
}

/**
 * A draft for the current selection, or null when nothing is selected. A selection inside
 * the article is anchored in the article text; one elsewhere on the page in the page's
 * visible text, so any passage can be kept.
 */
export function draftFromSelection(
  context: SelectionContext,
  selection: Selection | null,
): { draft: AnnotationDraft; inArticle: boolean } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const { doc } = context;
  const range = selection.getRangeAt(0);
  let map = context.article;
  let span = map && map.segments.length && inMap(map, range) ? spanIn(map, range, doc) : null;
  const inArticle = span !== null;
  if (!span && doc.body) {
    map = buildTextMap(doc.body, isNotPageText);
    span = rangeInside(doc.body, range) ? spanIn(map, range, doc) : null;
  }
  if (!map || !span) return null;
  const draft = draftForSpan(doc, map.text, span);
  return { draft, inArticle };
}

/** The canonical link a page declares, if any. */
export function canonicalLinkOf(doc: Document): string | null {
  return doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? null;
}

/** A manual draft for a span of `text` (the article's or the page's text) on this page. */
export function draftForSpan(doc: Document, text: string, span: { start: number; end: number }): AnnotationDraft {
  const { quote, position } = selectorsFor(text, span.start, span.end);
  return {
    exact: quote.exact,
    prefix: quote.prefix,
    suffix: quote.suffix,
    start: position.start,
    end: position.end,
    pageUrl: doc.location?.href ?? doc.URL,
    canonicalLink: canonicalLinkOf(doc),
    title: doc.title,
    note: '',
    tags: [],
    kind: 'manual',
    actors: [],
    speaker: null,
    sourcing: null,
  };
}

/** True when both ends of the range fall on text the map covers. */
function inMap(map: TextMap, range: Range): boolean {
  const covers = (node: Node) => map.segments.some((s) => s.node === node || node.contains(s.node));
  return covers(range.startContainer) && covers(range.endContainer);
}

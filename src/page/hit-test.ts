/**
 * Which detection is under the pointer? The caret position at the point gives a text node
 * and offset; the text map turns that into an article offset; sorted spans give the
 * detection; the span's own rectangles confirm the pointer is really on it (the caret
 * snaps to the nearest character even in a margin).
 */
import { domPointsAt, segmentOf, type TextMap, textOffsetAt } from './text-map';

export interface Span {
  start: number;
  end: number;
}

function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const withPosition = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (withPosition.caretPositionFromPoint) {
    const p = withPosition.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = withPosition.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

/** The article text offset under the point, or null when the point is not over article text. */
export function textOffsetAtPoint(doc: Document, map: TextMap, x: number, y: number): number | null {
  const caret = caretAt(doc, x, y);
  if (!caret || caret.node.nodeType !== 3 || !segmentOf(map, caret.node)) return null;
  return textOffsetAt(map, caret.node, caret.offset, doc);
}

/** Spans (sorted by start) that contain `offset`, innermost first. */
export function spansAt<T extends Span>(sorted: readonly T[], offset: number): T[] {
  const hits: T[] = [];
  for (const span of sorted) {
    if (span.start > offset) break;
    if (offset >= span.start && offset < span.end) hits.push(span);
  }
  return hits.sort((a, b) => a.end - a.start - (b.end - b.start));
}

export function rangeOf(doc: Document, map: TextMap, span: Span): Range | null {
  const points = domPointsAt(map, span.start, span.end);
  if (!points) return null;
  const range = doc.createRange();
  range.setStart(points.start.node, points.start.offset);
  range.setEnd(points.end.node, points.end.offset);
  return range;
}

export function rangeContainsPoint(range: Range, x: number, y: number): boolean {
  for (const rect of range.getClientRects()) {
    if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return true;
  }
  return false;
}

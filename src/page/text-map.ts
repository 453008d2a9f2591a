/**
 * The article as text, and the way back to the DOM. Detection, quote selectors and
 * re-anchoring all work on this one string; `rangeAt` and `offsetsOf` translate between its
 * offsets and DOM positions. White space is collapsed the way a reader sees it (runs become
 * one space, block boundaries become a newline), except inside <pre>.
 */

export interface TextSegment {
  node: Text;
  /** Offsets of this node's visible characters in the map's text. */
  start: number;
  end: number;
  /**
   * Offset in `node.data` of each character in text[start..end], plus one past the end;
   * absent when the node's text is used unchanged (the common case).
   */
  nodeOffsets?: Uint32Array;
}

export interface TextMap {
  text: string;
  segments: TextSegment[];
}

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI',
  'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD',
  'TR', 'UL',
]);

export type SkipRule = (element: Element) => boolean;

/** Text that collapses differently from how it is stored: tabs, line breaks, or two spaces in a row. */
const NEEDS_COLLAPSING = /[\t\n\r\f]| {2}/;

/**
 * `skipTextIn`: elements whose own text nodes are left out while their child elements are
 * read (an embedded tweet's chrome around its paragraph).
 */
export function buildTextMap(root: Element, skip: SkipRule = () => false, skipTextIn?: SkipRule): TextMap {
  const segments: TextSegment[] = [];
  const parts: string[] = [];
  let length = 0;
  // What the text ends with, to collapse white space across node boundaries.
  let last: 'start' | 'space' | 'newline' | 'char' = 'start';

  const emit = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  const breakLine = () => {
    if (last === 'char' || last === 'space') {
      if (last === 'space') {
        // A trailing space before a block boundary is dropped, not turned into " \n".
        const prev = parts[parts.length - 1]!;
        parts[parts.length - 1] = prev.slice(0, -1);
        length -= 1;
        const seg = segments[segments.length - 1];
        if (seg && seg.end > length) trimSegmentEnd(seg, length);
      }
      emit('\n');
      last = 'newline';
    }
  };

  const addText = (node: Text, preformatted: boolean) => {
    const data = node.data;
    if (data.length === 0) return;
    const start = length;
    if (preformatted) {
      emit(data);
      segments.push({ node, start, end: length });
      if (data.length) last = data.endsWith('\n') ? 'newline' : 'char';
      return;
    }
    // Most text nodes need no collapsing: single spaces between words, no tabs or line breaks.
    // They are taken whole, with no per-character work and no offset table.
    const first = data.charCodeAt(0);
    if (!NEEDS_COLLAPSING.test(data) && (first !== 32 || last === 'char')) {
      emit(data);
      segments.push({ node, start, end: length });
      last = data.charCodeAt(data.length - 1) === 32 ? 'space' : 'char';
      return;
    }
    // Otherwise copy runs of visible characters as slices, and record where each output
    // character came from in the node (for the way back to the DOM).
    const offsets = new Uint32Array(data.length + 1);
    const pieces: string[] = [];
    let n = 0;
    let runStart = -1;
    for (let i = 0; i < data.length; i++) {
      const c = data.charCodeAt(i);
      const collapsible = c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
      if (!collapsible) {
        if (runStart < 0) runStart = i;
        offsets[n++] = i;
        last = 'char';
        continue;
      }
      if (runStart >= 0) {
        pieces.push(data.slice(runStart, i));
        runStart = -1;
      }
      if (last === 'char') {
        pieces.push(' ');
        offsets[n++] = i;
        last = 'space';
      }
    }
    if (runStart >= 0) pieces.push(data.slice(runStart));
    if (n === 0) return;
    const out = pieces.join('');
    offsets[n] = offsets[n - 1]! + 1;
    emit(out);
    segments.push({ node, start, end: length, nodeOffsets: offsets.slice(0, n + 1) });
  };

  const walk = (element: Element, preformatted: boolean) => {
    const ownText = !skipTextIn?.(element);
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        if (ownText) addText(child as Text, preformatted);
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (skip(el)) continue;
        const tag = el.tagName.toUpperCase();
        const block = BLOCK_TAGS.has(tag);
        if (block) breakLine();
        if (tag !== 'BR') walk(el, preformatted || tag === 'PRE');
        if (block) breakLine();
      }
    }
  };

  walk(root, false);
  let text = parts.join('');
  // Drop the trailing separator so the text ends with the article's last character.
  while (text.endsWith('\n') || text.endsWith(' ')) {
    text = text.slice(0, -1);
    const seg = segments[segments.length - 1];
    if (seg && seg.end > text.length) trimSegmentEnd(seg, text.length);
  }
  return { text, segments: segments.filter((s) => s.end > s.start) };
}

function trimSegmentEnd(segment: TextSegment, end: number) {
  segment.end = Math.max(segment.start, end);
  if (segment.nodeOffsets) {
    const keep = segment.end - segment.start;
    const offsets = segment.nodeOffsets.slice(0, keep + 1);
    offsets[keep] = keep > 0 ? segment.nodeOffsets[keep - 1]! + 1 : 0;
    segment.nodeOffsets = offsets;
  }
}

/** Index of the segment holding text offset `offset` (the first one starting at or after it on ties). */
function segmentIndexAt(map: TextMap, offset: number, preferEnd: boolean): number {
  const { segments } = map;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const seg = segments[mid]!;
    if (preferEnd ? offset <= seg.start : offset < seg.start) hi = mid - 1;
    else if (preferEnd ? offset > seg.end : offset >= seg.end) lo = mid + 1;
    else return mid;
  }
  return Math.min(lo, segments.length - 1);
}

function nodeOffset(segment: TextSegment, offset: number): number {
  const within = Math.max(0, Math.min(offset - segment.start, segment.end - segment.start));
  return segment.nodeOffsets ? segment.nodeOffsets[within]! : within;
}

export interface DomPoint {
  node: Text;
  offset: number;
}

/** DOM positions of text offsets [start, end), or null when the span is empty or outside the text. */
export function domPointsAt(map: TextMap, start: number, end: number): { start: DomPoint; end: DomPoint } | null {
  if (map.segments.length === 0 || start >= end || start < 0 || end > map.text.length) return null;
  const first = map.segments[segmentIndexAt(map, start, false)]!;
  const last = map.segments[segmentIndexAt(map, end, true)]!;
  // A span starting on a block separator begins at the next node.
  const startPoint = start < first.start ? { node: first.node, offset: nodeOffset(first, first.start) } : { node: first.node, offset: nodeOffset(first, start) };
  const endPoint = end > last.end ? { node: last.node, offset: nodeOffset(last, last.end) } : { node: last.node, offset: nodeOffset(last, end) };
  return { start: startPoint, end: endPoint };
}

const segmentIndexes = new WeakMap<TextMap, Map<Node, TextSegment>>();

/** The segment of a text node, through an index built once per map (hover hit-testing asks often). */
export function segmentOf(map: TextMap, node: Node): TextSegment | undefined {
  let index = segmentIndexes.get(map);
  if (!index) {
    index = new Map(map.segments.map((s) => [s.node as Node, s]));
    segmentIndexes.set(map, index);
  }
  return index.get(node);
}

/** Text offset of a DOM position inside the mapped root, or null when it is outside any mapped text. */
export function textOffsetAt(map: TextMap, container: Node, offset: number, ownerDocument: Document): number | null {
  if (container.nodeType === 3) {
    const seg = segmentOf(map, container);
    if (seg) {
      if (!seg.nodeOffsets) return seg.start + Math.min(offset, seg.end - seg.start);
      const offsets = seg.nodeOffsets;
      let i = 0;
      while (i < offsets.length - 1 && offsets[i]! < offset) i++;
      return seg.start + i;
    }
  }
  // Otherwise: the first mapped text node at or after the position.
  const probe = ownerDocument.createRange();
  probe.setStart(container, offset);
  for (const seg of map.segments) {
    const r = ownerDocument.createRange();
    r.selectNodeContents(seg.node);
    if (probe.compareBoundaryPoints(0 /* START_TO_START */, r) <= 0) return seg.start;
  }
  return map.text.length;
}

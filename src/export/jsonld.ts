/**
 * W3C Web Annotation JSON-LD export: one AnnotationCollection with its items embedded in
 * the first AnnotationPage (https://www.w3.org/TR/annotation-model/#annotation-collection).
 * Checked against the W3C's own conformance assertions in tests/unit/export/w3c-conformance.test.ts.
 *
 * Each item is our stored record without its own "@context" (the collection's applies).
 * The `claimlens` object is our extension; JSON-LD processors that do not know it ignore it,
 * and our importer reads it back so an export → import round trip loses nothing.
 */
import { ANNOTATION_CONTEXT, type Annotation } from '../annotation/record';
import { type AnnotationSource, type StreamOptions, chunkedGroups } from './stream';

export interface ExportOptions {
  /** IRI of the collection; an urn keeps the file self-contained. */
  id: string;
  label: string;
  generated: Date;
}

export const JSONLD_MIME = 'application/ld+json';

export function toAnnotationItem(annotation: Annotation) {
  const { '@context': _context, ...rest } = annotation;
  return rest;
}

export function toAnnotationCollection(annotations: readonly Annotation[], options: ExportOptions) {
  const items = annotations.map(toAnnotationItem);
  return {
    '@context': ANNOTATION_CONTEXT,
    id: options.id,
    type: 'AnnotationCollection',
    label: options.label,
    generated: options.generated.toISOString(),
    first: {
      id: `${options.id}#page1`,
      type: 'AnnotationPage',
      startIndex: 0,
      items,
    },
    // Last, so a streamed export can write the count it actually wrote.
    total: items.length,
  };
}

export function exportJsonLd(annotations: readonly Annotation[], options: ExportOptions): string {
  return JSON.stringify(toAnnotationCollection(annotations, options), null, 2);
}

/**
 * JSON.stringify indents by depth, so items nested three arrays deep come out indented as the
 * collection's items are: one native call per chunk, rather than one per record plus a pass
 * re-indenting its lines. What is cut off is the three brackets around them.
 */
const NESTED_HEAD = '[\n  [\n    [';
const NESTED_TAIL = '\n    ]\n  ]\n]';

/** The items as they sit in the collection's page: `\n      {…},\n      {…}`. */
function itemsText(annotations: readonly Annotation[]): string {
  const nested = JSON.stringify([[annotations.map(toAnnotationItem)]], null, 2);
  return nested.slice(NESTED_HEAD.length, nested.length - NESTED_TAIL.length);
}

/**
 * The same text as `exportJsonLd`, byte for byte, as chunks. The head and tail are the
 * collection with an empty page, split where the items go.
 */
export async function* streamJsonLd(
  source: AnnotationSource,
  options: ExportOptions & StreamOptions,
): AsyncGenerator<string, void, undefined> {
  const empty = JSON.stringify(toAnnotationCollection([], options), null, 2);
  const marker = '"items": []';
  const at = empty.indexOf(marker);
  yield `${empty.slice(0, at)}"items": [`;
  const records = chunkedGroups(source, (annotations, first) => `${first ? ',' : ''}${itemsText(annotations)}`, options);
  let count = 0;
  for (;;) {
    const next = await records.next();
    if (next.done) {
      count = next.value;
      break;
    }
    yield next.value;
  }
  const tail = empty.slice(at + marker.length).replace('"total": 0', `"total": ${count}`);
  yield `${count ? '\n    ]' : ']'}${tail}`;
}

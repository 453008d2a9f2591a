/**
 * W3C Web Annotation JSON-LD export: one AnnotationCollection with its items embedded in
 * the first AnnotationPage (https://www.w3.org/TR/annotation-model/#annotation-collection).
 */
import { ANNOTATION_CONTEXT, type Annotation } from '../annotation/record';

export interface ExportOptions {
  /** IRI of the collection; an urn keeps the file self-contained. */
  id: string;
  label: string;
  generated: Date;
}

export function toAnnotationCollection(annotations: readonly Annotation[], options: ExportOptions) {
  const items = annotations.map(({ '@context': _context, ...rest }) => rest);
  return {
    '@context': ANNOTATION_CONTEXT,
    id: options.id,
    type: 'AnnotationCollection',
    label: options.label,
    generated: options.generated.toISOString(),
    total: items.length,
    first: {
      id: `${options.id}#page1`,
      type: 'AnnotationPage',
      startIndex: 0,
      items,
    },
  };
}

export function exportJsonLd(annotations: readonly Annotation[], options: ExportOptions): string {
  return JSON.stringify(toAnnotationCollection(annotations, options), null, 2);
}

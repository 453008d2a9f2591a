/**
 * The annotation record: a W3C Web Annotation (https://www.w3.org/TR/annotation-model/)
 * with one Claimlens extension object. It is what the store holds and what JSON-LD export
 * writes, so this file is the one definition of it.
 */

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export type AnnotationKind = 'actor' | 'claim' | 'manual';
export type Sourcing = 'named' | 'vague' | 'unattributed';
export type Motivation = 'highlighting' | 'commenting' | 'tagging';

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  purpose: 'commenting' | 'tagging';
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** Offsets in UTF-16 code units into the article text (see src/page/text-map.ts). */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export type Selector = TextQuoteSelector | TextPositionSelector;

export interface AnnotationTarget {
  /** Canonical URL of the page, tracking parameters removed. */
  source: string;
  title: string;
  selector: Selector[];
}

export interface ClaimlensMeta {
  kind: AnnotationKind;
  actors: string[];
  speaker: string | null;
  sourcing: Sourcing | null;
  /** Hostname of `target.source`, without a leading "www.". */
  site: string;
  /** The address the reader actually had open, when it differs from `target.source`. */
  rawUrl?: string;
}

export interface Annotation {
  '@context': typeof ANNOTATION_CONTEXT;
  type: 'Annotation';
  id: string;
  created: string;
  modified: string;
  motivation: Motivation;
  body: TextualBody[];
  target: AnnotationTarget;
  claimlens: ClaimlensMeta;
}

export function quoteSelectorOf(annotation: Annotation): TextQuoteSelector | undefined {
  return annotation.target.selector.find(
    (s): s is TextQuoteSelector => s.type === 'TextQuoteSelector',
  );
}

export function positionSelectorOf(annotation: Annotation): TextPositionSelector | undefined {
  return annotation.target.selector.find(
    (s): s is TextPositionSelector => s.type === 'TextPositionSelector',
  );
}

export function noteOf(annotation: Annotation): string {
  return annotation.body.find((b) => b.purpose === 'commenting')?.value ?? '';
}

export function tagsOf(annotation: Annotation): string[] {
  return annotation.body.filter((b) => b.purpose === 'tagging').map((b) => b.value);
}

/** Turns what the page sent (a validated draft) into the stored W3C record. */
import type { AnnotationDraft } from '../messages';
import { ANNOTATION_CONTEXT, type Annotation, type TextualBody } from './record';
import { canonicalUrl, siteOf } from './url';

export interface BuildContext {
  now: Date;
  newId: () => string;
}

export function buildAnnotation(draft: AnnotationDraft, context: BuildContext): Annotation {
  const source = canonicalUrl(draft.pageUrl, draft.canonicalLink);
  const note = draft.note.trim();
  const tags = [...new Set(draft.tags.map((t) => t.trim()).filter(Boolean))];
  const body: TextualBody[] = [
    ...(note ? [{ type: 'TextualBody' as const, value: note, purpose: 'commenting' as const }] : []),
    ...tags.map((value) => ({ type: 'TextualBody' as const, value, purpose: 'tagging' as const })),
  ];
  const stamp = context.now.toISOString();
  const rawUrl = draft.pageUrl !== source ? draft.pageUrl : undefined;
  return {
    '@context': ANNOTATION_CONTEXT,
    type: 'Annotation',
    id: `urn:uuid:${context.newId()}`,
    created: stamp,
    modified: stamp,
    motivation: note ? 'commenting' : tags.length ? 'tagging' : 'highlighting',
    body,
    target: {
      source,
      title: draft.title.trim(),
      selector: [
        { type: 'TextQuoteSelector', exact: draft.exact, prefix: draft.prefix, suffix: draft.suffix },
        { type: 'TextPositionSelector', start: draft.start, end: draft.end },
      ],
    },
    claimlens: {
      kind: draft.kind,
      actors: [...new Set(draft.actors)],
      speaker: draft.speaker,
      sourcing: draft.sourcing,
      site: siteOf(source),
      ...(rawUrl ? { rawUrl } : {}),
    },
  };
}

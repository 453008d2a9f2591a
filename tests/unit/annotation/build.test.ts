import { describe, expect, it } from 'vitest';
import { buildAnnotation } from '../../../src/annotation/build';
import type { AnnotationDraft } from '../../../src/messages';

const draft: AnnotationDraft = {
  exact: 'Officials cautioned that plans could change',
  prefix: 'neighboring states. ',
  suffix: ' as diplomacy continues',
  start: 100,
  end: 143,
  pageUrl: 'https://www.ledger.example/world/a?utm_source=feed',
  canonicalLink: null,
  title: '  Washington weighs new restrictions ',
  note: '',
  tags: [],
  kind: 'manual',
  actors: ['Washington', 'Washington'],
  speaker: null,
  sourcing: null,
};
const context = { now: new Date('2026-11-23T10:00:00Z'), newId: () => '0b8f0e4c-1111-4222-8333-444455556666' };

describe('buildAnnotation', () => {
  it('makes a W3C annotation with quote and position selectors on the canonical address', () => {
    expect(buildAnnotation(draft, context)).toEqual({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: 'urn:uuid:0b8f0e4c-1111-4222-8333-444455556666',
      created: '2026-11-23T10:00:00.000Z',
      modified: '2026-11-23T10:00:00.000Z',
      motivation: 'highlighting',
      body: [],
      target: {
        source: 'https://www.ledger.example/world/a',
        title: 'Washington weighs new restrictions',
        selector: [
          { type: 'TextQuoteSelector', exact: draft.exact, prefix: draft.prefix, suffix: draft.suffix },
          { type: 'TextPositionSelector', start: 100, end: 143 },
        ],
      },
      claimlens: {
        kind: 'manual',
        actors: ['Washington'],
        speaker: null,
        sourcing: null,
        site: 'ledger.example',
        rawUrl: 'https://www.ledger.example/world/a?utm_source=feed',
      },
    });
  });

  it('turns a note into a commenting body and tags into tagging bodies, without blanks or repeats', () => {
    const annotation = buildAnnotation({ ...draft, note: ' check this ', tags: ['dprk', ' dprk ', '', 'sanctions'] }, context);
    expect(annotation.motivation).toBe('commenting');
    expect(annotation.body).toEqual([
      { type: 'TextualBody', value: 'check this', purpose: 'commenting' },
      { type: 'TextualBody', value: 'dprk', purpose: 'tagging' },
      { type: 'TextualBody', value: 'sanctions', purpose: 'tagging' },
    ]);
  });

  it('omits rawUrl when the tab address already is the canonical one', () => {
    const annotation = buildAnnotation({ ...draft, pageUrl: 'https://ledger.example/a' }, context);
    expect(annotation.claimlens).not.toHaveProperty('rawUrl');
  });
});

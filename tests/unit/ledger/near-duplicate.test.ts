/**
 * Wire copy as outlets really edit it. The figures in the comments are the measured Jaccard
 * similarity of the word-pair shingles (J) and the containment of the shorter in the longer
 * (C); they are why MIN_JACCARD is 0.5 and MIN_CONTAINMENT 0.8: the weakest true variant
 * below sits at J 0.52, the closest false pair at J 0.35.
 */
import { describe, expect, it } from 'vitest';
import {
  BANDS,
  MIN_JACCARD,
  bandKeys,
  isNearDuplicate,
  normalise,
  overlap,
  shingles,
} from '../../../src/ledger/near-duplicate';

const sharedBands = (a: string, b: string) => {
  const keys = new Set(bandKeys(a));
  return bandKeys(b).filter((k) => keys.has(k)).length;
};

const SAME_WIRE_COPY: [string, string, string][] = [
  [
    '“said on Tuesday” against “said Tuesday”, “that” dropped (J 1.00)',
    'Jake Sullivan said on Tuesday that Washington would keep working to persuade North Korea to abandon plans to provide weapons to Russia.',
    'Jake Sullivan said Tuesday Washington would keep working to persuade North Korea to abandon plans to provide weapons to Russia.',
  ],
  [
    'a trailing clause cut (J 0.68, C 1.00)',
    'Jake Sullivan said Washington would keep working to persuade North Korea to abandon plans to provide weapons or other support to Russia, while keeping channels open for dialogue with partners in the region.',
    'Jake Sullivan said Washington would keep working to persuade North Korea to abandon plans to provide weapons or other support to Russia.',
  ],
  [
    'another attribution tail, straight quotes (J 0.52)',
    '“We will keep working to persuade North Korea to abandon plans to provide weapons to Russia,” National Security Adviser Jake Sullivan told reporters at the White House.',
    '"We will keep working to persuade North Korea to abandon plans to provide weapons to Russia," Sullivan said in a statement.',
  ],
  [
    'attribution moved from the front to the end (J 0.61)',
    'Ursula von der Leyen said the European Union would impose tariffs of up to 35% on Chinese electric vehicles from July.',
    'The EU will impose tariffs of up to 35% on Chinese electric vehicles from July, Commission President Ursula von der Leyen said.',
  ],
  [
    'curly quotes, dashes and digit grouping (J 1.00)',
    'The ministry said the 9,000-tonne shipment — the largest so far — would arrive “within weeks”.',
    "The ministry said the 9000-tonne shipment - the largest so far - would arrive 'within weeks'.",
  ],
];

const DIFFERENT_CLAIMS: [string, string, string][] = [
  [
    'same speaker, same opening, another claim (J 0.18)',
    'Jake Sullivan said Washington would keep working to persuade North Korea to abandon plans to provide weapons to Russia.',
    'Jake Sullivan said Washington would impose new sanctions on Russian banks that finance arms purchases from North Korea.',
  ],
  [
    'same template, other facts (J 0.18)',
    'The ministry said the shipment of grain would arrive in Odesa within weeks.',
    'The ministry said the delegation of officials would arrive in Beijing within days.',
  ],
  [
    'same speaker and subject, opposite policy (J 0.35)',
    'Sullivan said Washington would keep working with allies to deter North Korea.',
    'Sullivan said Washington would not rule out acting alone to deter North Korea.',
  ],
  [
    'same sentence shape, other numbers and places (J 0.33)',
    'Officials said 12 people were killed and 40 injured in the strike on Kharkiv on Monday.',
    'Officials said 3 people were killed and 9 injured in the strike on Odesa on Friday.',
  ],
];

describe('near-identical sentences', () => {
  it.each(SAME_WIRE_COPY)('match: %s', (_name, a, b) => {
    expect(isNearDuplicate(a, b)).toBe(true);
    expect(isNearDuplicate(b, a)).toBe(true);
    // …and the index would find them: they share at least one LSH band.
    expect(sharedBands(a, b)).toBeGreaterThan(0);
  });

  it.each(DIFFERENT_CLAIMS)('no match: %s', (_name, a, b) => {
    expect(isNearDuplicate(a, b)).toBe(false);
    expect(overlap(shingles(a), shingles(b)).jaccard).toBeLessThan(MIN_JACCARD - 0.1);
  });

  it('a sentence cut to a fragment of the other is not the same copy', () => {
    const long =
      'Jake Sullivan said Washington would keep working to persuade North Korea to abandon plans to provide weapons or other support to Russia, while keeping channels open for dialogue with partners in the region and allies in Europe and Asia.';
    expect(isNearDuplicate(long, 'Jake Sullivan said Washington would keep working to persuade North Korea.')).toBe(false);
  });

  it('short generic sentences match nothing and get no band keys', () => {
    expect(bandKeys('He said it would.')).toEqual([]);
    expect(isNearDuplicate('He said it would.', 'He said it would.')).toBe(false);
  });

  it('band keys are stable across calls (stored keys stay findable) and one per band', () => {
    const text = SAME_WIRE_COPY[0]![1];
    const keys = bandKeys(text);
    expect(keys).toHaveLength(BANDS);
    expect(new Set(keys).size).toBe(BANDS);
    expect(bandKeys(text)).toEqual(keys);
    expect(keys.every((k) => /^[0-9a-z]+:[0-9a-z]+$/.test(k))).toBe(true);
  });

  it('normalises case, accents, quotes, dashes, punctuation and digit groups, keeping digits', () => {
    expect(normalise('  Élysée’s “9,000” — U.S.-led  ')).toBe('elysees 9000 u s led');
    expect(normalise('Russia\u2019s 3.5% rise')).toBe('russias 35 rise');
  });
});

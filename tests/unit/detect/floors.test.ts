/**
 * Correctness floors on the team's gold data (a little under the figures `npm run eval`
 * measures), so a regression fails the build. The gold data lives in ../shared beside the
 * repository and is never copied in; without it these tests are skipped, visibly.
 * Timing is measured by `npm run eval`, not here.
 */
import { describe, expect, it } from 'vitest';
import { scoreConll } from '../../../scripts/eval/conll';
import { hasShared } from '../../../scripts/eval/paths';
import { scorePolnear } from '../../../scripts/eval/polnear';
import { NEWS_DEV_GOLD, scoreSeeds } from '../../../scripts/eval/seeds';
import { modelDetector } from '../../../scripts/eval/detector';

// What ships: detection with the trained models.
const run = modelDetector();

describe.skipIf(!hasShared)('detection floors on ../shared/gold (skipped: ../shared/gold not found)', () => {
  it('seed articles: actors, claims, speakers, no chrome', () => {
    const s = scoreSeeds(run);
    for (const type of ['person', 'organization', 'place'] as const) {
      expect(s.actors[type].precision, `${type} precision`).toBeGreaterThanOrEqual(0.95);
      expect(s.actors[type].recall, `${type} recall`).toBeGreaterThanOrEqual(0.95);
    }
    expect(s.claims.f1).toBeGreaterThanOrEqual(0.93);
    expect(s.speakerAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(s.sourcingAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(s.chromeHighlights).toBe(0);
  });

  it('CoNLL-2003 valid: entity micro F1 (PER/ORG/LOC, exact span and type)', () => {
    const c = scoreConll(undefined, Infinity, undefined, run);
    expect(c.micro.f1).toBeGreaterThanOrEqual(CONLL_FLOOR);
    expect(c.byType.PER.f1).toBeGreaterThanOrEqual(0.92);
    expect(c.byType.ORG.f1).toBeGreaterThanOrEqual(0.85);
    expect(c.byType.LOC.f1).toBeGreaterThanOrEqual(0.92);
  });

  it('news dev gold: actors per type, no page chrome painted as an actor', () => {
    const s = scoreSeeds(run, NEWS_DEV_GOLD);
    for (const type of ['person', 'place'] as const) {
      expect(s.actors[type].precision, `${type} precision`).toBeGreaterThanOrEqual(0.93);
      expect(s.actors[type].recall, `${type} recall`).toBeGreaterThanOrEqual(0.93);
    }
    expect(s.actors.organization.precision, 'organization precision').toBeGreaterThanOrEqual(0.83);
    expect(s.actors.organization.recall, 'organization recall').toBeGreaterThanOrEqual(0.86);
  });

  it('PolNeAR dev: sentence-level attribution, Source and Cue spans', () => {
    const p = scorePolnear('dev', Infinity, run);
    expect(p.sentence.f1).toBeGreaterThanOrEqual(POLNEAR_SENTENCE_FLOOR);
    expect(p.source.f1).toBeGreaterThanOrEqual(POLNEAR_SOURCE_FLOOR);
    expect(p.cue.f1).toBeGreaterThanOrEqual(POLNEAR_CUE_FLOOR);
  });
});

// Floors: a point or two under the measured figures (issue 11's closing note for CoNLL and
// the news dev gold; issue 3's for PolNeAR).
const CONLL_FLOOR = 0.91;
const POLNEAR_SENTENCE_FLOOR = 0.79;
const POLNEAR_SOURCE_FLOOR = 0.7;
const POLNEAR_CUE_FLOOR = 0.66;

describe.skipIf(hasShared)('detection floors (../shared/gold absent)', () => {
  it.skip('skipped: gold data not found at ../shared/gold beside the repository', () => {});
});

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
import { shippedModels } from '../../../src/detect/models/node';
import { roleSpans } from '../../../scripts/train/claims';

// What ships: detection with the trained models.
const run = modelDetector();

describe.skipIf(!hasShared)('detection floors on ../shared/gold (skipped: ../shared/gold not found)', () => {
  it('seed articles: actors, and nothing on the page chrome', () => {
    const s = scoreSeeds(run);
    for (const type of ['person', 'organization', 'place'] as const) {
      expect(s.actors[type].precision, `${type} precision`).toBeGreaterThanOrEqual(0.95);
      expect(s.actors[type].recall, `${type} recall`).toBeGreaterThanOrEqual(0.95);
    }
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
});

describe.skipIf(!hasShared)('claims with the shipped models on ../shared/gold (skipped: ../shared/gold not found)', () => {
  const models = shippedModels();
  const run = modelDetector(models);

  it('PolNeAR dev: sentence holds a Cue, Source, Cue and Content spans, speaker', () => {
    const p = scorePolnear('dev', Infinity, run, (text) => roleSpans(text, models));
    expect(p.sentence.f1).toBeGreaterThanOrEqual(CLAIMS_FLOORS.polnearSentence);
    expect(p.sentence.precision).toBeGreaterThanOrEqual(CLAIMS_FLOORS.polnearSentencePrecision);
    expect(p.source.f1).toBeGreaterThanOrEqual(CLAIMS_FLOORS.polnearSource);
    expect(p.cue.f1).toBeGreaterThanOrEqual(CLAIMS_FLOORS.polnearCue);
    expect(p.content.f1).toBeGreaterThanOrEqual(CLAIMS_FLOORS.polnearContent);
    expect(p.speakerAccuracy).toBeGreaterThanOrEqual(CLAIMS_FLOORS.polnearSpeaker);
  });

  it('news dev gold and seeds: claims, speakers, sourcing', () => {
    const news = scoreSeeds(run, NEWS_DEV_GOLD);
    expect(news.claims.f1).toBeGreaterThanOrEqual(CLAIMS_FLOORS.newsClaims);
    expect(news.speakerAccuracy).toBeGreaterThanOrEqual(CLAIMS_FLOORS.newsSpeaker);
    expect(news.sourcingAccuracy).toBeGreaterThanOrEqual(CLAIMS_FLOORS.newsSourcing);
    expect(news.notClaimHits).toBeLessThanOrEqual(CLAIMS_FLOORS.newsNotClaimHitsAtMost);
    const seeds = scoreSeeds(run);
    expect(seeds.claims.f1).toBeGreaterThanOrEqual(CLAIMS_FLOORS.seedClaims);
    expect(seeds.speakerAccuracy).toBeGreaterThanOrEqual(CLAIMS_FLOORS.seedSpeaker);
  });
});

// The trained claims model (issue 12): a little under `npm run -s eval`'s figures.
const CLAIMS_FLOORS = {
  polnearSentence: 0.82,
  polnearSentencePrecision: 0.9,
  polnearSource: 0.72,
  polnearCue: 0.68,
  polnearContent: 0.83,
  polnearSpeaker: 0.93,
  newsClaims: 0.9,
  newsSpeaker: 0.89,
  newsSourcing: 0.89,
  newsNotClaimHitsAtMost: 2,
  seedClaims: 0.92,
  seedSpeaker: 0.85,
};

// Floors: a point or two under the measured figures (issue 11's closing note).
const CONLL_FLOOR = 0.91;

describe.skipIf(hasShared)('detection floors (../shared/gold absent)', () => {
  it.skip('skipped: gold data not found at ../shared/gold beside the repository', () => {});
});

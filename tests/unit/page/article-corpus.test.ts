/**
 * Floors for how well the article is found on the real pages in ../shared/corpus (a little
 * under what `npm run -s scope` measures, so a regression fails and noise does not).
 * The corpus is not part of the repository; without it these tests are skipped, loudly.
 */
import { describe, expect, it } from 'vitest';
import { hasCorpus, listCorpus } from '../../../scripts/scope/corpus';
import { type PageResult, evaluatePage } from '../../../scripts/scope/evaluate';
import { f1, mean } from '../../../scripts/scope/measure';

if (!hasCorpus) console.warn('article-corpus: ../shared/corpus not found next to the repository; corpus floors skipped');

describe.skipIf(!hasCorpus)('article scope on the shared corpus (skipped: ../shared/corpus not found)', () => {
  // Ours only: Readability's side of the comparison is for `npm run -s scope`, not the test run.
  let results: PageResult[] = [];
  const run = () => (results.length ? results : (results = listCorpus().map((page) => evaluatePage(page, { readability: false }))));

  it('covers the whole corpus', () => {
    expect(run().length).toBeGreaterThanOrEqual(61);
  });

  it('finds the true article text: token 4-shingle macro precision, recall and F1 (measured 0.975, 0.971, 0.973)', () => {
    const scored = run().flatMap((r) => (r.ours ? [r.ours] : []));
    expect(scored.length).toBeGreaterThanOrEqual(45);
    const precision = mean(scored.map((o) => o.precision));
    const recall = mean(scored.map((o) => o.recall));
    expect(precision).toBeGreaterThanOrEqual(0.965);
    expect(recall).toBeGreaterThanOrEqual(0.96);
    expect(f1(precision, recall)).toBeGreaterThanOrEqual(0.965);
  });

  it('leaves captions, credits and inserts out on the human-labelled pages (scrapinghub: measured P 0.971, R 0.990)', () => {
    const scored = run().flatMap((r) => (r.ours && r.source === 'scrapinghub' ? [r.ours] : []));
    expect(scored.length).toBeGreaterThanOrEqual(31);
    expect(mean(scored.map((o) => o.precision))).toBeGreaterThanOrEqual(0.96);
    expect(mean(scored.map((o) => o.recall))).toBeGreaterThanOrEqual(0.98);
  });

  it('finds an article on every article page, and the start of the body on most lead-only pages', () => {
    const articles = run().filter((r) => !r.frontPage);
    expect(articles.filter((r) => !r.found).map((r) => r.id)).toEqual([]);
    const leads = articles.filter((r) => r.leadOurs !== null);
    expect(leads.filter((r) => r.leadOurs).length).toBeGreaterThanOrEqual(10);
  });

  it('stays quiet on the section front pages', () => {
    const front = run().filter((r) => r.frontPage);
    expect(front.map((r) => r.id).sort()).toEqual(['readability/nytimes-5', 'readability/yahoo-2']);
    expect(front.filter((r) => r.found).map((r) => r.id)).toEqual([]);
  });

  it('finds the headline on most article pages (measured 51 of 59)', () => {
    const named = run().filter((r) => r.headlineMatches !== null);
    expect(named.filter((r) => r.headlineMatches).length).toBeGreaterThanOrEqual(48);
  });
});

/**
 * How well Claimlens finds the article: token precision and recall of the text it takes as
 * the article against the corpus' true article texts, side by side with Readability.js on the
 * same pages in the same run. `npm run -s scope` prints a table; `-- --json` prints JSON.
 * Timings are happy-dom in Node (slower than a browser's DOM): the first run on each page
 * (cold, as in a content script) and the fastest of 3 (`--repeat N`); `npm run bench`
 * measures Chromium.
 */
import { corpusDir, hasCorpus, listCorpus } from './scope/corpus';
import { type PageResult, evaluatePage } from './scope/evaluate';
import { f1, mean, median } from './scope/measure';
import { showPage } from './scope/show';

const json = process.argv.includes('--json');

if (!hasCorpus) {
  const message = `no corpus at ${corpusDir}: nothing to measure`;
  if (json) console.log(JSON.stringify({ error: message }));
  else console.error(message);
  process.exit(1);
}

const pages = listCorpus();
const show = process.argv.indexOf('--show');
if (show > 0) {
  const wanted = process.argv[show + 1] ?? '';
  for (const page of pages.filter((p) => p.id.includes(wanted))) showPage(page);
  process.exit(0);
}
const repeatAt = process.argv.indexOf('--repeat');
// The fastest of a few runs says what the code costs rather than when the garbage collector
// or another process happened to run; the first run is what a reader's page pays.
const repeat = repeatAt > 0 ? Number(process.argv[repeatAt + 1]) || 1 : 3;
const results: PageResult[] = pages.map((page) => evaluatePage(page, { repeat }));

interface Figures {
  pages: number;
  precision: number;
  recall: number;
  precisionMedian: number;
  recallMedian: number;
  microPrecision: number;
  microRecall: number;
}

function figures(list: PageResult[], which: 'ours' | 'readability' | 'oursBag' | 'readabilityBag'): Figures {
  const scored = list.map((r) => r[which]).filter((o) => o !== null);
  const both = scored.reduce((s, o) => s + o.both, 0);
  return {
    pages: scored.length,
    precision: mean(scored.map((o) => o.precision)),
    recall: mean(scored.map((o) => o.recall)),
    precisionMedian: median(scored.map((o) => o.precision)),
    recallMedian: median(scored.map((o) => o.recall)),
    microPrecision: both / Math.max(1, scored.reduce((s, o) => s + o.found, 0)),
    microRecall: both / Math.max(1, scored.reduce((s, o) => s + o.truth, 0)),
  };
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));
const ours = figures(results, 'ours');
const theirs = figures(results, 'readability');
const oursBag = figures(results, 'oursBag');
const theirsBag = figures(results, 'readabilityBag');
const front = results.filter((r) => r.frontPage);
/** Pages where Readability.js sees an article and there is a true body, but we find none. */
const missed = results.filter((r) => r.hasTrueBody && r.probablyReaderable && !r.found);
const leads = results.filter((r) => r.leadOurs !== null);
const headlines = results.filter((r) => r.headlineMatches !== null);
const articles = results.filter((r) => !r.frontPage);

const summary = {
  scope: {
    pages: results.length,
    scoredPages: ours.pages,
    metric: 'token 4-shingles (scrapinghub): P and R averaged over pages, F1 of the means',
    precision: round(ours.precision),
    recall: round(ours.recall),
    f1: round(f1(ours.precision, ours.recall)),
    readabilityF1: round(f1(theirs.precision, theirs.recall)),
    articlesMissed: missed.length,
    articlesMissedPages: missed.map((r) => r.id),
    bagPrecision: round(oursBag.precision),
    bagRecall: round(oursBag.recall),
    readabilityBagPrecision: round(theirsBag.precision),
    readabilityBagRecall: round(theirsBag.recall),
    precisionMedian: round(ours.precisionMedian),
    recallMedian: round(ours.recallMedian),
    microPrecision: round(ours.microPrecision),
    microRecall: round(ours.microRecall),
    readabilityPrecision: round(theirs.precision),
    readabilityRecall: round(theirs.recall),
    readabilityPrecisionMedian: round(theirs.precisionMedian),
    readabilityRecallMedian: round(theirs.recallMedian),
    readabilityMicroPrecision: round(theirs.microPrecision),
    readabilityMicroRecall: round(theirs.microRecall),
    frontPagesQuiet: front.length > 0 && front.every((r) => !r.found),
    readabilityFrontPagesQuiet: front.length > 0 && front.every((r) => !r.readabilityFound),
    readerableFrontPages: front.filter((r) => r.probablyReaderable).length,
    readerableArticles: `${articles.filter((r) => r.probablyReaderable).length}/${articles.length}`,
    articlesFound: `${articles.filter((r) => r.found).length}/${articles.length}`,
    leadFound: `${leads.filter((r) => r.leadOurs).length}/${leads.length}`,
    readabilityLeadFound: `${leads.filter((r) => r.leadReadability).length}/${leads.length}`,
    headlineFound: `${headlines.filter((r) => r.headlineMatches).length}/${headlines.length}`,
    msPerPage: round(mean(results.map((r) => r.ms.ours)), 1),
    msPerPageMedian: round(median(results.map((r) => r.ms.ours)), 1),
    msPer1kWords: round(median(articles.filter((r) => r.words > 0).map((r) => (r.ms.ours * 1000) / r.words)), 1),
    readabilityMsPerPage: round(mean(results.map((r) => r.ms.readability)), 1),
    readabilityMsPerPageMedian: round(median(results.map((r) => r.ms.readability)), 1),
    readerableMsPerPage: round(mean(results.map((r) => r.ms.readerable)), 1),
    warmMsPerPageMedian: round(median(results.map((r) => r.ms.oursWarm)), 1),
    readabilityWarmMsPerPageMedian: round(median(results.map((r) => r.ms.readabilityWarm)), 1),
    warmMsPer1kWords: round(median(articles.filter((r) => r.words > 0).map((r) => (r.ms.oursWarm * 1000) / r.words)), 1),
    repeat,
  },
};

const sources = [...new Set(results.map((r) => r.source))].map((source) => {
  const list = results.filter((r) => r.source === source);
  const o = figures(list, 'ours');
  const t = figures(list, 'readability');
  return {
    source,
    pages: list.length,
    scored: o.pages,
    precision: round(o.precision),
    recall: round(o.recall),
    readabilityPrecision: round(t.precision),
    readabilityRecall: round(t.recall),
    leadFound: `${list.filter((r) => r.leadOurs).length}/${list.filter((r) => r.leadOurs !== null).length}`,
    readabilityLeadFound: `${list.filter((r) => r.leadReadability).length}/${list.filter((r) => r.leadReadability !== null).length}`,
  };
});

if (json) {
  const perPage = results.map((r) => ({
    ...r,
    ours: r.ours && { ...r.ours, precision: round(r.ours.precision), recall: round(r.ours.recall) },
    readability: r.readability && { ...r.readability, precision: round(r.readability.precision), recall: round(r.readability.recall) },
    oursBag: r.oursBag && { ...r.oursBag, precision: round(r.oursBag.precision), recall: round(r.oursBag.recall) },
    readabilityBag: r.readabilityBag && { ...r.readabilityBag, precision: round(r.readabilityBag.precision), recall: round(r.readabilityBag.recall) },
    ms: Object.fromEntries(Object.entries(r.ms).map(([k, v]) => [k, round(v, 1)])),
  }));
  console.log(JSON.stringify({ summary, sources, pages: perPage }, null, 2));
} else {
  const f3 = (x: number) => x.toFixed(3);
  const pct = (x: number | undefined) => (x === undefined ? '    -' : x.toFixed(3).padStart(5));
  const pctOf = (x: number, n: number) => (n === 0 ? '    -' : pct(x));
  const flag = (b: boolean | null) => (b === null ? '-' : b ? 'y' : 'n');
  console.log(
    `${'page'.padEnd(48)} ${'words'.padStart(5)}  ${'P'.padStart(5)} ${'R'.padStart(5)}  ${'rP'.padStart(5)} ${'rR'.padStart(5)}  lead rlead head rdbl  ${'ms'.padStart(6)} ${'rMs'.padStart(6)}`,
  );
  for (const r of results) {
    const note = r.frontPage ? (r.found ? '  FRONT PAGE, FOUND AN ARTICLE' : '  front page, quiet') : '';
    console.log(
      `${r.id.slice(0, 48).padEnd(48)} ${String(r.words).padStart(5)}  ${pct(r.ours?.precision)} ${pct(r.ours?.recall)}  ${pct(r.readability?.precision)} ${pct(r.readability?.recall)}  ${flag(r.leadOurs).padStart(4)} ${flag(r.leadReadability).padStart(5)} ${flag(r.headlineMatches).padStart(4)} ${flag(r.probablyReaderable).padStart(4)}  ${r.ms.ours.toFixed(1).padStart(6)} ${r.ms.readability.toFixed(1).padStart(6)}${note}`,
    );
  }
  console.log('\nby source');
  for (const s of sources) {
    console.log(
      `  ${s.source.padEnd(12)} pages ${String(s.pages).padStart(2)} scored ${String(s.scored).padStart(2)}  P ${pctOf(s.precision, s.scored)} R ${pctOf(s.recall, s.scored)}   Readability P ${pctOf(s.readabilityPrecision, s.scored)} R ${pctOf(s.readabilityRecall, s.scored)}   lead ${s.leadFound} (Readability ${s.readabilityLeadFound})`,
    );
  }
  const s = summary.scope;
  console.log(`
summary over ${s.scoredPages} pages with a true article text (${s.pages} pages in all); token 4-shingles (scrapinghub metric)
                 macro P  macro R  F1 of means  median P  median R  micro P  micro R  bag P  bag R  ms/page (mean, median)
  Claimlens        ${pct(s.precision)}    ${pct(s.recall)}      ${f3(s.f1)}     ${pct(s.precisionMedian)}     ${pct(s.recallMedian)}    ${pct(s.microPrecision)}    ${pct(s.microRecall)}  ${pct(s.bagPrecision)}  ${pct(s.bagRecall)}  ${s.msPerPage} / ${s.msPerPageMedian}  (warm median ${s.warmMsPerPageMedian})
  Readability.js   ${pct(s.readabilityPrecision)}    ${pct(s.readabilityRecall)}      ${f3(s.readabilityF1)}     ${pct(s.readabilityPrecisionMedian)}     ${pct(s.readabilityRecallMedian)}    ${pct(s.readabilityMicroPrecision)}    ${pct(s.readabilityMicroRecall)}  ${pct(s.readabilityBagPrecision)}  ${pct(s.readabilityBagRecall)}  ${s.readabilityMsPerPage} / ${s.readabilityMsPerPageMedian}  (warm median ${s.readabilityWarmMsPerPageMedian}; isProbablyReaderable ${s.readerableMsPerPage})
  articles missed: ${s.articlesMissed}${s.articlesMissed ? ` (${s.articlesMissedPages.join(', ')})` : ''}   (Readability's isProbablyReaderable says article, the true body is not empty, Claimlens finds none)
  front pages quiet: ${s.frontPagesQuiet ? 'yes' : 'NO'} (Readability: ${s.readabilityFrontPagesQuiet ? 'yes' : 'no'}; isProbablyReaderable true on ${s.readerableFrontPages} of them)
  articles found: ${s.articlesFound}; isProbablyReaderable: ${s.readerableArticles}; body lead found: ${s.leadFound} (Readability ${s.readabilityLeadFound}); headline: ${s.headlineFound}
  our ms per 1,000 words (median): ${s.msPer1kWords} cold, ${s.warmMsPer1kWords} warm   (happy-dom in Node; the browser is faster, see npm run bench)`);
}

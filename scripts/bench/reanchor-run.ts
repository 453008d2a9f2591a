/**
 * The re-anchoring section in Chromium: 100 passages saved on a long article, anchored
 * again with the extension's `anchorQuote` on the live page (and painted), then on scripted
 * new versions of the article text whose truth is known (`reanchor.ts`).
 */
import type { BrowserContext } from 'playwright-core';
import type { FixtureServer } from '../lib/fixture-server';
import { PAINTED, READ_DONE } from './init-script';
import type { AnchorRun, ScopeResult } from './page-agent';
import type { BenchPage } from './pages';
import { type Fate, type Tally, type Verdict, chooseQuotes, editText, tally, verdict } from './reanchor';
import { median, round } from './stats';

export const QUOTES = 100;
const QUOTE_SEED = 4;
/** Each seed gives one new version of the article with every kind of edit. */
const EDIT_SEEDS = [1, 2, 3];
const WARM_RUNS = 5;

export interface ReanchorReport {
  status: 'measured' | 'skipped';
  reason?: string;
  page?: string;
  words?: number;
  textChars?: number;
  annotations?: number;
  /** Share anchored exactly where saved, on the unchanged page (0..1). */
  unchanged?: number;
  /** Share right after the scripted edits (anchored where the passage now is, or an orphan when it is gone). */
  edited?: number;
  wrongPlacements?: number;
  /** Placements on an identical copy of the passage, saved context included (not counted as wrong). */
  identicalCopies?: number;
  /** Anchor and paint all 100 on the live page, text already computed, first (cold) pass. */
  ms100?: number;
  ms100Warm?: number;
  anchorOnlyMs100?: number;
  /** Reading the article text once for the pass (readArticle in the page). */
  textMs?: number;
  methods?: Record<string, number>;
  byFate?: Record<string, Tally>;
  editsPerVersion?: Record<string, number>;
  versions?: number;
  wrongExamples?: { verdict: 'wrong' | 'copy'; fate: Fate; quote: string; placedAt: string; score: number; method: string }[];
}

export async function runReanchor(
  page: BenchPage,
  ctx: { context: BrowserContext; server: FixtureServer; agent: string; timeoutMs: number },
): Promise<ReanchorReport> {
  const tab = await ctx.context.newPage();
  try {
    const html = page.html();
    if (html !== null) ctx.server.route(page.servePath, html);
    await tab.goto(ctx.server.url(page.servePath), { waitUntil: 'domcontentloaded', timeout: ctx.timeoutMs });
    await tab.waitForFunction(READ_DONE, null, { timeout: ctx.timeoutMs, polling: 50 });
    await tab.waitForFunction(PAINTED, null, { timeout: ctx.timeoutMs, polling: 50 }).catch(() => undefined);
    await tab.evaluate(ctx.agent);
    const scope = (await tab.evaluate('window.__claimlensBench.readScope()')) as ScopeResult;
    if (!scope.found) return { status: 'skipped', reason: `no article found on ${page.id}`, page: page.id };
    const text = scope.text;
    const quotes = chooseQuotes(text, QUOTES, QUOTE_SEED);
    const selectors = JSON.stringify(quotes.map((q) => q.selectors));

    const live = (await tab.evaluate(`window.__claimlensBench.reanchor(${selectors}, null)`)) as AnchorRun;
    if (!live.available) return { status: 'skipped', reason: 'src/annotation/anchor.ts not present', page: page.id };
    if (live.error) throw new Error(`anchoring failed in the page: ${live.error}`);
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const again = (await tab.evaluate(`window.__claimlensBench.reanchor(${selectors}, null)`)) as AnchorRun;
      warm.push(again.paintMs);
    }
    const unchangedVerdicts = live.results.map((r, i) => (r && r.start === quotes[i]!.span.start && r.end === quotes[i]!.span.end ? 'exact' : verdict(r, quotes[i]!.span)));
    const methods: Record<string, number> = {};
    for (const r of live.results) methods[r?.method ?? 'orphan'] = (methods[r?.method ?? 'orphan'] ?? 0) + 1;

    const editedVerdicts: Verdict[] = [];
    const fates: Fate[] = [];
    const editCounts: Record<string, number> = {};
    const wrongExamples: ReanchorReport['wrongExamples'] = [];
    for (const seed of EDIT_SEEDS) {
      const version = editText(text, quotes, seed);
      for (const e of version.edits) editCounts[e.kind] = (editCounts[e.kind] ?? 0) + 1;
      const run = (await tab.evaluate(
        `window.__claimlensBench.reanchor(${selectors}, ${JSON.stringify(version.text)})`,
      )) as AnchorRun;
      if (run.error) throw new Error(`anchoring failed in the page: ${run.error}`);
      run.results.forEach((r, i) => {
        const v = verdict(r, version.truth[i] ?? null, { text: version.text, saved: quotes[i]!.selectors });
        editedVerdicts.push(v);
        fates.push(version.fate[i]!);
        if ((v === 'wrong' || v === 'copy') && r && wrongExamples.length < 10) {
          wrongExamples.push({
            verdict: v,
            fate: version.fate[i]!,
            quote: quotes[i]!.selectors.quote.exact.slice(0, 120),
            placedAt: version.text.slice(r.start, r.end).slice(0, 120),
            score: round(r.score, 3),
            method: r.method,
          });
        }
      });
    }
    const byFate: Record<string, Tally> = {};
    for (const fate of new Set(fates)) byFate[fate] = tally(editedVerdicts.filter((_, i) => fates[i] === fate));
    const unchanged = tally(unchangedVerdicts);
    const edited = tally(editedVerdicts);
    return {
      status: 'measured',
      page: page.id,
      words: (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).length,
      textChars: text.length,
      annotations: quotes.length,
      unchanged: round(unchanged.rate, 4),
      edited: round(edited.rate, 4),
      wrongPlacements: unchanged.wrong + edited.wrong,
      identicalCopies: unchanged.copies + edited.copies,
      ms100: round(live.paintMs, 2),
      ms100Warm: round(median(warm), 2),
      anchorOnlyMs100: round(live.anchorMs, 2),
      textMs: round(scope.ms, 2),
      methods,
      byFate,
      editsPerVersion: Object.fromEntries(Object.entries(editCounts).map(([k, v]) => [k, round(v / EDIT_SEEDS.length, 1)])),
      versions: EDIT_SEEDS.length,
      wrongExamples,
    };
  } finally {
    await tab.close({ runBeforeUnload: false }).catch(() => undefined);
  }
}

import { describe, expect, it } from 'vitest';
import { type PageRow, fastestPass } from '../../../scripts/bench/run-page';
import { insideBody } from '../../../scripts/bench/stats';
import { checkTargets, summarize } from '../../../scripts/bench/summary';

function row(id: string, over: Partial<PageRow> = {}): PageRow {
  return {
    id,
    kind: 'corpus',
    frontPage: false,
    status: 'painted',
    words: 1000,
    mainThreadMs: 8,
    mainThreadMsPer1kWords: 8,
    steps: { 'read-article': 6, paint: 2 },
    startToPaintedMs: 60,
    longestStepMs: 6,
    ourLongTaskMs: 12,
    ourTasks: {},
    rendererPid: 1,
    pageLongTaskMs: null,
    longTasksApiMs: null,
    highlights: { person: 3 },
    highlightTotal: 3,
    highlightsInBody: { inside: 3, total: 3 },
    paint: { terms: 3, oursMs: 1, equivalentMs: 1, equivalentRanges: 3, markjsMs: 20, markjsMarks: 3, ratio: 0.05, equivalentRatio: 0.05, domRestored: true },
    scope: { found: true, headline: null, readabilityFound: true, precision: 1, recall: 0.9, readabilityPrecision: 0.9, readabilityRecall: 0.9, ms: 5, readabilityMs: 20 },
    console: [],
    pageErrors: 0,
    loadMs: 100,
    ...over,
  };
}

describe('bench summary', () => {
  it('reports the start-up task beside our steps, per page and per 1,000 words', () => {
    const rows = [
      row('a', { words: 500, mainThreadMs: 5, ourTasks: { start: 15 } }),
      row('b', { words: 1000, mainThreadMs: 10, ourTasks: { start: 20 } }),
      row('c', { words: 2000, mainThreadMs: 20, ourTasks: { start: 30 } }),
      row('no-trace', { words: 1000, mainThreadMs: 10, ourTasks: {} }),
    ];
    const summary = summarize(rows, null);
    expect(summary.startTaskMsMedian).toBe(20);
    // (5 + 15) / 0.5 = 40, (10 + 20) / 1 = 30, (20 + 30) / 2 = 25
    expect(summary.mainThreadWithStartMsPer1kWords).toBe(30);
    expect(checkTargets(summary).find((t) => t.name.includes('start-up'))?.measured).toBe('30.00 ms (start-up task median 20.0 ms)');
  });

  it('takes medians over corpus pages, the worst task, and macro means for scope', () => {
    const rows = [
      row('a', { mainThreadMsPer1kWords: 4 }),
      row('b', { mainThreadMsPer1kWords: 12, ourLongTaskMs: 70, firstPass: { ourLongTaskMs: 90, mainThreadMs: 80, steps: {} } }),
      row('c', { mainThreadMsPer1kWords: 6, scope: { ...row('c').scope, precision: 0.8, recall: 1 } }),
      row('front', { frontPage: true, words: 0, mainThreadMsPer1kWords: null, highlightTotal: 0, scope: { ...row('f').scope, found: false, precision: null, recall: null } }),
      row('fixture', { kind: 'fixture', mainThreadMsPer1kWords: 100 }),
      row('broken', { status: 'replaced', error: 'replaced', mainThreadMsPer1kWords: 500 }),
    ];
    const s = summarize(rows, null);
    expect(s.mainThreadMsPer1kWords).toBe(6);
    expect(s.maxLongTaskMs).toBe(70);
    expect(s.maxLongTaskMsFirstPass).toBe(90);
    expect(s.remeasured).toEqual(['b (90 ms, then 70 ms)']);
    expect(s.scope.precision).toBe(0.933);
    expect(s.scope.recall).toBe(0.933);
    expect(s.scope.frontPagesQuiet).toBe(true);
    expect(s.failedPages).toEqual(['broken: replaced']);
    expect(s.reanchor.skipped).toBe('not run');
    const checks = checkTargets(s);
    expect(checks.find((c) => c.name.startsWith('Main thread'))?.met).toBe(true);
    expect(checks.find((c) => c.name.startsWith('Longest task'))?.met).toBe(false);
    expect(checks.find((c) => c.name.startsWith('Re-anchoring, unchanged'))?.met).toBeNull();
  });

  it('pools painted ranges over corpus pages with a true body for the share inside it', () => {
    const rows = [
      row('a', { highlightsInBody: { inside: 90, total: 100 } }),
      row('b', { highlightsInBody: { inside: 10, total: 10 } }),
      row('no-body', { highlightsInBody: null }),
      row('fixture', { kind: 'fixture', highlightsInBody: { inside: 0, total: 50 } }),
    ];
    const s = summarize(rows, null);
    expect(s.highlightsInBody).toBe(0.9091);
    expect(s.highlightsOutsideBody).toBe(10);
    expect(checkTargets(s).find((c) => c.name.startsWith('Painted actor'))?.met).toBe(false);
  });
});

describe('insideBody', () => {
  it('counts a painted text inside when its words are a run of the body, case and punctuation aside', () => {
    const body = 'The minister said, on Tuesday, that "talks will resume."\nBy Jane Doe is not here.';
    expect(insideBody(['The Minister', 'said on Tuesday', 'talks will resume', 'AP Political Writer', 'minister on', ' '], body)).toEqual({ inside: 3, total: 5 });
  });
});

describe('fastestPass (--repeat)', () => {
  it('keeps the painted load with the lowest main-thread total, whole, and lists every load', () => {
    const slow = row('p', { mainThreadMs: 20, steps: { 'read-article': 18 } });
    const fast = row('p', { mainThreadMs: 9, steps: { 'read-article': 8 } });
    const quiet = row('p', { mainThreadMs: 2, status: 'quiet' });
    const kept = fastestPass([slow, quiet, fast]);
    expect(kept).toMatchObject({ mainThreadMs: 9, steps: { 'read-article': 8 }, status: 'painted', passes: [20, 2, 9] });
    expect(fastestPass([slow])).toBe(slow);
  });
});

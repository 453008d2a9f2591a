import { describe, expect, it } from 'vitest';
import { type StoreFigures, type StoreReport, checkStoreTargets, largestSize, renderStoreText, sizeKey } from '../../../scripts/bench/store-summary';
import { checkTargets } from '../../../scripts/bench/summary';

function figures(n: number, over: Partial<StoreFigures> = {}): StoreFigures {
  return {
    n,
    insertMs: 9_000,
    firstScreenMs: 80,
    firstScreenColdMs: 400,
    firstScreenPopupMs: 70,
    firstScreenQueryMs: 6.5,
    countStoreMs: 40,
    countIndexMs: 5,
    searchMs: 30,
    searchCommonMs: 30,
    searchRareMs: 4,
    filterSiteMs: 8,
    filterActorMs: 9,
    exportJsonLdMs: 2_500,
    exportCsvMs: 2_000,
    exportMarkdownMs: 2_900,
    exportMaxTaskMs: 0,
    importMs: 9_500,
    importedRecords: n,
    peakHeapMB: 310,
    exportBytes: { jsonld: 110e6, csv: 60e6, markdown: 70e6 },
    searchPlans: { common: 'newest-walk', rare: 'small-set' },
    ...over,
  };
}

const report = (...sizes: StoreFigures[]): StoreReport => ({
  status: 'measured',
  seed: 1,
  probes: { site: 'site.example', actor: 'Anna Albrecht', commonWord: 'government', rareWord: 'tabo' },
  sizes: Object.fromEntries(sizes.map((s) => [sizeKey(s.n), s])),
});

describe('store bench summary', () => {
  it('names sizes as the JSON keys store.n10k and store.n100k', () => {
    expect(sizeKey(10_000)).toBe('n10k');
    expect(sizeKey(100_000)).toBe('n100k');
    expect(sizeKey(2_500)).toBe('n2500');
  });

  it('checks every target on the largest size, met when at or under it', () => {
    const checks = checkStoreTargets(report(figures(10_000, { searchMs: 500 }), figures(100_000)));
    expect(checks.map((c) => c.met)).toEqual([true, true, true, true, true]);
    expect(checks[0]!.name).toContain('(100,000)');
    expect(checks[2]!.measured).toContain('Markdown 2900 ms');
    expect(checks[3]!.measured).toBe('none ≥ 50 ms');
  });

  it('says NO for each missed target, and "not measured" for a first screen that never rendered', () => {
    const checks = checkStoreTargets(
      report(figures(100_000, { firstScreenMs: null, searchMs: 50.1, exportCsvMs: 3_001, exportMaxTaskMs: 240, importMs: 10_001 })),
    );
    expect(checks.map((c) => c.met)).toEqual([null, false, false, false, false]);
    expect(checks[3]!.measured).toBe('240 ms');
  });

  it('marks targets for a smaller run as holding at 100,000, and a skipped store as not measured', () => {
    expect(checkStoreTargets(report(figures(2_000)))[0]!.target).toBe('≤ 100 ms at 100,000');
    const skipped = checkStoreTargets({ status: 'skipped', reason: 'failed: boom', sizes: {} });
    expect(skipped.every((c) => c.met === null && c.measured === 'skipped: failed: boom')).toBe(true);
    expect(largestSize({ status: 'skipped', sizes: {} })).toBeNull();
  });

  it('joins the page targets in checkTargets, or stands alone with --store-only', () => {
    expect(checkTargets(null, report(figures(100_000))).map((c) => c.name.split(':')[0])).toEqual(Array(5).fill('Store'));
    expect(checkTargets(null, null)).toEqual([]);
  });

  it('prints one column per size with the targets', () => {
    const text = renderStoreText(report(figures(10_000, { firstScreenMs: 41.5 }), figures(100_000, { exportMaxTaskMs: 120 })));
    const lines = text.split('\n');
    expect(lines[1]).toMatch(/measure\s+target\s+10,000 annotations\s+100,000 annotations/);
    expect(lines.find((l) => l.startsWith('first screen'))).toMatch(/≤ 100\s+42 ms\s+80 ms$/);
    expect(lines.find((l) => l.startsWith('longest task'))).toMatch(/none ≥ 50 ms\s+120 ms$/);
    expect(text).toContain('“government”');
    expect(renderStoreText({ status: 'skipped', reason: 'failed: boom', sizes: {} })).toContain('skipped: failed: boom');
  });
});

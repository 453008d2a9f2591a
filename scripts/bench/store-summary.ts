/** The store bench's figures, how they compare with the targets of issue 5, and its text table. Pure. */
import type { TargetCheck } from './summary';

/** One store size's figures; the JSON keys under `store.n10k` / `store.n100k`. */
export interface StoreFigures {
  n: number;
  /** Writing n generated records with the extension's bulk import (10,000 per transaction). */
  insertMs: number;
  /** Library page opened on the filled store until its first 50 rows are rendered (median of the warm openings). */
  firstScreenMs: number | null;
  /** The same for the first opening after filling (the service worker may have to start). */
  firstScreenColdMs: number | null;
  /** The popup page (its recent saves), median of the openings. */
  firstScreenPopupMs: number | null;
  /** The query alone (listNewestFirst, 50 newest), in an extension page. */
  firstScreenQueryMs: number;
  /** Counting every record: the object store's count, and the byCreated index's (the list's total). */
  countStoreMs: number;
  countIndexMs: number;
  /** The slower of the two searches below. */
  searchMs: number;
  searchCommonMs: number;
  searchRareMs: number;
  filterSiteMs: number;
  filterActorMs: number;
  exportJsonLdMs: number;
  exportCsvMs: number;
  exportMarkdownMs: number;
  /** Longest task on the page while exporting, over the three formats (0: none reached 50 ms). */
  /** null where the browser has no Long Tasks API (Firefox). */
  exportMaxTaskMs: number | null;
  importMs: number;
  /** Records in the empty store after the import (should be n). */
  importedRecords: number;
  /** Peak JS heap of the extension pages' renderer over the whole size (fill, queries, exports, import). */
  peakHeapMB: number | null;
  exportBytes: { jsonld: number; csv: number; markdown: number };
  searchPlans: { common: string; rare: string };
}

export interface StoreReport {
  status: 'measured' | 'skipped';
  reason?: string;
  seed?: number;
  probes?: { site: string; actor: string; commonWord: string; rareWord: string };
  sizes: Record<string, StoreFigures>;
}

/** `n10k`, `n100k`; other sizes by their count (`n2500`). */
export function sizeKey(n: number): string {
  return n % 1000 === 0 ? `n${n / 1000}k` : `n${n}`;
}

/** Targets hold at 100,000 annotations; they are checked on the largest size measured. */
export const STORE_TARGETS = {
  firstScreenMs: 100,
  searchMs: 50,
  exportMs: 3000,
  importMs: 10_000,
  exportMaxTaskMs: 200,
} as const;

const ms = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? 'n/a' : `${x.toFixed(digits)} ms`);

function longestTask(s: StoreFigures): string {
  if (s.exportMaxTaskMs === null) return 'n/a (no Long Tasks API)';
  return s.exportMaxTaskMs === 0 ? 'none ≥ 50 ms' : ms(s.exportMaxTaskMs);
}

export function largestSize(report: StoreReport | null): StoreFigures | null {
  if (!report || report.status !== 'measured') return null;
  const sizes = Object.values(report.sizes).sort((a, b) => b.n - a.n);
  return sizes[0] ?? null;
}

export function checkStoreTargets(report: StoreReport | null): TargetCheck[] {
  const s = largestSize(report);
  const at = s ? ` (${s.n.toLocaleString('en')})` : '';
  const check = (name: string, target: number, value: number | null | undefined, measured = ms(value)): TargetCheck => ({
    name: `${name}${at}`,
    target: `≤ ${target.toLocaleString('en')} ms${s && s.n < 100_000 ? ' at 100,000' : ''}`,
    measured: report?.status === 'skipped' ? `skipped: ${report.reason ?? ''}` : measured,
    met: value === null || value === undefined ? null : value <= target,
  });
  const worstExport = s ? Math.max(s.exportJsonLdMs, s.exportCsvMs, s.exportMarkdownMs) : null;
  return [
    check('Store: first screen, library page, 50 newest', STORE_TARGETS.firstScreenMs, s?.firstScreenMs),
    check('Store: search a word (slower of common and rare)', STORE_TARGETS.searchMs, s?.searchMs),
    check(
      'Store: export, slowest format',
      STORE_TARGETS.exportMs,
      worstExport,
      s ? `${ms(worstExport)} (JSON-LD ${ms(s.exportJsonLdMs)}, CSV ${ms(s.exportCsvMs)}, Markdown ${ms(s.exportMarkdownMs)})` : 'n/a',
    ),
    check('Store: longest task while exporting', STORE_TARGETS.exportMaxTaskMs, s?.exportMaxTaskMs, s ? longestTask(s) : 'n/a'),
    check('Store: import the JSON-LD into an empty store', STORE_TARGETS.importMs, s?.importMs),
  ];
}

const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The store section of the text report: one column per size. */
export function renderStoreText(report: StoreReport): string {
  const out: string[] = ['Store: the annotation database in the extension\'s own pages (ms unless noted)'];
  if (report.status === 'skipped') {
    out.push(`  skipped: ${report.reason ?? 'not run'}`);
    return out.join('\n');
  }
  const sizes = Object.values(report.sizes).sort((a, b) => a.n - b.n);
  const rows: [string, string, (s: StoreFigures) => string][] = [
    ['insert (bulk import, 10,000 per transaction)', '', (s) => ms(s.insertMs)],
    ['first screen: library page → 50 rows rendered', '≤ 100', (s) => ms(s.firstScreenMs)],
    ['  the same, first opening after filling', '', (s) => ms(s.firstScreenColdMs)],
    ['  popup page → 50 recent rows rendered', '', (s) => ms(s.firstScreenPopupMs)],
    ['  the query alone (50 newest and the total)', '', (s) => ms(s.firstScreenQueryMs, 1)],
    ['  counting all records: object store / index', '', (s) => `${ms(s.countStoreMs, 1)} / ${ms(s.countIndexMs, 1)}`],
    ['search a word (slower of the two)', '≤ 50', (s) => ms(s.searchMs, 1)],
    [`  common word “${report.probes?.commonWord ?? '?'}”`, '', (s) => `${ms(s.searchCommonMs, 1)} ${s.searchPlans.common}`],
    [`  rare word “${report.probes?.rareWord ?? '?'}”`, '', (s) => `${ms(s.searchRareMs, 1)} ${s.searchPlans.rare}`],
    [`filter by site (${report.probes?.site ?? '?'}), first page`, '', (s) => ms(s.filterSiteMs, 1)],
    [`filter by actor (${report.probes?.actor ?? '?'}), first page`, '', (s) => ms(s.filterActorMs, 1)],
    ['export JSON-LD', '≤ 3,000', (s) => `${ms(s.exportJsonLdMs)} ${MiB(s.exportBytes.jsonld)}`],
    ['export CSV', '≤ 3,000', (s) => `${ms(s.exportCsvMs)} ${MiB(s.exportBytes.csv)}`],
    ['export Markdown', '≤ 3,000', (s) => `${ms(s.exportMarkdownMs)} ${MiB(s.exportBytes.markdown)}`],
    ['longest task while exporting', '≤ 200', longestTask],
    ['import the JSON-LD into an empty store', '≤ 10,000', (s) => `${ms(s.importMs)} (${s.importedRecords.toLocaleString('en')} stored)`],
    ['peak JS heap, extension pages', '', (s) => (s.peakHeapMB === null ? 'n/a' : `${s.peakHeapMB.toFixed(0)} MB`)],
  ];
  const widths = [48, 9, ...sizes.map(() => 30)];
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  out.push(line(['measure', 'target', ...sizes.map((s) => `${s.n.toLocaleString('en')} annotations`)]));
  out.push(line(widths.map((w) => '-'.repeat(w))));
  for (const [name, target, value] of rows) out.push(line([name, target, ...sizes.map(value)]));
  return out.join('\n');
}

export const STORE_METHODS = `How the store is measured
- Records: generated from a fixed seed (scripts/bench/store-data.ts) with the extension's buildAnnotation: 300 sites and 300 actors with Zipf frequencies, 30 tags, snippets of 80–500 characters from a 6,000-word Zipf vocabulary, notes on 30 %, kinds and sourcing mixed, about 1.1 kB of JSON each.
- Everything runs in Chromium (or, with --browser firefox, Firefox ESR) in the extension's library page, against the extension's own IndexedDB, with the extension's code bundled by esbuild (bulkImport, listNewestFirst, listByFacet, searchAnnotations, and src/ui/transfer.ts's exportSelection and importFile, which the library's buttons run).
- insert: bulkImport of 10,000 records per transaction (duplicate checks included), generation excluded. Queries: the first call, then the median of five more (the table shows the median); search as the library sends it (trimmed, so the last word is a prefix).
- first screen: a new tab opens library.html (popup.html) on the filled store; from navigation start to the animation frame after the 50th row is in the list (a MutationObserver installed before the page's scripts), so it includes the page's start, the message to the service worker, the query and the rendering. Median of three openings; the first opening after filling is shown apart. In Firefox, whose WebDriver BiDi runs no preload script in extension pages, the observer is installed at DOMContentLoaded (the list fills later, after the database answers).
- export: everything, through exportSelection into a Blob (the download itself left out); longest task from the Long Tasks API in that page. import: the JSON-LD Blob as a File through importFile into an empty database of the same schema.
- peak heap: JSHeapUsedSize from CDP Performance.getMetrics, sampled every 100 ms while a size runs; extension pages share one renderer, so it is their heap together. Firefox has neither CDP nor the Long Tasks API: its heap and longest task read n/a.`;

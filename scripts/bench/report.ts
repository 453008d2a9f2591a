/** The bench's text tables. */
import { cpus } from 'node:os';
import type { ReanchorReport } from './reanchor-run';
import type { PageRow } from './run-page';
import { STORE_METHODS, type StoreReport, renderStoreText } from './store-summary';
import { checkTargets, type Summary, type TargetCheck } from './summary';

export interface RunInfo {
  date: string;
  chromium: string;
  corpus: string;
  contentScriptBytes: number | null;
  runtimeS: number;
  blockedRequests: number;
  serviceWorkerMessages: string[];
  /** One-minute load average when the pages started and when they ended (the machine may be shared). */
  loadAverage: [number, number];
  /** Loads per page; each page's row is its fastest. */
  repeat?: number;
}

const n = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '-' : x.toFixed(digits));
const col = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
const num = (s: string, w: number) => s.padStart(w);

function table(header: string[], widths: number[], rows: string[][], numeric: boolean[]): string {
  const line = (cells: string[]) => cells.map((c, i) => (numeric[i] ? num(c, widths[i]!) : col(c, widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const HL = ['person', 'organization', 'place', 'claim-named', 'claim-vague', 'claim-unattributed'];

function targetTable(checks: TargetCheck[]): string {
  return table(
    ['measure', 'target', 'measured', 'met'],
    [56, 28, 64, 4],
    checks.map((c) => [c.name, c.target, c.measured, c.met === null ? '-' : c.met ? 'yes' : 'NO']),
    [false, false, false, false],
  );
}

export interface StoreRunInfo {
  date: string;
  chromium: string;
  runtimeS: number;
  loadAverage: [number, number];
}

/** `--store-only`: the store section, its targets and how it is measured. */
export function renderStoreOnlyText(store: StoreReport, info: StoreRunInfo): string {
  return [
    `Claimlens bench (store only) — ${info.date} — ${info.chromium}`,
    '',
    renderStoreText(store),
    '',
    'Summary against the targets of issue 5',
    targetTable(checkTargets(null, store)),
    '',
    `Run: ${info.runtimeS.toFixed(0)} s; load average ${info.loadAverage[0]} → ${info.loadAverage[1]} on ${cpus().length} cores (timings spread when other work shares the machine).`,
    '',
    STORE_METHODS,
  ].join('\n');
}

export function renderText(
  rows: readonly PageRow[],
  summary: Summary,
  reanchor: ReanchorReport | null,
  info: RunInfo,
  store: StoreReport | null = null,
): string {
  const out: string[] = [];
  out.push(`Claimlens bench — ${info.date} — ${info.chromium}`);
  out.push(`Pages: ${info.corpus}; ${rows.length} pages in this run. Content script: ${info.contentScriptBytes === null ? '?' : `${(info.contentScriptBytes / 1024).toFixed(1)} KiB`}.`);
  if ((info.repeat ?? 1) > 1) out.push(`Each page loaded ${info.repeat} times; its fastest load (lowest main-thread total) is reported.`);
  out.push('');
  out.push('1. Per page: the content script at work (ms on the page main thread; times from the page\'s own clock)');
  out.push(
    table(
      ['page', 'status', 'words', 'main ms', 'ms/1kw', 'idle→paint', 'step max', 'our task', 'page task', 'pers/org/place', 'claims n/v/u'],
      [40, 11, 5, 7, 6, 10, 8, 8, 9, 14, 12],
      rows.map((r) => {
        const h = (k: string) => String(r.highlights[k] ?? 0);
        return [
          r.firstPass ? `${r.id}*` : r.id,
          r.status,
          String(r.words),
          n(r.mainThreadMs, 2),
          n(r.mainThreadMsPer1kWords, 2),
          n(r.startToPaintedMs, 0),
          n(r.longestStepMs, 1),
          n(r.ourLongTaskMs, 0),
          r.pageLongTaskMs === null ? '-' : n(r.pageLongTaskMs, 0),
          `${h(HL[0]!)}/${h(HL[1]!)}/${h(HL[2]!)}`,
          `${h(HL[3]!)}/${h(HL[4]!)}/${h(HL[5]!)}`,
        ];
      }),
      [false, false, true, true, true, true, true, true, true, true, true],
    ),
  );
  out.push('');
  out.push('2. Per page: painting the same terms (ms) and the article text against the true text (token P/R)');
  out.push(
    table(
      ['page', 'terms', 'ours', 'equiv', 'mark.js', 'ratio', 'eq.ratio', 'P', 'R', 'Rdb P', 'Rdb R', 'read ms', 'Rdb ms'],
      [40, 5, 6, 6, 7, 6, 8, 5, 5, 5, 5, 7, 7],
      rows.map((r) => [
        r.id,
        String(r.paint.terms),
        n(r.paint.oursMs, 2),
        n(r.paint.equivalentMs, 2),
        n(r.paint.markjsMs, 2),
        n(r.paint.ratio, 3),
        n(r.paint.equivalentRatio, 3),
        n(r.scope.precision, 2),
        n(r.scope.recall, 2),
        n(r.scope.readabilityPrecision, 2),
        n(r.scope.readabilityRecall, 2),
        n(r.scope.ms, 1),
        n(r.scope.readabilityMs, 1),
      ]),
      [false, true, true, true, true, true, true, true, true, true, true, true, true],
    ),
  );
  const problems = rows.filter((r) => r.error || r.console.length || !r.paint.domRestored || r.status === 'not-painted');
  if (problems.length) {
    out.push('');
    out.push('Problems seen on pages');
    for (const r of problems) {
      if (r.error) out.push(`  ${r.id}: ${r.error}`);
      if (r.status === 'not-painted') out.push(`  ${r.id}: an article was found but nothing was painted within the time limit`);
      if (!r.paint.domRestored) out.push(`  ${r.id}: the page text differed after mark.js was undone`);
      for (const c of r.console) out.push(`  ${r.id}: ${c}`);
    }
  }
  if (info.serviceWorkerMessages.length) {
    out.push('');
    out.push('Service worker console (errors and warnings)');
    for (const m of info.serviceWorkerMessages.slice(0, 20)) out.push(`  ${m}`);
  }

  out.push('');
  out.push('3. Re-anchoring');
  if (!reanchor || reanchor.status === 'skipped') {
    out.push(`  skipped: ${reanchor?.reason ?? 'not run'}`);
  } else {
    out.push(
      `  ${reanchor.annotations} passages saved on ${reanchor.page} (${reanchor.words} words, ${reanchor.textChars} characters); page text read once in ${n(reanchor.textMs, 1)} ms.`,
    );
    out.push(
      `  Anchor + paint all, live page: ${n(reanchor.ms100, 2)} ms first pass (anchoring alone ${n(reanchor.anchorOnlyMs100, 2)} ms), ${n(reanchor.ms100Warm, 2)} ms median of later passes.`,
    );
    out.push(`  Unchanged page: ${((reanchor.unchanged ?? 0) * 100).toFixed(1)} % exactly where saved; methods ${JSON.stringify(reanchor.methods)}.`);
    out.push(
      `  ${reanchor.versions} edited versions of the text, each with ${Object.entries(reanchor.editsPerVersion ?? {}).map(([k, v]) => `${v} ${k}`).join(', ')}:`,
    );
    out.push(`  right ${((reanchor.edited ?? 0) * 100).toFixed(1)} %, wrong placements ${reanchor.wrongPlacements}, placed on an identical copy (same words, same context) ${reanchor.identicalCopies ?? 0}`);
    for (const [fate, t] of Object.entries(reanchor.byFate ?? {})) {
      out.push(`    ${fate.padEnd(16)} ${String(t.right).padStart(3)}/${String(t.total).padEnd(3)} right, ${t.missed} orphaned though present, ${t.wrong} wrong`);
    }
    for (const w of reanchor.wrongExamples ?? []) out.push(`    ${w.verdict === 'copy' ? 'COPY' : 'WRONG'} (${w.fate}, ${w.method} ${w.score}): "${w.quote}" → "${w.placedAt}"`);
  }

  if (store) {
    out.push('');
    out.push(`4. ${renderStoreText(store)}`);
  }

  out.push('');
  out.push(store ? 'Summary against the targets of issues 4 and 5' : 'Summary against the targets of issue 4');
  out.push(targetTable(checkTargets(summary, store)));
  out.push('');
  out.push(
    `Also: median main-thread ${n(summary.mainThreadMsMedian, 2)} ms per page; document_idle → painted median ${n(summary.startToPaintedMsMedian, 0)} ms (max ${n(summary.startToPaintedMsMax, 0)} ms, detection in the service worker included); longest task of the pages' own while Claimlens worked: ${summary.maxPageLongTaskMs === null ? 'none ≥ 50 ms' : `${summary.maxPageLongTaskMs} ms`}; painting ratio worst page ${n(summary.paintRatioWorst, 3)}, from-scratch equivalent median ${n(summary.paintEquivalentRatioVsMarkjs, 3)}.`,
  );
  out.push(`Front pages: ${Object.entries(summary.scope.frontPages).map(([k, v]) => `${k} ${v}`).join('; ') || 'none in this run'}. Scope scored on ${summary.scope.pages} pages with a true text.`);
  if (summary.remeasured.length) out.push(`Measured twice (a task of ours over 50 ms on the first pass; the table shows the second): ${summary.remeasured.join('; ')}.`);
  if (summary.failedPages.length) out.push(`Failed pages: ${summary.failedPages.join('; ')}`);
  out.push(
    `Run: ${info.runtimeS.toFixed(0)} s; ${info.blockedRequests} requests to other hosts blocked; load average ${info.loadAverage[0]} → ${info.loadAverage[1]} on ${cpus().length} cores (timings spread when other work shares the machine).`,
  );
  out.push('');
  out.push(METHODS);
  if (store) out.push('', STORE_METHODS);
  return out.join('\n');
}

export const METHODS = `How it is measured
- One fixture page is visited first and not recorded (browser, service worker and detector start cold). Each page is served from 127.0.0.1 (corpus pages from memory at their original path, so rules that read the address see it); every request to another host is aborted, so nothing leaves the machine. One Chromium, one page at a time.
- words: lowercase letter/digit runs in readArticle(document).map.text, run in the page after Claimlens is done (the same code, bundled with esbuild, that the content script runs; its text is what detection gets).
- main ms: sum of the content script's claimlens:* User Timing measures. idle→paint: claimlens:start to claimlens:painted (includes detection in the service worker, off the page's thread).
- our task: the Long Tasks API (observer installed before the page's scripts) reports no task that runs only a content script, so each page is traced (Chromium trace, categories toplevel + blink.user_timing). On the renderer main thread that carries our claimlens:* events, each outermost RunTask or microtask-checkpoint slice is one task; a task is ours when it holds one of our measures or marks (the claimlens:start task also evaluates the content script). page task: the longest other task between start and painted (the page's own scripts).
- painting: the same terms (distinct texts of the person/organization/place ranges Claimlens painted) on the same article element. ours = the claimlens:paint measure (all six categories, claims too); equiv = finding those terms in the article's text nodes from scratch, one Range each, one Highlight; mark.js = new Mark(article).mark(terms, {separateWordSearch:false, caseSensitive:true, diacritics:false, accuracy exactly with punctuation limiters}), then unmark(). ratio = ours ÷ mark.js (clock steps are 0.1 ms; times below count as 0.1).
- scope: token 4-shingle precision/recall (the scrapinghub metric) against *.expected.txt, macro mean over corpus pages with a true text; Readability.js (bundled from node_modules) on document.cloneNode(true) in the same page.
- re-anchoring: passages drawn with a seeded generator from 100 strata of the article's sentences (a third cut to 4–10-word phrases), saved with the extension's selectorsFor; anchored with the extension's anchorQuote in the page. Edits are made on the article TEXT with every change recorded, so each passage's true new place (or its absence) is known; an orphan is right when the passage is gone.`;

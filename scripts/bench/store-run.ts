/**
 * The store bench, driven from Node: Chromium (or Firefox) with the built extension, the store agent in
 * the extension's library page, and for each size: fill, queries, first screen as the reader
 * sees it (fresh library and popup tabs), the three exports and the import, with the renderer's
 * JS heap sampled throughout. Figures: store-summary.ts.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import type { ExtensionBrowser } from '../lib/chromium';
import type { FirefoxWithExtension } from '../lib/firefox';
import type * as Agent from './store-agent';
import { type StoreFigures, type StoreReport, sizeKey } from './store-summary';

export const STORE_SEED = 20_260_401;
export const STORE_SIZES = [10_000, 100_000];
const PAGE_SIZE = 50;
const FILL_BATCH = 10_000;

type AgentApi = typeof Agent;
type Fn = { [K in keyof AgentApi]: AgentApi[K] extends (...args: never[]) => unknown ? K : never }[keyof AgentApi];

/** One extension page, whichever browser: run a function or a script in it, close it. */
export interface BenchPage {
  run<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  script(source: string): Promise<void>;
  close(): Promise<void>;
}

/** What the store bench needs from a browser with the extension; one for Chromium, one for Firefox. */
export interface StoreBenchBrowser {
  /** A new tab on the extension page `pathname`, ready (`body[data-ready]`). */
  openExtensionPage(pathname: string): Promise<BenchPage>;
  /** A new tab on `pathname`: ms from navigation start to the frame after `rows` rows are in `listId`. */
  timeFirstScreen(pathname: string, listId: string, rows: number): Promise<number | null>;
  /** Samples the JS heap of the page's process until stopped; null where the browser cannot tell. */
  sampleHeap(page: BenchPage): Promise<{ stop(): Promise<number | null> }>;
  /** Asks for a garbage collection before a size, where the browser allows it. */
  collectGarbage(page: BenchPage): Promise<void>;
}

function call<K extends Fn>(page: BenchPage, name: K, ...args: Parameters<AgentApi[K]>): Promise<Awaited<ReturnType<AgentApi[K]>>> {
  return page.run(
    ({ name, args }) => (window as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>).__claimlensStoreBench![name]!(...args),
    { name, args: args as unknown[] },
  ) as Promise<Awaited<ReturnType<AgentApi[K]>>>;
}

/** Samples JSHeapUsedSize of one page's renderer until stopped; one request at a time. */
function sampleHeap(cdp: CDPSession, everyMs = 100): { stop(): Promise<number | null> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    await cdp.send('Performance.enable');
    while (running) {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      if (used > peak) peak = used;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })().catch(() => undefined);
  return {
    async stop() {
      running = false;
      await loop;
      return peak ? peak / 1024 / 1024 : null;
    },
  };
}

/** Installed before a page's scripts: when the list has `rows` children, note the time and the next frame's. */
function firstScreenScript(listId: string, rows: number): string {
  return `(() => {
    const observer = new MutationObserver(() => {
      const list = document.getElementById(${JSON.stringify(listId)});
      if (!list || list.children.length < ${rows} || window.__firstScreen) return;
      const seen = (window.__firstScreen = { domMs: performance.now(), frameMs: null });
      observer.disconnect();
      requestAnimationFrame(() => { seen.frameMs = performance.now(); });
    });
    observer.observe(document, { childList: true, subtree: true });
  })();`;
}

/** Chromium through Playwright: init scripts run before the page's own, and CDP reads the heap. */
export function chromiumStoreBrowser(browser: ExtensionBrowser): StoreBenchBrowser {
  const { context, extensionId } = browser;
  const base = `chrome-extension://${extensionId}`;
  const sessions = new WeakMap<BenchPage, Page>();
  const wrap = (page: Page): BenchPage => {
    const wrapped: BenchPage = {
      run: (fn, arg) => page.evaluate(fn as never, arg) as never,
      script: async (source) => void (await page.evaluate(source)),
      close: () => page.close(),
    };
    sessions.set(wrapped, page);
    return wrapped;
  };
  return {
    async openExtensionPage(pathname) {
      const page = await context.newPage();
      await page.goto(`${base}${pathname}`);
      await page.waitForSelector('body[data-ready="true"]');
      return wrap(page);
    },
    async timeFirstScreen(pathname, listId, rows) {
      const page = await context.newPage();
      try {
        await page.addInitScript({ content: firstScreenScript(listId, rows) });
        await page.goto(`${base}${pathname}`);
        const handle = await page.waitForFunction(
          () => (window as unknown as { __firstScreen?: { frameMs: number | null } }).__firstScreen?.frameMs ?? null,
          null,
          { timeout: 60_000 },
        );
        return (await handle.jsonValue()) as number;
      } catch {
        return null;
      } finally {
        await page.close();
      }
    },
    async sampleHeap(page) {
      return sampleHeap(await context.newCDPSession(sessions.get(page)!));
    },
    async collectGarbage(page) {
      const cdp = await context.newCDPSession(sessions.get(page)!);
      await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
    },
  };
}

/**
 * Firefox through puppeteer-core (WebDriver BiDi): no preload scripts in extension pages, so
 * the first-screen observer goes in at DOMContentLoaded (the list fills later, once the
 * database answers; a list already full by then is timed at that moment, which can only
 * overstate it); no heap figure.
 */
export function firefoxStoreBrowser(firefox: FirefoxWithExtension): StoreBenchBrowser {
  const wrap = (page: PuppeteerPage): BenchPage => ({
    run: (fn, arg) => page.evaluate(fn as never, arg) as never,
    script: async (source) => void (await page.evaluate(source)),
    close: () => page.close(),
  });
  return {
    async openExtensionPage(pathname) {
      const page = await firefox.openExtensionPage(pathname);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      return wrap(page);
    },
    async timeFirstScreen(pathname, listId, rows) {
      const page = await firefox.browser.newPage();
      try {
        await firefox.gotoExtensionPage(page, pathname, 'interactive');
        // A string, not a function: tsx's name helpers do not exist in the page.
        return (await page.evaluate(`new Promise((resolve) => {
          const full = () => (document.getElementById(${JSON.stringify(listId)})?.children.length ?? 0) >= ${rows};
          const done = () => requestAnimationFrame(() => resolve(performance.now()));
          setTimeout(() => resolve(null), 25000);
          if (full()) return done();
          const observer = new MutationObserver(() => {
            if (!full()) return;
            observer.disconnect();
            done();
          });
          observer.observe(document, { childList: true, subtree: true });
        })`)) as number | null;
      } catch (error) {
        process.stderr.write(`first screen of ${pathname} in Firefox: ${error instanceof Error ? error.message : String(error)}\n`);
        return null;
      } finally {
        await page.close();
      }
    },
    async sampleHeap() {
      return { stop: async () => null };
    },
    async collectGarbage() {},
  };
}

const median = (xs: (number | null)[]): number | null => {
  const ok = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  return ok.length ? ok[Math.floor((ok.length - 1) / 2)]! : null;
};

export interface StoreRunOptions {
  sizes?: number[];
  seed?: number;
  log: (line: string) => void;
}

export async function runStoreBench(browser: StoreBenchBrowser, agentSource: string, options: StoreRunOptions): Promise<StoreReport> {
  const seed = options.seed ?? STORE_SEED;
  const page = await browser.openExtensionPage('/library.html');
  await page.script(agentSource);
  const report: StoreReport = { status: 'measured', seed, sizes: {} };
  try {
    for (const n of options.sizes ?? STORE_SIZES) {
      const log = (what: string) => options.log(`store ${n.toLocaleString('en')}: ${what}`);
      await call(page, 'clear');
      await browser.collectGarbage(page);
      const heap = await browser.sampleHeap(page);
      log('filling…');
      const filled = await call(page, 'fill', seed, 0, n, FILL_BATCH);
      log(`${filled.count} records inserted in ${filled.insertMs.toFixed(0)} ms (generated in ${filled.generateMs.toFixed(0)} ms)`);
      const q = await call(page, 'queries', seed, PAGE_SIZE, 6);
      report.probes = q.probes;
      log(`queries: first screen ${q.firstScreenQuery.medianMs.toFixed(1)} ms (count: store ${q.countStore.medianMs.toFixed(1)} ms, index ${q.countIndex.medianMs.toFixed(1)} ms), search ${q.searchCommon.medianMs.toFixed(1)}/${q.searchRare.medianMs.toFixed(1)} ms, site ${q.filterSite.medianMs.toFixed(1)} ms, actor ${q.filterActor.medianMs.toFixed(1)} ms`);
      const cold = await browser.timeFirstScreen('/library.html', 'library-list', PAGE_SIZE);
      const warm = [];
      for (let i = 0; i < 3; i++) warm.push(await browser.timeFirstScreen('/library.html', 'library-list', PAGE_SIZE));
      const popup = [];
      for (let i = 0; i < 3; i++) popup.push(await browser.timeFirstScreen('/popup.html', 'annotations', PAGE_SIZE));
      log(`first screen: library ${cold?.toFixed(0)} ms cold, ${warm.map((x) => x?.toFixed(0)).join('/')} ms; popup ${popup.map((x) => x?.toFixed(0)).join('/')} ms`);
      const exports = {
        jsonld: await call(page, 'exportAll', 'jsonld'),
        csv: await call(page, 'exportAll', 'csv'),
        markdown: await call(page, 'exportAll', 'markdown'),
      };
      for (const e of Object.values(exports)) {
        const tasks = e.longTasksMeasured ? `longest task ${e.maxTaskMs.toFixed(0)} ms (${e.longTasks} ≥ 50 ms)` : 'no Long Tasks API';
        log(`export ${e.format}: ${e.ms.toFixed(0)} ms, ${e.count} records, ${(e.bytes / 1024 / 1024).toFixed(1)} MiB, ${tasks}`);
      }
      const imported = await call(page, 'importBack');
      log(`import: ${imported.ms.toFixed(0)} ms, ${imported.stored} stored; ${imported.headline}`);
      const peakHeapMB = await heap.stop();
      const figures: StoreFigures = {
        n,
        insertMs: Math.round(filled.insertMs),
        firstScreenMs: round1(median(warm)),
        firstScreenColdMs: round1(cold),
        firstScreenPopupMs: round1(median(popup)),
        firstScreenQueryMs: round1(q.firstScreenQuery.medianMs)!,
        countStoreMs: round1(q.countStore.medianMs)!,
        countIndexMs: round1(q.countIndex.medianMs)!,
        searchMs: round1(Math.max(q.searchCommon.medianMs, q.searchRare.medianMs))!,
        searchCommonMs: round1(q.searchCommon.medianMs)!,
        searchRareMs: round1(q.searchRare.medianMs)!,
        filterSiteMs: round1(q.filterSite.medianMs)!,
        filterActorMs: round1(q.filterActor.medianMs)!,
        exportJsonLdMs: Math.round(exports.jsonld.ms),
        exportCsvMs: Math.round(exports.csv.ms),
        exportMarkdownMs: Math.round(exports.markdown.ms),
        exportMaxTaskMs: exports.jsonld.longTasksMeasured
          ? round1(Math.max(exports.jsonld.maxTaskMs, exports.csv.maxTaskMs, exports.markdown.maxTaskMs))
          : null,
        importMs: Math.round(imported.ms),
        importedRecords: imported.stored,
        peakHeapMB: round1(peakHeapMB),
        exportBytes: { jsonld: exports.jsonld.bytes, csv: exports.csv.bytes, markdown: exports.markdown.bytes },
        searchPlans: { common: q.searchCommon.plan ?? '', rare: q.searchRare.plan ?? '' },
      };
      if (!imported.ok || imported.stored !== n) throw new Error(`the import stored ${imported.stored} of ${n}: ${imported.headline}`);
      report.sizes[sizeKey(n)] = figures;
    }
    // Leave the profile as it was found: an empty store.
    await call(page, 'clear');
  } finally {
    await page.close().catch(() => undefined);
  }
  return report;
}

function round1(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10) / 10;
}

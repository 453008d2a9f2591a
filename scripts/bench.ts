/**
 * `npm run -s bench`: Claimlens in real headless Chromium on real pages — main-thread cost,
 * long tasks, painting against mark.js, article scope against the true texts and
 * Readability.js, and re-anchoring — then the annotation store at 10,000 and 100,000
 * annotations in the extension's own pages. `-- --json` prints the same as JSON (progress
 * goes to stderr); `--pages N` and `--filter text` run a subset of pages; `--no-store` skips
 * the store, `--store-only` runs only the store. Issues 4 and 5 have the targets.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SetupError, launchWithExtension } from './lib/chromium';
import { startFixtureServer } from './lib/fixture-server';
import { ArgsError, parseArgs } from './bench/args';
import { bundlePageAgent, bundleStoreAgent } from './bench/bundle';
import { INIT_SCRIPT } from './bench/init-script';
import { FIXTURES_DIR, corpusDir, hasCorpus, listBenchPages, selectPages } from './bench/pages';
import { type ReanchorReport, runReanchor } from './bench/reanchor-run';
import { renderStoreOnlyText, renderText } from './bench/report';
import { type PageRow, fastestPass, measurePage } from './bench/run-page';
import { chromiumStoreBrowser, firefoxStoreBrowser, runStoreBench } from './bench/store-run';
import { launchFirefoxWithExtension } from './lib/firefox';
import type { StoreReport } from './bench/store-summary';
import { checkTargets, summarize } from './bench/summary';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The store section in its own browser (a fresh profile, so the store starts empty). */
async function measureStore(sizes: number[] | null, which: 'chromium' | 'firefox' = 'chromium'): Promise<{ store: StoreReport; chromium: string }> {
  const agent = await bundleStoreAgent();
  if (which === 'firefox') {
    // Firefox rounds performance.now() to whole milliseconds unless told not to.
    const firefox = await launchFirefoxWithExtension({ prefs: { 'privacy.reduceTimerPrecision': false } });
    try {
      const version = await firefox.browser.version();
      const store = await runStoreBench(firefoxStoreBrowser(firefox), agent, { sizes: sizes ?? undefined, log }).catch(storeFailed);
      return { store, chromium: version };
    } finally {
      await firefox.close().catch(() => undefined);
    }
  }
  const browser = await launchWithExtension();
  try {
    const chromium = browser.context.browser()?.version() ?? (await chromiumVersion(browser.context));
    const store = await runStoreBench(chromiumStoreBrowser(browser), agent, { sizes: sizes ?? undefined, log }).catch(
      (error: unknown): StoreReport => {
        log(`store bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return { status: 'skipped', reason: `failed: ${error instanceof Error ? error.message : String(error)}`, sizes: {} };
      },
    );
    return { store, chromium };
  } finally {
    await browser.close().catch(() => undefined);
  }
}

async function chromiumVersion(context: Awaited<ReturnType<typeof launchWithExtension>>['context']): Promise<string> {
  const probe = await context.newPage();
  try {
    const cdp = await context.newCDPSession(probe);
    return ((await cdp.send('Browser.getVersion')) as { product: string }).product;
  } finally {
    await probe.close();
  }
}

function storeFailed(error: unknown): StoreReport {
  log(`store bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return { status: 'skipped', reason: `failed: ${error instanceof Error ? error.message : String(error)}`, sizes: {} };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

async function storeOnly(args: ReturnType<typeof parseArgs>): Promise<number> {
  const began = Date.now();
  const loadBefore = loadavg()[0]!;
  const { store, chromium } = await measureStore(args.storeSizes, args.browser);
  const info = {
    date: new Date().toISOString(),
    chromium,
    runtimeS: (Date.now() - began) / 1000,
    loadAverage: [round2(loadBefore), round2(loadavg()[0]!)] as [number, number],
  };
  if (args.json) {
    const output = { date: info.date, chromium, runtimeS: Math.round(info.runtimeS), loadAverage: info.loadAverage, store, targets: checkTargets(null, store) };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    process.stdout.write(`${renderStoreOnlyText(store, info)}\n`);
  }
  return store.status === 'measured' ? 0 : 1;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.storeOnly) return storeOnly(args);
  const began = Date.now();
  const corpusNote = hasCorpus
    ? `the corpus at ${path.relative(REPO_ROOT, corpusDir)} and tests/fixtures`
    : `tests/fixtures only (no corpus at ${path.relative(REPO_ROOT, corpusDir)})`;
  if (!hasCorpus) log(`No corpus at ${corpusDir}: running on the repository's fixtures only.`);
  const pages = selectPages(listBenchPages(), { filter: args.filter, limit: args.pages });
  if (pages.length === 0) throw new ArgsError(`no page matches${args.filter ? ` "${args.filter}"` : ''}`);

  const agent = await bundlePageAgent();
  const markjs = readFileSync(path.join(REPO_ROOT, 'node_modules/mark.js/dist/mark.min.js'), 'utf8');
  const server = await startFixtureServer(FIXTURES_DIR);
  const browser = await launchWithExtension();
  let blocked = 0;
  const swMessages: string[] = [];
  let current = '';
  try {
    const { context } = browser;
    await context.addInitScript({ content: INIT_SCRIPT });
    // Nothing leaves the machine, and the pages' remote assets cannot pollute the timings.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || !/^(https?|wss?):$/.test(url.protocol)) return route.continue();
      blocked++;
      return route.abort('blockedbyclient');
    });
    browser.serviceWorker.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') swMessages.push(`${current}: ${message.type()}: ${message.text().slice(0, 300)}`);
    });

    const probe = await context.newPage();
    const cdp = await context.newCDPSession(probe);
    const version = (await cdp.send('Browser.getVersion')) as { product: string };
    await probe.close();

    const pageContext = { context, server, agent, markjs, timeoutMs: args.timeoutMs, quietMs: 3000, log };
    // One page first, not recorded: the browser, the service worker and the detector start
    // cold, and that cost belongs to no page. (Every page still gets a fresh renderer process.)
    const warmUp = listBenchPages().find((p) => p.kind === 'fixture' && !p.frontPage);
    if (warmUp) {
      current = `${warmUp.id} (warm-up)`;
      await measurePage(warmUp, pageContext);
    }
    const loadBefore = loadavg()[0]!;
    const rows: PageRow[] = [];
    for (const [i, page] of pages.entries()) {
      current = page.id;
      const passes: PageRow[] = [];
      for (let pass = 0; pass < args.repeat; pass++) {
        let row = await measurePage(page, pageContext);
        if ((row.ourLongTaskMs ?? 0) > 50) {
          const first = { ourLongTaskMs: row.ourLongTaskMs, mainThreadMs: row.mainThreadMs, steps: row.steps };
          log(`  ${page.id}: a task of ours took ${row.ourLongTaskMs} ms; measuring the page once more`);
          row = { ...(await measurePage(page, pageContext)), firstPass: first };
        }
        passes.push(row);
      }
      const row = fastestPass(passes);
      rows.push(row);
      log(
        `[${String(i + 1).padStart(2)}/${pages.length}] ${page.id.padEnd(44)} ${row.status.padEnd(11)} ${String(row.words).padStart(5)} words  main ${row.mainThreadMs.toFixed(1).padStart(5)} ms  idle→paint ${row.startToPaintedMs === null ? '    -' : row.startToPaintedMs.toFixed(0).padStart(5)} ms  ${row.error ?? ''}`,
      );
    }

    let reanchor: ReanchorReport | null = null;
    if (args.reanchor) {
      // The longest article in this run (by the words Claimlens reads there).
      const longest = rows
        .filter((r) => r.status !== 'error' && r.scope.found)
        .sort((a, b) => b.words - a.words || a.id.localeCompare(b.id))[0];
      const page = longest && pages.find((p) => p.id === longest.id);
      if (!page) {
        reanchor = { status: 'skipped', reason: 'no page with an article in this run' };
      } else {
        log(`re-anchoring on ${page.id} ...`);
        current = `${page.id} (re-anchoring)`;
        reanchor = await runReanchor(page, { context, server, agent, timeoutMs: args.timeoutMs }).catch(
          (error: unknown): ReanchorReport => ({ status: 'skipped', reason: `failed: ${error instanceof Error ? error.message : String(error)}`, page: page.id }),
        );
      }
      if (reanchor.status === 'skipped') log(`re-anchoring skipped: ${reanchor.reason}`);
    }

    await browser.close().catch(() => undefined);
    const store = args.store ? (await measureStore(args.storeSizes)).store : null;
    const summary = summarize(rows, reanchor);
    const contentScript = path.join(REPO_ROOT, '.output/chrome-mv3/content-scripts/content.js');
    const info = {
      date: new Date().toISOString(),
      chromium: version.product,
      corpus: corpusNote,
      contentScriptBytes: existsSync(contentScript) ? statSync(contentScript).size : null,
      runtimeS: (Date.now() - began) / 1000,
      blockedRequests: blocked,
      serviceWorkerMessages: swMessages,
      loadAverage: [Math.round(loadBefore * 100) / 100, Math.round(loadavg()[0]! * 100) / 100] as [number, number],
      repeat: args.repeat,
    };
    if (args.json) {
      const output = {
        date: info.date,
        chromium: info.chromium,
        pagesFrom: info.corpus,
        corpusPresent: hasCorpus,
        contentScriptBytes: info.contentScriptBytes,
        runtimeS: Math.round(info.runtimeS),
        blockedRequests: blocked,
        loadAverage: info.loadAverage,
        repeat: info.repeat,
        summary,
        targets: checkTargets(summary, store),
        reanchor,
        ...(store ? { store } : {}),
        serviceWorkerMessages: swMessages,
        pages: rows.map(({ articleText: _text, ...row }) => row),
      };
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    } else {
      process.stdout.write(`${renderText(rows, summary, reanchor, info, store)}\n`);
    }
    return 0;
  } finally {
    await browser.close().catch(() => undefined);
    await server.close().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SetupError || error instanceof ArgsError) {
      process.stderr.write(`bench: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

/** Shared set-up for the Firefox end-to-end tests: the fixture server and Firefox with Claimlens. */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { type PaintedRange, readPaintedRanges, selectInPage } from '../lib/in-page';
import type { Page } from 'puppeteer-core';
import { REPO_ROOT } from '../../scripts/lib/chromium';
import { type FirefoxWithExtension, launchFirefoxWithExtension, withTimeout } from '../../scripts/lib/firefox';
import { type FixtureServer, startFixtureServer } from '../../scripts/lib/fixture-server';

export type { PaintedRange };

export const FIXTURES_DIR = path.join(REPO_ROOT, 'tests/fixtures');

export interface FirefoxE2E {
  firefox: FirefoxWithExtension;
  server: FixtureServer;
  /** A new tab on a fixture page, loaded. */
  openFixture(pathname: string): Promise<Page>;
  close(): Promise<void>;
}

export async function startFirefoxE2E(): Promise<FirefoxE2E> {
  const server = await startFixtureServer(FIXTURES_DIR);
  let firefox: FirefoxWithExtension;
  try {
    firefox = await launchFirefoxWithExtension();
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    firefox,
    server,
    async openFixture(pathname) {
      const page = await withTimeout('Opening a tab', firefox.browser.newPage());
      await page.goto(server.url(pathname), { waitUntil: 'load', timeout: 30_000 });
      return page;
    },
    async close() {
      await firefox.close();
      await server.close();
    },
  };
}

export function paintedRanges(page: Page): Promise<Record<string, PaintedRange[]>> {
  return page.evaluate(readPaintedRanges);
}

export async function paintedTexts(page: Page, name: string): Promise<string[]> {
  return ((await paintedRanges(page))[name] ?? []).map((r) => r.text);
}

export async function waitForPaint(page: Page, name = 'claimlens-place'): Promise<void> {
  await page.waitForFunction(
    (n: string) => ((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(n)?.size ?? 0) > 0,
    { timeout: 15_000 },
    name,
  );
}

/** Selects the first occurrence of `phrase` inside `selector`, as a reader's drag would. */
export async function selectPhrase(page: Page, selector: string, phrase: string): Promise<void> {
  const found = await page.evaluate(selectInPage, { selector, phrase });
  if (!found) throw new Error(`"${phrase}" is not in ${selector}`);
}

/** The text of an element in Claimlens's shadow-root UI on the page, or null. */
export function ownUiText(page: Page, selector: string): Promise<string | null> {
  return page.evaluate(
    (selector: string) => document.querySelector('claimlens-ui')?.shadowRoot?.querySelector(selector)?.textContent ?? null,
    selector,
  );
}

/**
 * Every stored annotation's quote, read straight from IndexedDB in an extension page (the
 * extension's origin), not through our code: what is really stored.
 */
export function storedQuotes(extensionPage: Page): Promise<string[]> {
  return extensionPage.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('claimlens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('annotations').objectStore('annotations').getAll();
          request.onsuccess = () => {
            db.close();
            const records = request.result as { target: { selector: { type: string; exact?: string }[] } }[];
            resolve(records.map((r) => r.target.selector.find((s) => s.type === 'TextQuoteSelector')?.exact ?? '').sort());
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** Polls `read` until it returns a value `accept` likes, or fails after `ms` with the last value. */
export async function waitUntil<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > until) throw new Error(`${what}: still ${JSON.stringify(last)} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Waits for a finished download named like `pattern` in `dir` and returns its name and text. */
export async function readDownload(dir: string, pattern: RegExp, ms = 15_000): Promise<{ name: string; text: string }> {
  const name = await waitUntil(
    `a download matching ${pattern}`,
    async () => {
      const files = await readdir(dir);
      // Firefox writes into a `.part` file beside an empty placeholder and renames it when
      // done: finished means no `.part` left and the file not empty.
      if (files.some((f) => f.endsWith('.part'))) return '';
      const found = files.find((f) => pattern.test(f));
      return found && (await stat(path.join(dir, found))).size > 0 ? found : '';
    },
    (found) => found !== '',
    ms,
  );
  return { name, text: await readFile(path.join(dir, name), 'utf8') };
}

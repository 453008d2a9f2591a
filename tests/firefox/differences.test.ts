/**
 * Where Firefox differs from Chromium, checked in real Firefox: the background is a page, not
 * a service worker, and loads the trained models from the package; the right-click item is made through `contextMenus` (Firefox's `menus`);
 * the library's export gives the same file with and without `IDBIndex.getAllRecords`.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_MENU_ID } from '../../src/background/service';
import { type FirefoxE2E, ownUiText, readDownload, selectPhrase, startFirefoxE2E, waitForPaint, waitUntil } from './support';

declare const browser: {
  runtime: {
    getBackgroundPage(): Promise<Window | null>;
    sendMessage(message: unknown): Promise<{ ok: boolean; value?: unknown }>;
  };
  contextMenus: { update(id: string, properties: object): Promise<void> };
};

const SEED = '/russia-dprk-restrictions.html';
const QUOTES = ['He stressed that Washington would keep working to persuade North Korea', 'Officials cautioned that plans could change'];

describe('Firefox differences', () => {
  let e2e: FirefoxE2E;
  let extensionPage: Page;
  beforeAll(async () => {
    e2e = await startFirefoxE2E();
    extensionPage = await e2e.firefox.openExtensionPage('/popup.html');
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('loads the trained detection models from the package in the background page', async () => {
    // Before any detection: note what the background page reports as an error.
    await extensionPage.evaluate(async () => {
      const background = (await browser.runtime.getBackgroundPage()) as unknown as { console: Console; __errors?: string[] };
      background.__errors = [];
      const original = background.console.error.bind(background.console);
      background.console.error = (...args: unknown[]) => {
        background.__errors!.push(args.map(String).join(' '));
        original(...args);
      };
    });
    const article = await e2e.openFixture(SEED);
    await waitForPaint(article);
    const errors = await extensionPage.evaluate(async () => ((await browser.runtime.getBackgroundPage()) as unknown as { console: Console; __errors?: string[] }).__errors);
    expect(errors).toEqual([]);
    await article.close();
  });

  it('runs the background as a page (no service worker) that answers messages', async () => {
    const background = await extensionPage.evaluate(async () => {
      const page = await browser.runtime.getBackgroundPage();
      const reply = await browser.runtime.sendMessage({ claimlens: 1, type: 'annotation.list', payload: { limit: 5 } });
      return { path: page?.location.pathname ?? null, reply };
    });
    expect(background).toEqual({
      path: '/_generated_background_page.html',
      reply: { ok: true, value: { items: [], total: 0, next: null } },
    });
  });

  it('makes its “Save to Claimlens” item through contextMenus, which Firefox maps to menus', async () => {
    const found = (id: string) =>
      extensionPage.evaluate(
        (id: string) =>
          browser.contextMenus.update(id, {}).then(
            () => 'exists',
            (error: Error) => `missing: ${error.message}`,
          ),
        id,
      );
    expect(await found(CONTEXT_MENU_ID)).toBe('exists');
    expect(await found('no-such-item')).toMatch(/^missing/);
  });

  it('exports the same JSON-LD from the library with and without IDBIndex.getAllRecords', async () => {
    const article = await e2e.openFixture(SEED);
    await waitForPaint(article);
    for (const quote of QUOTES) {
      await selectPhrase(article, 'article', quote);
      await article.locator('claimlens-ui >>> .cl-save').click();
      await waitUntil('the toast', () => ownUiText(article, '.cl-toast'), (t) => t === 'Saved to Claimlens');
      await article.evaluate(() => getSelection()?.removeAllRanges());
    }
    const library = await e2e.firefox.openExtensionPage('/library.html');
    const rows = () => library.$$eval('#library-list .annotation', (nodes) => nodes.length);
    await waitUntil('the library list', rows, (n) => n === 2);

    const exportOnce = async () => {
      await library.locator('#export-jsonld').click();
      const download = await readDownload(e2e.firefox.downloadsDir, /\.jsonld$/);
      await rm(path.join(e2e.firefox.downloadsDir, download.name));
      return JSON.parse(download.text) as { total: number; first: { items: { id: string }[] } };
    };
    const native = await library.evaluate(() => typeof (IDBIndex.prototype as { getAllRecords?: unknown }).getAllRecords);
    const withIt = await exportOnce();
    // As in Firefox before getAllRecords shipped (and any browser without it).
    await library.evaluate(() => delete (IDBIndex.prototype as { getAllRecords?: unknown }).getAllRecords);
    const without = await exportOnce();
    expect(withIt.total).toBe(2);
    expect(without.first.items).toEqual(withIt.first.items);
    // Firefox ESR 153 has it: the first export took the fast path.
    expect(native).toBe('function');
    await library.close();
    await article.close();
  });
});

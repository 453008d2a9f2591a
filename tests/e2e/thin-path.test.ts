/**
 * The foundation's thin path in real Chromium with the built extension: actors highlighted
 * in the article only, a selection saved, listed in the popup, exported as W3C JSON-LD, and
 * the database kept in the extension's origin, out of the page's reach.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, paintedRanges, selectPhrase, startE2E, waitForPaint } from './support';

// The service worker's own `chrome` global, for code evaluated there.
declare const chrome: {
  tabs: {
    query(q: object): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
};

const SEED = '/russia-dprk-restrictions.html';
const CHROME_PAGE = '/dprk-deterrence.html';
const QUOTE = 'He stressed that Washington would keep working to persuade North Korea';

describe('thin path: page → highlight → save → popup → export', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('highlights actors from the watchlist inside the article, and nothing in the page chrome', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(e2e.server.url(CHROME_PAGE));
    await waitForPaint(page);
    const painted = await paintedRanges(page);
    const all = Object.values(painted).flat();
    expect(painted['claimlens-place']?.map((r) => r.text)).toContain('Washington');
    expect(painted['claimlens-person']?.map((r) => r.text)).toContain('Jake Sullivan');
    expect(all.length).toBeGreaterThan(5);
    expect(all.filter((r) => !r.inArticle)).toEqual([]);
    // The teasers, trending box and footer name actors too; none of them is painted.
    for (const chrome of ['Artem Dzyuba', 'Karpin', 'Xi Jinping', 'Previous Article', 'Leave a Comment']) {
      expect(all.some((r) => r.text.includes(chrome))).toBe(false);
    }
    await page.close();
  });

  it('stays quiet on a front page of teasers', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(e2e.server.url('/front-page.html'));
    // The content script ran a whole pass (it marks the end of each, article or not; its UI
    // host is built only on first use) ...
    await page.waitForFunction(() => performance.getEntriesByName('claimlens:painted').length > 0, null, { timeout: 15_000 });
    // ... and had time for anything late, which would be painted within this.
    await page.waitForTimeout(1500);
    expect(Object.values(await paintedRanges(page)).flat()).toEqual([]);
    await page.close();
  });

  it('saves a selection with the on-page button, lists it in the popup and exports it', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(e2e.server.url(SEED));
    await waitForPaint(page);
    await selectPhrase(page, 'article', QUOTE);
    await page.locator('claimlens-ui .cl-save').click();
    await expect.poll(() => page.locator('claimlens-ui .cl-toast').textContent()).toBe('Saved to Claimlens');

    // The context menu and the keyboard command ask the tab the same way the background does.
    await selectPhrase(page, 'article', 'Officials cautioned that plans could change');
    await page.bringToFront();
    const reply = await e2e.browser.serviceWorker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return chrome.tabs.sendMessage(tab!.id!, { claimlens: 1, type: 'selection.save', payload: {} });
    });
    expect(reply).toEqual({ ok: true, value: { saved: true } });

    const popup = await e2e.browser.context.newPage();
    await popup.goto(`chrome-extension://${e2e.browser.extensionId}/popup.html`);
    const items = popup.locator('.annotation');
    await expect.poll(() => items.count()).toBe(2);
    // Newest first.
    await expect.poll(() => items.nth(0).locator('.snippet').textContent()).toBe('Officials cautioned that plans could change');
    await expect.poll(() => items.nth(1).locator('.snippet').textContent()).toBe(QUOTE);
    expect(await items.nth(1).locator('.title').textContent()).toContain('Washington weighs new restrictions');
    expect(await items.nth(1).locator('.site').textContent()).toBe('ledger.example');

    const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('#export').click()]);
    expect(download.suggestedFilename()).toMatch(/^claimlens-\d{4}-\d{2}-\d{2}\.jsonld$/);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(exported['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(exported.type).toBe('AnnotationCollection');
    expect(exported.total).toBe(2);
    const saved = exported.first.items.find((a: { target: { selector: { exact?: string }[] } }) =>
      a.target.selector.some((s) => s.exact === QUOTE),
    );
    expect(saved).toMatchObject({
      type: 'Annotation',
      motivation: 'highlighting',
      target: { source: 'https://ledger.example/world/washington-weighs-restrictions' },
      claimlens: { kind: 'manual', site: 'ledger.example', actors: expect.arrayContaining(['Washington', 'North Korea']) },
    });
    const quote = saved.target.selector.find((s: { type: string }) => s.type === 'TextQuoteSelector');
    expect(quote.prefix).toBe('Pyongyang interact on defense matters. '.slice(-32));
    expect(quote.suffix.startsWith(' to abandon plans')).toBe(true);
    expect(saved.target.selector).toContainEqual({ type: 'TextPositionSelector', start: expect.any(Number), end: expect.any(Number) });
    await popup.close();
    await page.close();
  });

  it('keeps the database in the extension origin, invisible to the web page', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(e2e.server.url(SEED));
    await waitForPaint(page);
    const pageDatabases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(pageDatabases).not.toContain('claimlens');
    const extensionDatabases = await e2e.browser.serviceWorker.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name),
    );
    expect(extensionDatabases).toContain('claimlens');
    await page.close();
  });
});

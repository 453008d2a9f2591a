/**
 * The thin path in real Firefox (Debian's firefox-esr) with the built Firefox add-on: actors
 * and claims painted in the article only, a selection saved into the extension's IndexedDB,
 * the popup's report and the toolbar badge, the library's list and JSON-LD export, and the
 * database out of the page's reach.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FirefoxE2E,
  ownUiText,
  paintedRanges,
  readDownload,
  selectPhrase,
  startFirefoxE2E,
  storedQuotes,
  waitForPaint,
  waitUntil,
} from './support';

// The extension pages' own `browser` global, for code evaluated there.
declare const browser: {
  tabs: {
    query(q: object): Promise<{ id?: number }[]>;
    getCurrent(): Promise<{ id?: number } | undefined>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value?: { report: unknown } }> };
  browserAction: { getBadgeText(details: { tabId: number }): Promise<string> };
};

const SEED = '/russia-dprk-restrictions.html';
const CHROME_PAGE = '/dprk-deterrence.html';
const QUOTE = 'He stressed that Washington would keep working to persuade North Korea';
const SECOND = 'Officials cautioned that plans could change';

interface Exported {
  '@context': string;
  type: string;
  total: number;
  first: { items: { type: string; target: { source: string; selector: { type: string; exact?: string }[] }; claimlens: { site: string } }[] };
}

describe('Firefox: page → highlight → save → library → export', () => {
  let e2e: FirefoxE2E;
  let article: Page;
  beforeAll(async () => {
    e2e = await startFirefoxE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('paints actors and claims inside the article with the CSS Custom Highlight API, and nothing in the page chrome', async () => {
    const page = await e2e.openFixture(CHROME_PAGE);
    await waitForPaint(page);
    await waitForPaint(page, 'claimlens-claim-named');
    const painted = await paintedRanges(page);
    const all = Object.values(painted).flat();
    expect(painted['claimlens-place']?.map((r) => r.text)).toContain('Washington');
    expect(painted['claimlens-person']?.map((r) => r.text)).toContain('Jake Sullivan');
    expect(painted['claimlens-claim-named']?.length).toBeGreaterThan(0);
    expect(all.filter((r) => !r.inArticle)).toEqual([]);
    // The teasers, trending box and footer name actors too; none of them is painted.
    for (const chrome of ['Artem Dzyuba', 'Karpin', 'Xi Jinping', 'Previous Article', 'Leave a Comment']) {
      expect(all.some((r) => r.text.includes(chrome))).toBe(false);
    }
    // Painted, not wrapped: the <mark> fallback is for browsers without the API.
    expect(await page.evaluate(() => document.querySelectorAll('mark[data-claimlens-mark]').length)).toBe(0);
    await page.close();
  });

  it('saves a selection with the on-page button into the extension’s IndexedDB', async () => {
    article = await e2e.openFixture(SEED);
    await waitForPaint(article);
    await selectPhrase(article, 'article', QUOTE);
    await article.locator('claimlens-ui >>> .cl-save').click();
    await waitUntil('the toast', () => ownUiText(article, '.cl-toast'), (t) => t === 'Saved to Claimlens');

    const extensionPage = await e2e.firefox.openExtensionPage('/popup.html');
    expect(await waitUntil('stored quotes', () => storedQuotes(extensionPage), (q) => q.length > 0)).toEqual([QUOTE]);
    await extensionPage.close();
  });

  it('saves the selection when the background asks the tab, as the context menu and Alt+Shift+S do', async () => {
    await selectPhrase(article, 'article', SECOND);
    const extensionPage = await e2e.firefox.openExtensionPage('/popup.html');
    // Without the `tabs` permission a tab's address is hidden, so ask every other tab: only
    // the article has our content script to answer.
    const replies = await extensionPage.evaluate(async () => {
      const self = await browser.tabs.getCurrent();
      const tabs = (await browser.tabs.query({})).filter((tab) => tab.id !== self?.id);
      const answers = await Promise.allSettled(
        tabs.map((tab) => browser.tabs.sendMessage(tab.id!, { claimlens: 1, type: 'selection.save', payload: {} })),
      );
      return answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    });
    expect(replies).toEqual([{ ok: true, value: { saved: true } }]);
    expect(await waitUntil('stored quotes', () => storedQuotes(extensionPage), (q) => q.length === 2)).toEqual([QUOTE, SECOND].sort());
    await extensionPage.close();
  });

  it('reports the page in the popup, and puts its claim count on the toolbar button (browserAction)', async () => {
    const extensionPage = await e2e.firefox.openExtensionPage('/popup.html');
    // The article's tab: the one the background holds a page report for.
    const { tabId, badge } = await extensionPage.evaluate(async () => {
      const self = await browser.tabs.getCurrent();
      for (const tab of await browser.tabs.query({})) {
        if (tab.id === self?.id) continue;
        const reply = await browser.runtime.sendMessage({ claimlens: 1, type: 'page.status', payload: { tabId: tab.id } });
        if (reply.ok && reply.value?.report) return { tabId: tab.id!, badge: await browser.browserAction.getBadgeText({ tabId: tab.id! }) };
      }
      return { tabId: -1, badge: '' };
    });
    expect(tabId).toBeGreaterThan(0);
    await e2e.firefox.gotoExtensionPage(extensionPage, `/popup.html?tab=${tabId}`);
    await extensionPage.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    const summary = await extensionPage.$eval('#page-summary', (n) => n.textContent);
    expect(summary).toMatch(/\d+ actors and \d+ claims? found; 2 passages saved here\./);
    const claims = await extensionPage.$$eval('#page-claims li strong', (nodes) => nodes.reduce((sum, n) => sum + Number(n.textContent), 0));
    expect(claims).toBeGreaterThan(0);
    expect(await extensionPage.$eval('#page-badge', (n) => n.textContent)).toBe(String(claims));
    expect(badge).toBe(String(claims));
    expect(await extensionPage.$$eval('#page-annotations .snippet', (nodes) => nodes.map((n) => n.textContent))).toEqual([QUOTE, SECOND]);
    await extensionPage.close();
  });

  it('lists the saved passages in the library and exports JSON-LD that parses and holds them', async () => {
    const library = await e2e.firefox.openExtensionPage('/library.html');
    const snippets = () => library.$$eval('#library-list .annotation .snippet', (nodes) => nodes.map((n) => n.textContent));
    expect(await waitUntil('the library list', snippets, (s) => s.length === 2)).toEqual([SECOND, QUOTE]);
    expect(await library.$eval('#library-status', (n) => n.textContent)).toBe('2 annotations.');

    await library.locator('#export-jsonld').click();
    const download = await readDownload(e2e.firefox.downloadsDir, /^claimlens-.*\.jsonld$/);
    expect(download.name).toMatch(/^claimlens-\d{4}-\d{2}-\d{2}\.jsonld$/);
    const exported = JSON.parse(download.text) as Exported;
    expect(exported['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(exported.type).toBe('AnnotationCollection');
    expect(exported.total).toBe(2);
    const saved = exported.first.items.find((a) => a.target.selector.some((s) => s.exact === QUOTE));
    expect(saved).toMatchObject({
      type: 'Annotation',
      target: { source: 'https://ledger.example/world/washington-weighs-restrictions' },
      claimlens: { kind: 'manual', site: 'ledger.example' },
    });
    await waitUntil('the export status', () => library.$eval('#export-status', (n) => n.textContent), (t) => t === `Exported 2 annotations to ${download.name}.`);
    await library.close();
  });

  it('keeps the database in the extension’s origin: the web page’s indexedDB.databases() does not list it', async () => {
    const pageDatabases = await article.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(pageDatabases).not.toContain('claimlens');
    const extensionPage = await e2e.firefox.openExtensionPage('/popup.html');
    expect(await extensionPage.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain('claimlens');
    await extensionPage.close();
  });
});

/**
 * The options page in real Firefox: a watchlist entry and a highlight colour reach an already
 * open tab without a reload, also on a page whose CSP forbids inline styles.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, type FirefoxE2E, paintedTexts, startFirefoxE2E, waitForPaint, waitUntil } from './support';

const SEED = '/russia-dprk-restrictions.html';

/** What Firefox computes for the `::highlight(claimlens-person)` pseudo-element on the article's text. */
function personHighlight(page: Page): Promise<string> {
  return page.evaluate(() => {
    const node = document.querySelector('article p');
    return node ? getComputedStyle(node, '::highlight(claimlens-person)').backgroundColor : '';
  });
}

describe('Firefox: options reach open tabs', () => {
  let e2e: FirefoxE2E;
  let article: Page;
  let options: Page;
  beforeAll(async () => {
    e2e = await startFirefoxE2E();
    article = await e2e.openFixture(SEED);
    await waitForPaint(article);
    // Set on the page's own window: a reload would lose it.
    await article.evaluate(() => Object.assign(window, { __notReloaded: true }));
    options = await e2e.firefox.openExtensionPage('/options.html');
    await options.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('adds an actor to the watchlist, and the open tab highlights it without a reload', async () => {
    expect(await paintedTexts(article, 'claimlens-organization')).not.toContain('Liberation Day');
    await options.locator('#actor-name').fill('Liberation Day');
    await options.select('#actor-type', 'organization');
    await options.locator('#actor-submit').click();
    await waitUntil(
      'the watchlist edits',
      () => options.$$eval('#watchlist-edits li strong', (nodes) => nodes.map((n) => n.textContent)),
      (names) => names.includes('Liberation Day'),
    );
    await waitUntil('the open tab’s highlights', () => paintedTexts(article, 'claimlens-organization'), (t) => t.includes('Liberation Day'));
    expect(await article.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);

    await options.locator('#reset-watchlist').click();
    await waitUntil('the open tab’s highlights', () => paintedTexts(article, 'claimlens-organization'), (t) => !t.includes('Liberation Day'));
  });

  it('changes a highlight colour, and the open tab paints with it', async () => {
    expect(await personHighlight(article)).toBe('rgba(255, 196, 0, 0.45)');
    await options.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('#colour-person')!;
      input.value = '#d04090';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitUntil('the person highlight colour', () => personHighlight(article), (c) => c === 'rgba(208, 64, 144, 0.45)');
  });

  it('paints with the reader’s colour on a page whose CSP forbids inline styles', async () => {
    const html = (await readFile(path.join(FIXTURES_DIR, SEED.slice(1)), 'utf8')).replace(
      '<head>',
      `<head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self'">`,
    );
    e2e.server.route('/strict-csp.html', html);
    const strict = await e2e.openFixture('/strict-csp.html');
    await waitForPaint(strict, 'claimlens-person');
    // The page's own inline <style> is refused; the <style> our content script adds is not
    // (Firefox exempts what an extension inserts), so the colour chosen above applies.
    expect(await strict.evaluate(() => document.styleSheets.length)).toBe(1);
    await waitUntil('the person highlight colour', () => personHighlight(strict), (c) => c === 'rgba(208, 64, 144, 0.45)');
    await strict.close();
  });
});

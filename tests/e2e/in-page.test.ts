/**
 * The reader's experience on someone else's page, in real Chromium with the built
 * extension: the hover card, saved passages found again (after a reload, after an edit) or
 * reported as orphans, pages that never stop changing, hostile CSS and markup-like text.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, FIXTURES_DIR, hoverText, paintedRanges, selectPhrase, startE2E, waitForPaint } from './support';

declare const chrome: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };

const SEED = '/russia-dprk-restrictions.html';
const QUOTE = 'He stressed that Washington would keep working to persuade North Korea';

type Registry = { highlights: Map<string, Set<Range>> };

async function savedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((CSS as unknown as Registry).highlights.get('claimlens-saved') ?? [])].map(String));
}

async function tabReports(e2e: E2E): Promise<{ pageUrl: string; orphans: { exact: string }[]; saved: number }[]> {
  return (await e2e.browser.serviceWorker.evaluate(async () => Object.values(await chrome.storage.session.get(null)))) as never;
}

describe('in the page', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('opens a hover card on an actor, and saves it with a note and tags from the card', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(e2e.server.url(SEED));
    await waitForPaint(page, 'claimlens-person');
    await hoverText(page, 'Jake Sullivan');
    const card = page.locator('claimlens-ui .cl-card');
    await card.waitFor({ state: 'visible' });
    await expect.poll(() => card.locator('h2').first().textContent()).toBe('Jake Sullivan');
    expect(await card.locator('.cl-kind').first().textContent()).toBe('Person');
    await card.locator('input').nth(0).fill('Sullivan on DPRK arms <b>not bold</b>');
    await card.locator('input').nth(1).fill('dprk, sanctions');
    // The name sits inside a claim ("… Jake Sullivan noted progress …"): the card offers both.
    expect(await card.getByRole('button').allTextContents()).toEqual(['Save claim', 'Save name', 'Close']);
    await card.getByRole('button', { name: 'Save name' }).click();
    await page.locator('claimlens-ui .cl-toast', { hasText: 'Saved to Claimlens' }).waitFor();
    await expect.poll(() => card.isVisible()).toBe(false);
    await expect.poll(() => savedTexts(page)).toContain('Jake Sullivan');

    // Escape closes a card opened by keyboard-free hover too.
    await hoverText(page, 'Vedant Patel');
    await card.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await expect.poll(() => card.isVisible()).toBe(false);

    const popup = await e2e.browser.context.newPage();
    await popup.goto(`chrome-extension://${e2e.browser.extensionId}/popup.html`);
    const item = popup.locator('.annotation', { has: popup.locator('.snippet', { hasText: /^Jake Sullivan$/ }) });
    await item.waitFor();
    // The note is shown as text, markup and all.
    expect(await item.locator('.note').textContent()).toBe('Sullivan on DPRK arms <b>not bold</b>');
    expect(await item.locator('.note b').count()).toBe(0);
    expect(await item.locator('.tag').allTextContents()).toEqual(['#dprk', '#sanctions']);
    await popup.close();
    await page.close();
  });

  it('paints a saved passage again after a reload and after the page was edited, and reports it once deleted', async () => {
    const original = await readFile(path.join(FIXTURES_DIR, SEED.slice(1)), 'utf8');
    e2e.server.route('/story', original);
    const page = await e2e.browser.context.newPage();
    await page.goto(e2e.server.url('/story'));
    await waitForPaint(page);
    await selectPhrase(page, 'article', QUOTE);
    await page.locator('claimlens-ui .cl-save').click();
    await page.locator('claimlens-ui .cl-toast', { hasText: 'Saved to Claimlens' }).waitFor();

    await page.reload();
    await expect.poll(() => savedTexts(page)).toContain(QUOTE);

    // The publisher adds a paragraph at the top and edits a word inside the quote.
    const edited = original
      .replace('<div class="article-body">', '<div class="article-body">\n        <p>Update: this story has been revised with new details from officials in Seoul and Tokyo.</p>')
      .replace('would keep working to persuade', 'would keep on working to persuade');
    e2e.server.route('/story', edited);
    await page.reload();
    await expect
      .poll(() => savedTexts(page))
      .toContain('He stressed that Washington would keep on working to persuade North Korea');

    // The passage is gone: nothing is painted in its place, and the page reports an orphan.
    e2e.server.route('/story', original.replace(/<p>Earlier, National Security Adviser.*?<\/p>/s, ''));
    await page.reload();
    await waitForPaint(page);
    await expect
      .poll(async () => (await tabReports(e2e)).find((r) => r.pageUrl.endsWith('/story'))?.orphans.map((o) => o.exact))
      // The name saved in the previous test was in the deleted paragraph too (same canonical page).
      .toEqual(expect.arrayContaining([QUOTE, 'Jake Sullivan']));
    expect(await savedTexts(page)).toEqual([]);
    await page.close();
  });

  it('starts again on a page that replaces its whole document after load', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(e2e.server.url('/rewritten-page.html'));
    await page.waitForFunction(() => document.title.startsWith('Seoul'));
    await waitForPaint(page, 'claimlens-person');
    const painted = await paintedRanges(page);
    expect(painted['claimlens-person']?.map((r) => r.text)).toContain('Jake Sullivan');
    expect(Object.values(painted).flat().filter((r) => !r.inArticle)).toEqual([]);
    // document.open() erased every listener on the old tree; the new session has its own.
    await hoverText(page, 'Jake Sullivan');
    const card = page.locator('claimlens-ui .cl-card');
    await card.waitFor({ state: 'visible' });
    expect(await card.locator('h2').first().textContent()).toBe('Jake Sullivan');
    expect(await page.locator('claimlens-ui').count()).toBe(1);
    await page.close();
  });

  it('keeps up with a page that rewrites itself every 100 ms, without looping or leaking', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(e2e.server.url('/living-page.html'));
    await waitForPaint(page);
    const countPasses = () => page.evaluate(() => performance.getEntriesByName('claimlens:paint').length);
    const highlightTotal = () =>
      page.evaluate(() => [...(CSS as unknown as Registry).highlights.values()].reduce((n, h) => n + h.size, 0));
    const before = { passes: await countPasses(), highlights: await highlightTotal() };
    await page.waitForTimeout(5000);
    const after = { passes: await countPasses(), highlights: await highlightTotal() };
    // 50 rewrites happened; the debounced observer allows a pass at most every ~2 s.
    expect(after.passes - before.passes).toBeGreaterThanOrEqual(1);
    expect(after.passes - before.passes).toBeLessThanOrEqual(4);
    expect(after.highlights).toBe(before.highlights);
    const painted = await paintedRanges(page);
    expect(Object.values(painted).flat().every((r) => r.inArticle)).toBe(true);
    await page.close();
  });

  it('treats markup-like text and entities as text, and keeps its card usable under hostile CSS', async () => {
    const page = await e2e.browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(e2e.server.url('/hostile-page.html'));
    await waitForPaint(page);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(await page.locator('article img, article script').count()).toBe(0);
    const painted = await paintedRanges(page);
    expect(painted['claimlens-place']?.map((r) => r.text)).toEqual(expect.arrayContaining(['Washington', 'Moscow']));

    // Click on the name: the card opens where the page's CSS cannot reach it.
    const point = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.querySelector('article p')!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf('Jake Sullivan');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at + 2);
        range.setEnd(node, at + 3);
        const first = range.getBoundingClientRect();
        window.scrollBy(first.left - innerWidth / 2, first.top - innerHeight / 2);
        const rect = range.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      return null;
    });
    await page.mouse.click(point!.x, point!.y);
    const card = page.locator('claimlens-ui .cl-card');
    await card.waitFor({ state: 'visible' });
    const box = (await card.boundingBox())!;
    expect(box.width).toBeGreaterThan(250);
    expect(await card.locator('h2').first().textContent()).toBe('Jake Sullivan');
    const save = card.getByRole('button', { name: /^Save/ }).first();
    expect(await save.isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});

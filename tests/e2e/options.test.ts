/**
 * The options page in real Chromium: watchlist changes (add, edit, remove), claim cues,
 * highlight colours and sites switched off reach an already open tab without a reload; with
 * automatic scanning off a page waits for the popup's "Scan this page". Screenshots of the
 * page in light and dark go to test-output/screenshots/ (copy them to docs/screenshots/).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/chromium';
import { type E2E, paintedRanges, startE2E, waitForPaint } from './support';

declare const chrome: {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
  storage: { session: { get(key: string): Promise<Record<string, { scanning?: boolean } | undefined>> } };
};

const SEED = '/russia-dprk-restrictions.html';
const SHOTS = path.join(REPO_ROOT, 'test-output/screenshots');

async function texts(page: Page, name: string): Promise<string[]> {
  return ((await paintedRanges(page))[name] ?? []).map((r) => r.text);
}

describe('options page', () => {
  let e2e: E2E;
  let article: Page;
  let options: Page;
  beforeAll(async () => {
    e2e = await startE2E();
    article = await e2e.browser.context.newPage();
    await article.goto(e2e.server.url(SEED));
    await waitForPaint(article);
    options = await e2e.browser.context.newPage();
    await options.goto(`chrome-extension://${e2e.browser.extensionId}/options.html`);
    await options.locator('body[data-ready="true"]').waitFor();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('adds an actor to the watchlist, and an open tab highlights it at once', async () => {
    expect(await texts(article, 'claimlens-organization')).not.toContain('Liberation Day');
    await options.locator('#actor-name').fill('Liberation Day');
    await options.getByLabel('Type').selectOption('organization');
    await options.getByRole('button', { name: 'Add to the watchlist' }).click();
    await expect.poll(() => options.locator('#watchlist-edits li strong').allTextContents()).toEqual(['Liberation Day']);
    await expect.poll(() => texts(article, 'claimlens-organization')).toContain('Liberation Day');

    // Undo takes it away again, in the open tab too.
    await options.getByRole('button', { name: 'Undo your change to Liberation Day' }).click();
    await expect.poll(() => texts(article, 'claimlens-organization')).not.toContain('Liberation Day');
  });

  it('removes a default entry and resets the watchlist', async () => {
    await options.locator('#remove-name').fill('Vladimir Putin');
    await options.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => options.locator('#watchlist-edits li').allTextContents()).toEqual([
      expect.stringContaining('Vladimir Putin'),
    ]);
    await options.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect.poll(() => options.locator('#watchlist-edits li strong').count()).toBe(0);
  });

  it('switches scanning off for a site and on again', async () => {
    await options.getByLabel('Stop scanning a site').fill(e2e.server.origin);
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(async () => Object.values(await paintedRanges(article)).flat().length).toBe(0);
    await options.getByRole('button', { name: 'Scan 127.0.0.1 again' }).click();
    await expect.poll(() => texts(article, 'claimlens-place')).toContain('Washington');
  });

  it('edits an actor the reader added: type and other names', async () => {
    await options.locator('#actor-name').fill('Liberation Day');
    await options.getByLabel('Type').selectOption('place');
    await options.getByRole('button', { name: 'Add to the watchlist' }).click();
    await expect.poll(() => texts(article, 'claimlens-place')).toContain('Liberation Day');

    await options.getByRole('button', { name: 'Edit Liberation Day' }).click();
    expect(await options.locator('#actor-form-heading').textContent()).toBe('Edit Liberation Day');
    expect(await options.evaluate(() => document.activeElement?.id)).toBe('actor-name');
    await options.getByLabel('Type').selectOption('organization');
    await options.locator('#actor-aliases').fill('Victory Day');
    await options.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => options.locator('#status').textContent()).toBe('Liberation Day was changed; open tabs use it now.');
    await expect.poll(() => options.locator('#watchlist-edits li').allTextContents()).toEqual([
      expect.stringContaining('Organisation · also “Victory Day”'),
    ]);
    await expect.poll(() => texts(article, 'claimlens-organization')).toContain('Liberation Day');
    expect(await texts(article, 'claimlens-place')).not.toContain('Liberation Day');
    await options.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect.poll(() => texts(article, 'claimlens-organization')).not.toContain('Liberation Day');
  });

  it('adds a claim cue, and the open tab shows a new claim with it at once; removing a cue takes claims away', async () => {
    const claimTexts = async () => (await texts(article, 'claimlens-claim-named')).concat(await texts(article, 'claimlens-claim-vague'));
    expect((await claimTexts()).some((t) => t.includes('sent greetings to'))).toBe(false);
    await options.getByLabel('Word or phrase').fill('sent greetings to');
    await options.getByLabel('Who is speaking').selectOption('before');
    await options.getByRole('button', { name: 'Add the cue' }).click();
    await expect.poll(() => options.locator('#status').textContent()).toBe('“sent greetings to” is now a claim cue; open tabs look for it now.');
    await expect.poll(async () => (await texts(article, 'claimlens-claim-named')).some((t) => t.includes('Vladimir Putin sent greetings to Kim Jong-un'))).toBe(true);

    // A built-in cue turned off: "Officials cautioned that plans could change" is no longer a claim.
    expect((await claimTexts()).some((t) => t.includes('Officials cautioned'))).toBe(true);
    await options.getByLabel('Turn off a built-in cue').fill('cautioned');
    await options.getByRole('button', { name: 'Turn off' }).click();
    await expect.poll(async () => (await claimTexts()).some((t) => t.includes('Officials cautioned'))).toBe(false);

    // A word Claimlens does not use is refused with a reason, and nothing changes.
    await options.getByLabel('Turn off a built-in cue').fill('banana');
    await options.getByRole('button', { name: 'Turn off' }).click();
    await expect.poll(() => options.locator('#status').textContent()).toMatch(/^“banana” is not one of Claimlens’s cues, so nothing was turned off/);

    await options.getByRole('button', { name: 'Reset cues to defaults' }).click();
    await expect.poll(async () => (await claimTexts()).some((t) => t.includes('Officials cautioned'))).toBe(true);
    expect((await claimTexts()).some((t) => t.includes('sent greetings to'))).toBe(false);
  });

  it('changes a highlight colour, and the open tab styles its highlights with it', async () => {
    const installed = () =>
      article.evaluate(() => [...document.querySelectorAll('style[data-claimlens-highlight-style]')].map((s) => s.textContent ?? ''));
    expect(await installed()).toEqual([]);
    await options.getByLabel('People').fill('#d04090');
    await expect.poll(installed).toEqual([expect.stringContaining('::highlight(claimlens-person) { background-color: rgba(208, 64, 144, 0.45); }')]);
    await expect.poll(() => options.locator('#status').textContent()).toBe('People are now highlighted in #d04090; open tabs use it now.');
    // What Chromium computes for the highlight pseudo-element on the article's text.
    const computed = await article.evaluate(() => {
      const node = document.querySelector('article p');
      return node ? getComputedStyle(node, '::highlight(claimlens-person)').backgroundColor : '';
    });
    expect(computed).toBe('rgba(208, 64, 144, 0.45)');

    // A colour light text cannot be read on is flagged, and the preview follows.
    await options.getByLabel('Places').fill('#ffffff');
    expect(await options.locator('#colour-place-warning').textContent()).toMatch(/^Poor contrast with white text on dark pages/);
    expect(await options.locator('#preview-dark .sample-place').evaluate((n) => (n as HTMLElement).style.backgroundColor)).toBe('rgba(255, 255, 255, 0.45)');
    await expect.poll(installed).toEqual([expect.stringContaining('rgba(255, 255, 255, 0.45)')]);

    await options.getByRole('button', { name: 'Reset colours to defaults' }).click();
    await expect.poll(installed).toEqual([]);
    await expect.poll(() => options.locator('#colour-place-warning').isVisible()).toBe(false);
  });

  it('with automatic scanning off, a page stays unpainted until the popup asks to scan it', async () => {
    await options.getByLabel('Scan news articles automatically when they open').uncheck();
    const page = await e2e.browser.context.newPage();
    await page.goto(e2e.server.url('/dprk-deterrence.html'));
    await page.bringToFront();
    const tabId = await e2e.browser.serviceWorker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab!.id!;
    });
    // The page reported in, unscanned.
    await expect
      .poll(() => e2e.browser.serviceWorker.evaluate(async (id) => (await chrome.storage.session.get(`tab-report:${id}`))[`tab-report:${id}`]?.scanning, tabId))
      .toBe(false);
    expect(Object.values(await paintedRanges(page)).flat()).toEqual([]);

    const popup = await e2e.browser.context.newPage();
    await popup.setViewportSize({ width: 420, height: 640 });
    await popup.goto(`chrome-extension://${e2e.browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.locator('body[data-ready="true"]').waitFor();
    expect(await popup.locator('#page-summary').textContent()).toMatch(/^Not scanned yet: automatic scanning is off/);
    await popup.screenshot({ path: path.join(SHOTS, 'popup-on-request-light.png') });
    await popup.getByRole('button', { name: 'Scan this page' }).click();
    await waitForPaint(page);
    await expect.poll(() => popup.locator('#page-summary').textContent()).toMatch(/^\d+ actors and \d+ claims? found/);
    expect(await popup.locator('#scan-now').isHidden()).toBe(true);
    await popup.close();
    await page.close();
    await options.bringToFront();
    await options.getByLabel('Scan news articles automatically when they open').check();
  });

  it('works from the keyboard and saves screenshots in light and dark', async () => {
    // Tab from the automatic-scanning switch reaches the next control, with a visible focus ring.
    await options.getByLabel('Scan news articles automatically when they open').focus();
    await options.keyboard.press('Tab');
    const focused = await options.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { id: el.id, outline: getComputedStyle(el).outlineStyle };
    });
    expect(focused.id).toBe('site-input');
    expect(focused.outline).not.toBe('none');

    // A state worth showing: one actor, one cue, one colour with a warning.
    await options.locator('#actor-name').fill('Liberation Day');
    await options.getByLabel('Type').selectOption('organization');
    await options.getByRole('button', { name: 'Add to the watchlist' }).click();
    await options.getByLabel('Word or phrase').fill('according to a memo from');
    await options.getByLabel('Who is speaking').selectOption('after');
    await options.getByRole('button', { name: 'Add the cue' }).click();
    await options.getByLabel('Turn off a built-in cue').fill('claimed');
    await options.getByRole('button', { name: 'Turn off' }).click();
    await options.getByLabel('Your saved passages').fill('#f0f0f0');
    await options.setViewportSize({ width: 900, height: 900 });
    // The status line is sticky: from the top it sits in its own place, not over a form.
    await options.evaluate(() => window.scrollTo(0, 0));
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      await options.screenshot({ path: path.join(SHOTS, `options-${scheme}.png`), fullPage: true });
    }
    await options.emulateMedia({ colorScheme: 'light' });
  });
});

/**
 * The options page in real Chromium: a watchlist change and a site switched off reach an
 * already open tab without a reload.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, paintedRanges, startE2E, waitForPaint } from './support';

const SEED = '/russia-dprk-restrictions.html';

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
});

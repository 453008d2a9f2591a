/**
 * The actor ledger in real Chromium with the built extension: reading the same wire story on
 * two outlets fills the ledger; the ledger page lists the actor, their claims from both sites
 * in date order, the claim the reader saved (marked, with the note), and for the wire
 * sentence the other outlet that carried it. Turning the ledger off stops recording; clearing
 * it empties it and keeps saved annotations. Screenshots (light and dark) go to
 * test-output/screenshots/ (copy them to docs/screenshots/ when the page changes).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/chromium';
import { type E2E, hoverText, startE2E, waitForPaint } from './support';

const LEDGER_PAGE = '/russia-dprk-restrictions.html';
const HARBOUR_PAGE = '/wire-copy.html';
const NOTE = 'Same wire copy as the Harbour Post; check the date.';
const SHOTS = path.join(REPO_ROOT, 'test-output/screenshots');

describe('actor ledger', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const ledgerUrl = (actor = '') => `chrome-extension://${e2e.browser.extensionId}/ledger.html${actor ? `#${encodeURIComponent(actor)}` : ''}`;
  /** Sightings in the extension's database, read where the extension reads them. */
  const sightingCount = () =>
    e2e.browser.serviceWorker.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('claimlens');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('sightings')) return resolve(-1);
            const count = db.transaction('sightings').objectStore('sightings').count();
            count.onsuccess = () => {
              resolve(count.result);
              db.close();
            };
          };
        }),
    );

  it('starts empty, with a hint that says what to do', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(ledgerUrl());
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.locator('#ledger-empty').textContent()).toContain('Read a few articles with Claimlens on');
    expect(await page.locator('#ledger-record').isChecked()).toBe(true);
    await page.close();
  });

  it('fills from two outlets carrying the same wire story, and shows the saved claim and the other outlet', async () => {
    const ledger = await e2e.browser.context.newPage();
    await ledger.goto(e2e.server.url(LEDGER_PAGE));
    await waitForPaint(ledger, 'claimlens-claim-named');
    // Save the claim from its hover card, with a note.
    await hoverText(ledger, 'stressed that Washington');
    const card = ledger.locator('claimlens-ui .cl-card');
    await card.waitFor({ state: 'visible' });
    await card.locator('input').nth(0).fill(NOTE);
    await card.getByRole('button', { name: 'Save claim' }).click();
    await ledger.locator('claimlens-ui .cl-toast', { hasText: 'Saved to Claimlens' }).waitFor();
    await expect.poll(sightingCount, { timeout: 10_000 }).toBeGreaterThan(0);
    const afterFirst = await sightingCount();

    const harbour = await e2e.browser.context.newPage();
    await harbour.goto(e2e.server.url(HARBOUR_PAGE));
    await waitForPaint(harbour, 'claimlens-claim-named');
    await expect.poll(sightingCount, { timeout: 10_000 }).toBeGreaterThan(afterFirst);
    // A revisit records nothing new.
    const afterBoth = await sightingCount();
    await harbour.reload();
    await waitForPaint(harbour, 'claimlens-claim-named');
    await harbour.waitForTimeout(500);
    expect(await sightingCount()).toBe(afterBoth);

    const page = await e2e.browser.context.newPage();
    await page.setViewportSize({ width: 1180, height: 900 });
    await page.goto(ledgerUrl());
    await page.locator('body[data-ready="true"]').waitFor();
    const sullivan = page.locator('#actor-list button', { hasText: 'Jake Sullivan' });
    expect(await sullivan.locator('.counts').textContent()).toBe('4 seen · 1 saved');
    // Keyboard only: find the actor by typing, choose with Enter.
    await page.locator('#actor-filter').focus();
    await page.keyboard.type('sulliv');
    await expect.poll(() => page.locator('#actor-list button').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#actor-heading').textContent()).toBe('Jake Sullivan');
    expect(await sullivan.getAttribute('aria-current')).toBe('true');
    expect(page.url()).toBe(ledgerUrl('Jake Sullivan'));

    const entries = page.locator('#ledger-days .entry');
    await expect.poll(() => entries.count()).toBe(4);
    expect(await page.locator('#claims-status').textContent()).toBe('Jake Sullivan: 4 claims seen, 1 saved.');
    // Newest first: the Harbour Post (read second) above the Daily Ledger, both sites named.
    expect(await entries.locator('.site').allTextContents()).toEqual(['harbour-post.example', 'harbour-post.example', 'ledger.example', 'ledger.example']);
    const times = await entries.locator('time').evaluateAll((nodes) => nodes.map((n) => (n as HTMLTimeElement).dateTime));
    expect(times).toEqual([...times].sort().reverse());

    const stressed = entries.filter({ hasText: 'He stressed that Washington' });
    expect(await stressed.locator('.badge.saved').count()).toBe(1);
    expect(await stressed.locator('.saved-note .note').textContent()).toBe(NOTE);
    expect(await stressed.locator('.carried a').allTextContents()).toEqual(['harbour-post.example']);
    expect(await stressed.locator('.carried a').getAttribute('href')).toMatch(/^https:\/\/harbour-post\.example\/world\/sullivan-pyongyang-arms#:~:text=National%20Security%20Adviser%20Jake,other%20support%20to%20Russia\.$/);
    expect(await stressed.locator('.badge.sourcing-named').textContent()).toBe('named source');
    expect(await stressed.locator('a.title').getAttribute('href')).toMatch(/^https:\/\/ledger\.example\/world\/washington-weighs-restrictions#:~:text=He%20stressed%20that%20Washington/);

    const wire = entries.filter({ hasText: 'said on Tuesday that Washington' });
    expect(await wire.locator('.carried a').allTextContents()).toEqual(['ledger.example']);
    expect(await wire.locator('.badge.saved').count()).toBe(0);
    // A claim only one outlet ran names no other.
    expect(await entries.filter({ hasText: 'tighten export controls' }).locator('.carried').count()).toBe(0);

    // Oldest first turns the order round.
    await page.locator('#ledger-order').selectOption('oldest');
    await expect.poll(() => entries.locator('.site').first().textContent()).toBe('ledger.example');

    await page.locator('#ledger-order').selectOption('newest');
    await expect.poll(() => entries.locator('.site').first().textContent()).toBe('harbour-post.example');
    // Every actor again, for the screenshots.
    await page.locator('#actor-filter').fill('');
    await expect.poll(() => page.locator('#actor-list button').count()).toBeGreaterThan(1);
    await page.locator('#ledger-order').focus();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join(SHOTS, `ledger-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // The whole ledger of the actor as CSV, when the reader asks.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#ledger-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^claimlens-ledger-jake-sullivan-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('date,actor,entry,sourcing,cue,site,title,url,passage,saved,note,also_carried_by,other_urls');
    expect(lines).toHaveLength(5);
    expect(lines.find((l) => l.includes('He stressed that Washington'))).toContain(`,yes,${NOTE},harbour-post.example,`);

    await Promise.all([ledger.close(), harbour.close(), page.close()]);
  });

  it('the library links to the ledger', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(`chrome-extension://${e2e.browser.extensionId}/library.html`);
    await page.locator('#open-ledger').click();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(page.url()).toBe(ledgerUrl());
    await page.close();
  });

  it('turned off, records nothing; cleared, keeps only what the reader saved', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(ledgerUrl('Jake Sullivan'));
    await page.locator('body[data-ready="true"]').waitFor();
    await page.locator('#ledger-record').uncheck();
    await expect
      .poll(() => e2e.browser.serviceWorker.evaluate(async () => (await chrome.storage.local.get('claimlens.ledger'))['claimlens.ledger']))
      .toEqual({ record: false });

    await page.locator('#ledger-clear').click();
    const dialog = page.locator('#clear-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.locator('#clear-text').textContent()).toMatch(/^This deletes the \d+ claims Claimlens kept as you read\./);
    await dialog.getByRole('button', { name: 'Clear the ledger' }).click();
    await expect.poll(() => page.locator('#claims-status').textContent()).toMatch(/^Ledger cleared: \d+ claims removed\./);
    expect(await sightingCount()).toBe(0);
    // The saved claim is still in Jake Sullivan's ledger, now on its own.
    await page.locator('#actor-list button', { hasText: 'Jake Sullivan' }).click();
    await expect.poll(() => page.locator('#ledger-days .entry').count()).toBe(1);
    expect(await page.locator('#ledger-days .entry .saved-note .note').textContent()).toBe(NOTE);

    const harbour = await e2e.browser.context.newPage();
    await harbour.goto(e2e.server.url(HARBOUR_PAGE));
    await waitForPaint(harbour, 'claimlens-claim-named');
    await harbour.waitForTimeout(1000);
    expect(await sightingCount()).toBe(0);

    await page.locator('#ledger-record').check();
    await harbour.reload();
    await waitForPaint(harbour, 'claimlens-claim-named');
    await expect.poll(sightingCount, { timeout: 10_000 }).toBeGreaterThan(0);
    await Promise.all([harbour.close(), page.close()]);
  });
});

declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };

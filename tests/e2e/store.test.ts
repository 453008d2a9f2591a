/**
 * The store under pressure, in real Chromium: ten extension pages saving at once, and the
 * service worker stopped in the middle of it. Every save that was answered "ok" is stored;
 * a save cut off after its write but before its reply may be stored too, never twice.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E, storedAnnotationIds } from './support';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

function draft(tab: number, i: number) {
  const exact = `Passage ${i} saved from tab ${tab}`;
  return {
    exact,
    prefix: '',
    suffix: '',
    start: 0,
    end: exact.length,
    pageUrl: `https://news.example/tab-${tab}`,
    canonicalLink: null,
    title: `Tab ${tab}`,
    note: '',
    tags: [],
    kind: 'manual',
    actors: [],
    speaker: null,
    sourcing: null,
  };
}

/** Sends `count` saves from one extension page, all at once; returns how many were answered ok. */
function saveMany(page: Page, tab: number, count: number): Promise<number> {
  const drafts = Array.from({ length: count }, (_, i) => draft(tab, i));
  return page.evaluate(async (drafts) => {
    const replies = await Promise.allSettled(
      drafts.map((d) => chrome.runtime.sendMessage({ claimlens: 1, type: 'annotation.save', payload: { draft: d } })),
    );
    return replies.filter((r) => r.status === 'fulfilled' && (r.value as { ok?: boolean })?.ok === true).length;
  }, drafts);
}

async function total(page: Page): Promise<number> {
  const reply = (await page.evaluate(() =>
    chrome.runtime.sendMessage({ claimlens: 1, type: 'annotation.list', payload: { limit: 1, before: null } }),
  )) as { ok: boolean; value: { total: number } };
  return reply.value.total;
}

/** The records really in the store, counted by reading IndexedDB (the total above is a stored counter). */
async function recordsInStore(page: Page): Promise<number> {
  return (await storedAnnotationIds(page)).length;
}

describe('store under pressure', () => {
  let e2e: E2E;
  let pages: Page[];
  beforeAll(async () => {
    e2e = await startE2E();
    pages = [];
    for (let tab = 0; tab < 10; tab++) {
      const page = await e2e.browser.context.newPage();
      await page.goto(`chrome-extension://${e2e.browser.extensionId}/popup.html`);
      pages.push(page);
    }
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('ten tabs saving 100 annotations each at once end with exactly 1,000 records', async () => {
    const before = await total(pages[0]!);
    const answered = await Promise.all(pages.map((page, tab) => saveMany(page, tab, 100)));
    expect(answered).toEqual(Array(10).fill(100));
    expect((await total(pages[0]!)) - before).toBe(1000);
    // The stored counter moved in step with the records: every save counted once.
    expect(await recordsInStore(pages[0]!)).toBe(await total(pages[0]!));
  });

  it('loses no acknowledged save when the service worker is stopped mid-way', async () => {
    const before = await total(pages[0]!);
    const cdp = await e2e.browser.context.newCDPSession(pages[0]!);
    const saving = Promise.all(pages.map((page, tab) => saveMany(page, 100 + tab, 100)));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const answered = (await saving).reduce((a, b) => a + b, 0);
    expect(answered).toBeLessThan(1000); // the stop really cut some saves off
    const stored = (await total(pages[0]!)) - before;
    // Nothing acknowledged is lost; a cut-off save is stored at most once.
    expect(stored).toBeGreaterThanOrEqual(answered);
    expect(stored).toBeLessThanOrEqual(1000);
    // A save cut off by the stop either committed with its counter or not at all.
    expect(await recordsInStore(pages[0]!)).toBe(await total(pages[0]!));
  });
});

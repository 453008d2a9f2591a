/**
 * A large import cut off half-way, in real Chromium: the library page imports a file of
 * thousands of annotations (src/ui/transfer.ts → src/store/bulk.ts, one transaction), and
 * while the records are being written the service worker is stopped, or the library page is
 * closed. Afterwards the store holds exactly what it held before, or all of the file: never a
 * part of it.
 *
 * "Half-way" is observed, not guessed: before choosing the file, the page's
 * IDBObjectStore.prototype.add is wrapped to count calls (the browser API, not our code), and
 * the interruption comes once half the file's records have been handed to IndexedDB.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeData } from '../../scripts/bench/store-data';
import { exportJsonLd } from '../../src/export/jsonld';
import { type E2E, startE2E, storedAnnotationIds } from './support';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const FILE_RECORDS = 3_000;
const BEFORE_RECORDS = 25;

function importFileBuffer(seed: number, from: number, count: number): Buffer {
  const data = storeData({ seed });
  const records = Array.from({ length: count }, (_, i) => data.record(from + i));
  return Buffer.from(exportJsonLd(records, { id: `urn:uuid:00000000-0000-4000-8000-00000000000${seed % 10}`, label: 'big', generated: new Date(Date.UTC(2026, 0, 1)) }));
}

/** Every id in the store, read in the extension's origin (a fresh extension page). */
async function storedIds(e2e: E2E): Promise<string[]> {
  const page = await e2e.browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${e2e.browser.extensionId}/options.html`);
    return await storedAnnotationIds(page);
  } finally {
    await page.close();
  }
}

/** Opens the library and counts the records IndexedDB is given from now on. */
async function openLibraryCountingAdds(e2e: E2E): Promise<Page> {
  const page = await e2e.browser.context.newPage();
  await page.goto(`chrome-extension://${e2e.browser.extensionId}/library.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate(() => {
    const w = window as unknown as { __adds: number };
    w.__adds = 0;
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      w.__adds++;
      return add.apply(this, args);
    };
  });
  return page;
}

async function startImport(page: Page, buffer: Buffer): Promise<void> {
  await page.locator('#import-file').setInputFiles({ name: 'big.jsonld', mimeType: 'application/ld+json', buffer });
  // Half of the file's records handed to IndexedDB: the write is well under way.
  await page.waitForFunction((half) => (window as unknown as { __adds: number }).__adds >= half, FILE_RECORDS / 2, { polling: 5, timeout: 60_000 });
}

describe('a large import interrupted half-way', () => {
  let e2e: E2E;
  let before: string[];
  let fileIds: string[];

  beforeAll(async () => {
    e2e = await startE2E();
    const page = await e2e.browser.context.newPage();
    await page.goto(`chrome-extension://${e2e.browser.extensionId}/library.html`);
    // What the reader already has: saved one by one through the background.
    const drafts = Array.from({ length: BEFORE_RECORDS }, (_, i) => ({
      exact: `Passage ${i} saved before the import`,
      prefix: '',
      suffix: '',
      start: 0,
      end: `Passage ${i} saved before the import`.length,
      pageUrl: `https://news.example/before-${i}`,
      canonicalLink: null,
      title: 'Before',
      note: '',
      tags: [],
      kind: 'manual',
      actors: [],
      speaker: null,
      sourcing: null,
    }));
    const replies = await page.evaluate(async (drafts) => {
      const out: unknown[] = [];
      for (const draft of drafts) out.push(await chrome.runtime.sendMessage({ claimlens: 1, type: 'annotation.save', payload: { draft } }));
      return out;
    }, drafts);
    expect(replies.filter((r) => (r as { ok?: boolean }).ok !== true)).toEqual([]);
    await page.close();
    before = await storedIds(e2e);
    expect(before).toHaveLength(BEFORE_RECORDS);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('closing the library page mid-import leaves none of the file (or all of it), never a part', async () => {
    const buffer = importFileBuffer(1, 0, FILE_RECORDS);
    fileIds = (JSON.parse(buffer.toString()) as { first: { items: { id: string }[] } }).first.items.map((r) => r.id);
    const page = await openLibraryCountingAdds(e2e);
    await startImport(page, buffer);
    await page.close();
    const after = await storedIds(e2e);
    // With the page gone mid-write the transaction rolls back: nothing of the file. (All of it
    // would also keep the promise, should a loaded machine let the write finish first; a part never.)
    const all = [...before, ...fileIds].sort();
    expect([before, all]).toContainEqual(after);
  });

  it('stopping the service worker mid-import leaves either none of the file or all of it', async () => {
    const page = await openLibraryCountingAdds(e2e);
    await startImport(page, importFileBuffer(1, 0, FILE_RECORDS));
    const cdp = await e2e.browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // The import runs in the page, so it goes on; its report says how it ended.
    await page.waitForFunction(() => !document.querySelector<HTMLInputElement>('#import-file')!.disabled, null, { timeout: 80_000 });
    const report = await page.locator('#import-report').innerText();
    const after = await storedIds(e2e);
    const added = after.filter((id) => !before.includes(id));
    expect(after.filter((id) => before.includes(id))).toEqual(before);
    if (added.length === 0) {
      expect(report).toContain('Nothing was imported');
    } else {
      expect(added.sort()).toEqual([...fileIds].sort());
      expect(report).toContain(`${FILE_RECORDS.toLocaleString('en')} added`);
    }
    await page.close();
  });
});

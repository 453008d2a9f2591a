/**
 * The store bench's helper inside an extension page (the library page), bundled by esbuild
 * into an IIFE that sets `window.__claimlensStoreBench` (see bundle.ts). It drives the
 * extension's own code against the extension's own IndexedDB: `bulkImport` to fill the store,
 * `listNewestFirst`, `listByFacet` and `searchAnnotations` for the queries, `exportSelection`
 * (what the library's export buttons run) and `importFile` (what its import field runs).
 *
 * Plain data in and out: everything crosses the Playwright boundary as JSON.
 */
import { listByFacet, listNewestFirst } from '../../src/store/annotations';
import { bulkImport } from '../../src/store/bulk';
import { type ClaimlensDB, DB_NAME, openClaimlensDB } from '../../src/store/db';
import { EVERYTHING } from '../../src/store/library-query';
import { searchAnnotations } from '../../src/store/search';
import { type ExportFormat, exportSelection, importFile } from '../../src/ui/transfer';
import { storeData } from './store-data';

/** A separate, empty database for the import: the same schema and code, a different name. */
export const IMPORT_DB_NAME = 'claimlens-bench-import';

let main: Promise<ClaimlensDB> | undefined;
const database = () => (main ??= openClaimlensDB(undefined, DB_NAME));
const exported = new Map<ExportFormat, Blob>();

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // Another connection still open: it closes on `versionchange`, then this succeeds.
    request.onblocked = () => undefined;
  });
}

/** Empties the annotation store (and drops the import database and any kept export). */
export async function clear(): Promise<number> {
  const db = await database();
  await db.clear('annotations');
  exported.clear();
  await deleteDatabase(IMPORT_DB_NAME);
  return db.count('annotations');
}

export interface FillResult {
  count: number;
  /** Writing only (bulkImport: duplicate checks and adds, one transaction per batch). */
  insertMs: number;
  generateMs: number;
  batches: number;
}

/** Generates records [from, to) and writes them with the extension's bulk import, `batch` per transaction. */
export async function fill(seed: number, from: number, to: number, batch: number): Promise<FillResult> {
  const data = storeData({ seed });
  const db = await database();
  let insertMs = 0;
  let generateMs = 0;
  let batches = 0;
  for (let start = from; start < to; start += batch) {
    const t0 = performance.now();
    const records = Array.from({ length: Math.min(batch, to - start) }, (_, k) => data.record(start + k));
    const t1 = performance.now();
    const result = await bulkImport(db, records);
    insertMs += performance.now() - t1;
    generateMs += t1 - t0;
    batches++;
    if (result.added !== records.length) throw new Error(`bulkImport added ${result.added} of ${records.length} (${result.skippedDuplicates} skipped as duplicates)`);
  }
  return { count: await db.count('annotations'), insertMs, generateMs, batches };
}

export interface Timed {
  /** The first call (cold caches), then the median of the repeats. */
  firstMs: number;
  medianMs: number;
  runs: number[];
  /** Items returned by the query (at most the page size). */
  items: number;
  plan?: string;
}

async function timed(repeats: number, run: () => Promise<{ items: unknown[]; plan?: string }>): Promise<Timed> {
  const runs: number[] = [];
  let items = 0;
  let plan: string | undefined;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const page = await run();
    runs.push(performance.now() - t0);
    items = page.items.length;
    plan = page.plan;
  }
  const later = runs.slice(1).sort((a, b) => a - b);
  const median = later.length ? later[Math.floor((later.length - 1) / 2)]! : runs[0]!;
  return { firstMs: runs[0]!, medianMs: median, runs, items, ...(plan ? { plan } : {}) };
}

export interface QueryTimes {
  firstScreenQuery: Timed;
  /** Counting every record, on the object store and on the byCreated index (why the first screen costs what it does). */
  countStore: Timed;
  countIndex: Timed;
  searchCommon: Timed;
  searchRare: Timed;
  filterSite: Timed;
  filterActor: Timed;
  probes: { site: string; actor: string; commonWord: string; rareWord: string };
}

/** The first page of each query the popup and library run, straight against the store. */
export async function queries(seed: number, pageSize: number, repeats: number): Promise<QueryTimes> {
  const { probes } = storeData({ seed });
  const db = await database();
  return {
    firstScreenQuery: await timed(repeats, () => listNewestFirst(db, pageSize)),
    countStore: await timed(repeats, async () => ({ items: [await db.count('annotations')] })),
    countIndex: await timed(repeats, async () => ({ items: [await db.countFromIndex('annotations', 'byCreated')] })),
    // The library trims the box and the last word is a prefix while the reader types: the same here.
    searchCommon: await timed(repeats, () => searchAnnotations(db, probes.commonWord, { limit: pageSize })),
    searchRare: await timed(repeats, () => searchAnnotations(db, probes.rareWord, { limit: pageSize })),
    filterSite: await timed(repeats, () => listByFacet(db, { by: 'site', value: probes.site }, pageSize)),
    filterActor: await timed(repeats, () => listByFacet(db, { by: 'actor', value: probes.actor }, pageSize)),
    probes,
  };
}

function hasLongTasks(): boolean {
  return PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false;
}

export interface ExportResult {
  format: ExportFormat;
  ms: number;
  bytes: number;
  count: number;
  /** Longest task the Long Tasks API saw in this page while exporting (0 when none reached 50 ms). */
  maxTaskMs: number;
  longTasks: number;
  /** False where the browser has no Long Tasks API (Firefox): then the two above say nothing. */
  longTasksMeasured: boolean;
  progressUpdates: number;
}

/**
 * One export of everything, as the library's button runs it (minus the download): the
 * streamed writer into a Blob, with a progress callback that touches the DOM like the
 * library's does. The JSON-LD blob is kept for `importBack`.
 */
export async function exportAll(format: ExportFormat): Promise<ExportResult> {
  const db = await database();
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const status = document.createElement('p');
  document.body.append(status);
  let progressUpdates = 0;
  const t0 = performance.now();
  const file = await exportSelection(db, format, EVERYTHING, {
    now: new Date(Date.UTC(2026, 10, 1)),
    newId: () => '00000000-0000-4000-8000-000000000000',
    onProgress({ done, total }) {
      progressUpdates++;
      status.textContent = `Exporting: ${done.toLocaleString('en')} of ${total?.toLocaleString('en')} annotations…`;
    },
  });
  const ms = performance.now() - t0;
  // Long-task entries are delivered after the task ends; let the last one arrive.
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const entry of observer.takeRecords()) tasks.push(entry.duration);
  observer.disconnect();
  status.remove();
  if (format === 'jsonld') exported.set(format, file.blob);
  return { format, ms, bytes: file.blob.size, count: file.count, maxTaskMs: tasks.reduce((m, x) => Math.max(m, x), 0), longTasks: tasks.length, longTasksMeasured: hasLongTasks(), progressUpdates };
}

export interface ImportResult {
  ms: number;
  ok: boolean;
  headline: string;
  added: number;
  stored: number;
  maxTaskMs: number;
}

/** The kept JSON-LD export imported into an empty database through the library's import path. */
export async function importBack(): Promise<ImportResult> {
  const blob = exported.get('jsonld');
  if (!blob) throw new Error('export JSON-LD first');
  await deleteDatabase(IMPORT_DB_NAME);
  const db = await openClaimlensDB(undefined, IMPORT_DB_NAME);
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  try {
    const file = new File([blob], 'claimlens-bench.jsonld', { type: 'application/ld+json' });
    const t0 = performance.now();
    const summary = await importFile(db, file);
    const ms = performance.now() - t0;
    const stored = await db.count('annotations');
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const entry of observer.takeRecords()) tasks.push(entry.duration);
    return { ms, ok: summary.ok, headline: summary.headline, added: summary.added, stored, maxTaskMs: tasks.reduce((m, x) => Math.max(m, x), 0) };
  } finally {
    observer.disconnect();
    db.close();
    exported.clear();
    await deleteDatabase(IMPORT_DB_NAME);
  }
}

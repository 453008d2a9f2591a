/**
 * Bulk import: every record written in ONE read-write transaction, so an import is all or
 * nothing. If the tab closes, the service worker stops or the disk fills half-way, IndexedDB
 * rolls the transaction back and the store is exactly as before.
 *
 * Duplicates (same id, or same source + quote + note as a stored record or an earlier record
 * of the same import) are skipped and counted, never overwritten: an import cannot silently
 * change an annotation the reader already has.
 */
import type { Annotation } from '../annotation/record';
import { type ImportReport, type ParseOptions, parseImport } from '../export/import';
import type { ClaimlensDB } from './db';
import { transactionError } from './errors';
import { CountChanges } from './facet-counts';
import { PostingsBuilder, batchPostingKey, newBatchName } from './postings';
import { writeAll } from './raw-writes';
import { type StoredAnnotation, duplicateKey, sameContent, toStored } from './stored';
import { RECORD_STORES, type RecordWriteTx } from './write-record';

export interface BulkImportResult {
  added: number;
  /** Records skipped because the store (or the same import) already had them. */
  skippedDuplicates: number;
  /** Ids of the records written, in input order. */
  addedIds: string[];
}

/** Requests kept in flight at once; enough to keep IndexedDB busy, few enough to stay small. */
const BATCH = 1_000;
/** From this many records on, the store's ids are read in one request instead of one request each. */
const READ_ALL_IDS_FROM = 2_000;

/**
 * The candidates the store does not already have (same id, or same page + quote + note).
 * Each request costs about 0.1 ms in Chromium whatever it asks, so the checks are shaped to
 * need few: none into an empty store (a restore from backup), the store's ids in one request
 * for a large import, and one request per page rather than per record for the content check.
 */
async function notYetStored(tx: RecordWriteTx, candidates: readonly Annotation[]): Promise<Annotation[]> {
  const store = tx.objectStore('annotations');
  if ((await store.getAllKeys(null, 1)).length === 0) return [...candidates];
  let hasId: (id: string) => boolean;
  if (candidates.length >= READ_ALL_IDS_FROM) {
    const ids = new Set(await store.getAllKeys());
    hasId = (id) => ids.has(id);
  } else {
    const found = new Set<string>();
    for (let i = 0; i < candidates.length; i += BATCH) {
      const keys = await Promise.all(candidates.slice(i, i + BATCH).map((record) => store.getKey(record.id)));
      for (const key of keys) if (key !== undefined) found.add(key);
    }
    hasId = (id) => found.has(id);
  }
  const bySource = new Map<string, Annotation[]>();
  for (const record of candidates) {
    if (hasId(record.id)) continue;
    const same = bySource.get(record.target.source);
    if (same) same.push(record);
    else bySource.set(record.target.source, [record]);
  }
  const fresh: Annotation[] = [];
  const sources = [...bySource.keys()];
  for (let i = 0; i < sources.length; i += BATCH) {
    const chunk = sources.slice(i, i + BATCH);
    const stored = await Promise.all(chunk.map((source) => store.index('bySource').getAll(source)));
    chunk.forEach((source, k) => {
      for (const record of bySource.get(source)!) if (!stored[k]!.some((other) => sameContent(other, record))) fresh.push(record);
    });
  }
  return fresh;
}

export async function bulkImport(db: ClaimlensDB, records: readonly Annotation[]): Promise<BulkImportResult> {
  // Duplicates within the file are settled in memory before the transaction opens.
  const byId = new Set<string>();
  const byContent = new Map<string, Annotation[]>();
  const candidates: Annotation[] = [];
  let skippedDuplicates = 0;
  for (const record of records) {
    const key = duplicateKey(record);
    const sameKey = byContent.get(key);
    if (byId.has(record.id) || sameKey?.some((other) => sameContent(other, record))) {
      skippedDuplicates++;
      continue;
    }
    byId.add(record.id);
    if (sameKey) sameKey.push(record);
    else byContent.set(key, [record]);
    candidates.push(record);
  }

  const tx = db.transaction(RECORD_STORES, 'readwrite');
  const batch = newBatchName();
  try {
    const store = tx.objectStore('annotations');
    const toWrite = await notYetStored(tx, candidates);
    skippedDuplicates += candidates.length - toWrite.length;
    // The counters and the search postings of the whole import are written once each, in the
    // same transaction: one posting per distinct word, not an index entry per word per record.
    const counts = new CountChanges();
    const postings = new PostingsBuilder();
    await writeAll(store, 'add', toWrite, (record) => {
      const stored: StoredAnnotation = toStored(record);
      counts.add(record);
      postings.add(record);
      return { value: stored };
    });
    await Promise.all([
      counts.apply(tx.objectStore('facetCounts')),
      writeAll(tx.objectStore('postings'), 'put', postings.postings, ([token, posting]) => ({ value: posting, key: batchPostingKey(token, batch, posting) })),
    ]);
    await tx.done;
    return { added: toWrite.length, skippedDuplicates, addedIds: toWrite.map((r) => r.id) };
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failure itself.
    }
    await tx.done.catch(() => undefined);
    throw transactionError(error, tx, 'import the annotations');
  }
}

export type ImportOutcome =
  | {
      ok: true;
      /** Items in the file. */
      items: number;
      added: number;
      /** Duplicates skipped: repeated in the file, or already in the store. */
      skippedDuplicates: number;
      /** Other tools' annotations without quoted text, skipped on request (`skipUnsupported`). */
      skippedUnsupported: number;
      notes: string[];
    }
  | { ok: false; error: string; report: ImportReport };

/**
 * The whole import as the background runs it: check the file, then write it in one
 * transaction. A refused file returns `ok: false` with its reasons and the store is untouched;
 * a storage failure (quota) throws a StoreError and, the transaction being rolled back, the
 * store is untouched too.
 */
export async function importFromText(db: ClaimlensDB, text: string, options: ParseOptions = {}): Promise<ImportOutcome> {
  const parsed = parseImport(text, options);
  if (!parsed.ok) return { ok: false, error: parsed.error, report: parsed.report };
  const result = await bulkImport(db, parsed.records);
  return {
    ok: true,
    items: parsed.report.items,
    added: result.added,
    skippedDuplicates: result.skippedDuplicates,
    skippedUnsupported: parsed.report.skippedUnsupported,
    notes: parsed.report.notes,
  };
}

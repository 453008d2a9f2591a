/**
 * One record written, replaced or deleted together with what is derived from it outside the
 * record (v4): its counters (facet-counts.ts) and its postings (postings.ts). Every single-record
 * write path goes through here, inside one read-write transaction over all three stores, so
 * the counters and the search index can never disagree with the records.
 */
import type { IDBPTransaction } from 'idb';
import type { ClaimlensSchema } from './db';
import { CountChanges } from './facet-counts';
import { deleteRecordPostings, replaceRecordPostings } from './postings';
import { type StoredAnnotation, fromStored, storedTokens } from './stored';

/** The stores a record write touches; open write transactions over exactly these. */
export const RECORD_STORES = ['annotations', 'postings', 'facetCounts'] as const;
export type RecordWriteTx = IDBPTransaction<ClaimlensSchema, typeof RECORD_STORES, 'readwrite'>;

/** Was this stored record derived (and so counted)? A damaged record from an old version is not. */
function isDerived(stored: StoredAnnotation | undefined): stored is StoredAnnotation {
  return stored !== undefined && typeof stored.derived === 'object' && stored.derived !== null && Array.isArray(stored.derived.actors);
}

/**
 * Puts `after` in place of `before` (the record under that id now, if any) and adjusts the
 * counters and postings. `add` refuses to replace: the request fails if the id exists.
 */
export async function writeRecord(
  tx: RecordWriteTx,
  before: StoredAnnotation | undefined,
  after: StoredAnnotation,
  mode: 'put' | 'add' = 'put',
): Promise<void> {
  const counts = new CountChanges().add(fromStored(after));
  if (isDerived(before)) counts.remove(fromStored(before));
  const annotations = tx.objectStore('annotations');
  await Promise.all([
    mode === 'add' ? annotations.add(after) : annotations.put(after),
    counts.apply(tx.objectStore('facetCounts')),
    replaceRecordPostings(tx.objectStore('postings'), isDerived(before) ? before : undefined, after),
  ]);
}

/** Deletes the record and its counts and own postings. */
export async function deleteRecord(tx: RecordWriteTx, stored: StoredAnnotation): Promise<void> {
  const pending: Promise<unknown>[] = [tx.objectStore('annotations').delete(stored.id)];
  if (isDerived(stored)) {
    pending.push(new CountChanges().remove(fromStored(stored)).apply(tx.objectStore('facetCounts')));
    pending.push(...deleteRecordPostings(tx.objectStore('postings'), stored.id, storedTokens(stored)));
  }
  await Promise.all(pending);
}

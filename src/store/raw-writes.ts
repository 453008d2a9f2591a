/**
 * Many writes in one transaction without a promise per request.
 *
 * Why: idb wraps every request in a promise with its own success and error listeners. For one
 * save that is nothing; for an import of 100,000 records (and as many postings) a CPU profile
 * of the library page showed the wrapping, its listeners and the garbage they leave costing
 * about as much as the requests themselves. Requests of one transaction complete in the order
 * they were made, so it is enough to wait for the last of a group; a failed request aborts the
 * transaction, which the caller's `tx.done` reports (with the cause, e.g. QuotaExceededError).
 */
import { unwrap } from 'idb';

/** Issued before waiting: keeps IndexedDB busy without queueing the whole import's values at once. */
export const WRITES_IN_FLIGHT = 1_000;

export interface RawWrite {
  value: unknown;
  /** For stores with out-of-line keys. */
  key?: IDBValidKey;
}

/**
 * Calls `add` (or `put`) on the raw store for each write, `WRITES_IN_FLIGHT` at a time, waiting
 * for the last request of each group. Rejects when a request fails (the transaction then aborts).
 */
export async function writeAll<T>(
  store: object,
  method: 'add' | 'put',
  writes: Iterable<T>,
  toWrite: (item: T) => RawWrite,
): Promise<void> {
  const raw = unwrap(store as never) as unknown as IDBObjectStore;
  let last: IDBRequest | null = null;
  let inFlight = 0;
  for (const item of writes) {
    const { value, key } = toWrite(item);
    last = key === undefined ? raw[method](value) : raw[method](value, key);
    if (++inFlight >= WRITES_IN_FLIGHT) {
      await settled(last);
      inFlight = 0;
    }
  }
  if (last && inFlight) await settled(last);
}

function settled(request: IDBRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // A request already failed by an abort earlier in the group fails this one too (AbortError).
  });
}

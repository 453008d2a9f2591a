/**
 * Writes to the `sightings` store: the claims Claimlens saw, recorded after detection in the
 * background, one transaction per page, bounded in number.
 */
import type { Sighting } from '../ledger/sighting';
import type { ClaimlensDB } from './db';
import { transactionError } from './errors';

/**
 * At most this many sightings are kept; beyond it the least recently seen go first. About a
 * thousand articles' worth of attributed claims (~20 each), some 25 MB with indexes.
 */
export const SIGHTINGS_CAP = 20_000;

export interface RecordResult {
  added: number;
  updated: number;
  pruned: number;
}

/**
 * Records the claims seen on one page in one transaction. A claim already recorded for that
 * page (same page, same normalised sentence) is updated in place: its first-seen time stays,
 * its last-seen time moves, and what detection says now (speaker, sourcing) replaces the old.
 */
export async function recordSightings(
  db: ClaimlensDB,
  seen: readonly Sighting[],
  cap = SIGHTINGS_CAP,
): Promise<RecordResult> {
  const result: RecordResult = { added: 0, updated: 0, pruned: 0 };
  if (!seen.length) return result;
  const tx = db.transaction('sightings', 'readwrite');
  try {
    const existing = await Promise.all(seen.map((s) => tx.store.get(s.id)));
    await Promise.all(
      seen.map((sighting, i) => {
        const before = existing[i];
        if (before) result.updated++;
        else result.added++;
        return tx.store.put(before ? { ...sighting, firstSeen: before.firstSeen < sighting.firstSeen ? before.firstSeen : sighting.firstSeen } : sighting);
      }),
    );
    const excess = (await tx.store.count()) - cap;
    if (excess > 0) {
      for (let cursor = await tx.store.index('byLastSeen').openCursor(); cursor && result.pruned < excess; ) {
        await cursor.delete();
        result.pruned++;
        cursor = await cursor.continue();
      }
    }
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished.
    }
    await tx.done.catch(() => undefined);
    throw transactionError(error, tx, 'record the claims seen on this page');
  }
}

/** Empties the ledger of what Claimlens saw; saved annotations are not touched. */
export async function clearSightings(db: ClaimlensDB): Promise<number> {
  const tx = db.transaction('sightings', 'readwrite');
  const count = await tx.store.count();
  await tx.store.clear();
  await tx.done;
  return count;
}

export function countSightings(db: ClaimlensDB): Promise<number> {
  return db.count('sightings');
}

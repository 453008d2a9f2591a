/**
 * The annotation database. Only the background service worker and extension pages open it:
 * a content script's IndexedDB belongs to the web page, never to us.
 *
 * Indexes. Every list the popup shows is newest first, so each filter index ends in
 * [created, id]: one page is a reverse walk of one key range, never a sort of all matches.
 *   bySource     target.source                     annotations for a page (re-anchoring)
 *   byCreated    [created, id]                     everything, newest first
 *   bySiteTime   [claimlens.site, created, id]     one site, newest first
 *   byKindTime   [claimlens.kind, created, id]     one kind, newest first
 *   byActorTime  derived.actors (multiEntry)       one actor, newest first
 *   byTag        derived.tags (multiEntry)         one tag, newest first; distinct tags
 *   bySourcing   derived.sourcing                  one sourcing level ("none" for null)
 *   bySpeakerOnly derived.speaker (multiEntry)     v3: a saved claim's speaker not in its actors
 * `derived` is explained in stored.ts. Every index entry costs a write per record, so v4
 * dropped the ones a stored counter or the postings store answers better: bySite, byActor and
 * byKind (distinct values and counts: `facetCounts`), byWord (~55 entries a record: `postings`),
 * and byDuplicate (an import compares with the records of the same page, through bySource).
 *
 * Store `postings` (v4, out-of-line keys [token, kind, name, size]): the search index (postings.ts).
 * Store `facetCounts` (v4, out-of-line keys [facet, value] → count): totals per facet value (facet-counts.ts).
 *
 * Store `sightings` (v3, key `id`): claims Claimlens saw, for the actor ledger (src/ledger/).
 *   bySpeakerTime [speaker, firstSeen, id]          one actor's claims in date order; distinct actors
 *   byBand        bands (multiEntry)                near-identical sentences (LSH band keys)
 *   bySource      source                            the claims seen on one page
 *   byLastSeen    [lastSeen, id]                    the least recently seen first, for pruning
 */
import { type DBSchema, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction, type StoreNames, openDB } from 'idb';
import type { Sighting } from '../ledger/sighting';
import { CountChanges, type CountKey } from './facet-counts';
import { type Posting, type PostingKey, PostingsBuilder, putBatchPostings } from './postings';
import { type FacetKey, type StoredAnnotation, toStored } from './stored';

export const DB_NAME = 'claimlens';
export const DB_VERSION = 4;

export interface ClaimlensSchema extends DBSchema {
  annotations: {
    key: string;
    value: StoredAnnotation;
    indexes: {
      bySource: string;
      byCreated: [string, string];
      bySiteTime: FacetKey;
      byKindTime: FacetKey;
      byActorTime: FacetKey;
      byTag: FacetKey;
      bySourcing: FacetKey;
      bySpeakerOnly: FacetKey;
    };
  };
  postings: {
    key: PostingKey;
    value: Posting;
  };
  facetCounts: {
    key: CountKey;
    value: number;
  };
  sightings: {
    key: string;
    value: Sighting;
    indexes: {
      bySpeakerTime: FacetKey;
      byBand: string;
      bySource: string;
      byLastSeen: [string, string];
    };
  };
}

export type ClaimlensDB = IDBPDatabase<ClaimlensSchema>;
type UpgradeTx = IDBPTransaction<ClaimlensSchema, StoreNames<ClaimlensSchema>[], 'versionchange'>;

/**
 * Each numbered step upgrades a database from the version before it; a database of any
 * older version walks every step after its own, so no record is left behind. A step that
 * returns a promise finishes before the next starts; if any step fails the whole upgrade
 * aborts and the database stays at its old version, records untouched.
 */
export const UPGRADES: Record<number, (db: ClaimlensDB, tx: UpgradeTx) => void | Promise<void>> = {
  // Steps 1–3 name indexes that v4 removes: the schema type describes the current version only.
  1(db) {
    const annotations = db.createObjectStore('annotations', { keyPath: 'id' });
    annotations.createIndex('bySource', 'target.source');
    annotations.createIndex('bySite' as never, 'claimlens.site');
    // With the id as tie-breaker, paging stays exact when two saves share a millisecond.
    annotations.createIndex('byCreated', ['created', 'id']);
    annotations.createIndex('byActor' as never, 'claimlens.actors', { multiEntry: true });
    annotations.createIndex('byKind' as never, 'claimlens.kind');
  },
  async 2(_db, tx) {
    const annotations = tx.objectStore('annotations');
    annotations.createIndex('bySiteTime', ['claimlens.site', 'created', 'id']);
    annotations.createIndex('byKindTime', ['claimlens.kind', 'created', 'id']);
    annotations.createIndex('byActorTime', 'derived.actors', { multiEntry: true });
    annotations.createIndex('byTag', 'derived.tags', { multiEntry: true });
    annotations.createIndex('bySourcing', 'derived.sourcing');
    annotations.createIndex('byWord' as never, 'derived.words', { multiEntry: true });
    annotations.createIndex('byDuplicate' as never, 'derived.duplicate');
    // v1 records have no `derived`; compute it for each, so every record is in the new indexes.
    await rederive(annotations);
  },
  async 3(db, tx) {
    const sightings = db.createObjectStore('sightings', { keyPath: 'id' });
    sightings.createIndex('bySpeakerTime', ['speaker', 'firstSeen', 'id']);
    sightings.createIndex('byBand', 'bands', { multiEntry: true });
    sightings.createIndex('bySource', 'source');
    sightings.createIndex('byLastSeen', ['lastSeen', 'id']);
    const annotations = tx.objectStore('annotations');
    annotations.createIndex('bySpeakerOnly', 'derived.speaker', { multiEntry: true });
    // `derived.speaker` is new: recompute `derived` for every record, as v2 did.
    await rederive(annotations);
  },
  async 4(db, tx) {
    const annotations = tx.objectStore('annotations');
    for (const name of ['bySite', 'byActor', 'byKind', 'byWord', 'byDuplicate']) annotations.deleteIndex(name as never);
    db.createObjectStore('postings');
    db.createObjectStore('facetCounts');
    // `derived.words` is gone; the postings and the counters are built from the records.
    const counts = new CountChanges();
    const postings = new PostingsBuilder();
    await rederive(annotations, (record) => {
      counts.add(record);
      postings.add(record);
    });
    await counts.apply(tx.objectStore('facetCounts'));
    await Promise.all(putBatchPostings(tx.objectStore('postings'), 'v4-upgrade', postings.postings));
  },
};

type UpgradeAnnotations = IDBPObjectStore<ClaimlensSchema, StoreNames<ClaimlensSchema>[], 'annotations', 'versionchange'>;

/**
 * Recomputes `derived` (stored.ts) for every annotation, so old records join new indexes;
 * `visit` sees each record it could derive.
 */
async function rederive(annotations: UpgradeAnnotations, visit: (stored: StoredAnnotation) => void = () => undefined): Promise<void> {
  for (let cursor = await annotations.openCursor(); cursor; cursor = await cursor.continue()) {
    let stored: StoredAnnotation;
    try {
      stored = toStored(cursor.value);
    } catch {
      // A record too damaged to index stays exactly as it was (see the v2 step), and is not counted.
      continue;
    }
    await cursor.update(stored);
    visit(stored);
  }
}

export function openClaimlensDB(factory?: IDBFactory, name = DB_NAME, version = DB_VERSION): Promise<ClaimlensDB> {
  const open = () =>
    openDB<ClaimlensSchema>(name, version, {
      upgrade(db, oldVersion, newVersion, tx) {
        let pending: Promise<void> | undefined;
        for (let v = oldVersion + 1; v <= (newVersion ?? version); v++) {
          const step = UPGRADES[v];
          if (!step) continue;
          pending = pending ? pending.then(() => step(db, tx)) : (step(db, tx) ?? undefined);
        }
        pending?.catch(() => tx.abort());
      },
    });
  if (!factory) return open();
  // idb reads the global factory; tests hand in their own (fake-indexeddb).
  const saved = globalThis.indexedDB;
  globalThis.indexedDB = factory;
  try {
    return open();
  } finally {
    globalThis.indexedDB = saved;
  }
}

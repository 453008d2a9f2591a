/**
 * The annotation database. Only the background service worker and extension pages open it:
 * a content script's IndexedDB belongs to the web page, never to us.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Annotation } from '../annotation/record';

export const DB_NAME = 'claimlens';
export const DB_VERSION = 1;

export interface ClaimlensSchema extends DBSchema {
  annotations: {
    key: string;
    value: Annotation;
    indexes: {
      bySource: string;
      bySite: string;
      byCreated: [string, string];
      byActor: string;
      byKind: string;
    };
  };
}

export type ClaimlensDB = IDBPDatabase<ClaimlensSchema>;

/**
 * Each numbered step upgrades a database from the version before it; a database of any
 * older version walks every step after its own, so no record is left behind.
 */
const UPGRADES: Record<number, (db: IDBPDatabase<ClaimlensSchema>) => void> = {
  1(db) {
    const annotations = db.createObjectStore('annotations', { keyPath: 'id' });
    annotations.createIndex('bySource', 'target.source');
    annotations.createIndex('bySite', 'claimlens.site');
    // With the id as tie-breaker, paging stays exact when two saves share a millisecond.
    annotations.createIndex('byCreated', ['created', 'id']);
    annotations.createIndex('byActor', 'claimlens.actors', { multiEntry: true });
    annotations.createIndex('byKind', 'claimlens.kind');
  },
};

export function openClaimlensDB(factory?: IDBFactory, name = DB_NAME): Promise<ClaimlensDB> {
  const open = () =>
    openDB<ClaimlensSchema>(name, DB_VERSION, {
      upgrade(db, oldVersion, newVersion) {
        for (let v = oldVersion + 1; v <= (newVersion ?? DB_VERSION); v++) UPGRADES[v]?.(db);
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

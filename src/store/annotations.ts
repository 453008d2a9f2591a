/** Queries over the annotation store. Plain functions over an open database. */
import { ANNOTATION_CONTEXT, type Annotation, type Motivation, type TextualBody, noteOf, tagsOf } from '../annotation/record';
import { canonicalUrl } from '../annotation/url';
import type { IDBPIndex, IndexNames, StoreNames } from 'idb';
import type { ClaimlensDB, ClaimlensSchema } from './db';
import { StoreError, transactionError } from './errors';
import { type CountKey, TOTAL, readCount, readFacetCounts } from './facet-counts';
import { NO_SOURCING, type StoredAnnotation, fromStored, toStored } from './stored';
import { RECORD_STORES, deleteRecord, writeRecord } from './write-record';

export async function putAnnotation(db: ClaimlensDB, annotation: Annotation): Promise<void> {
  const tx = db.transaction(RECORD_STORES, 'readwrite');
  try {
    const annotations = tx.objectStore('annotations');
    await writeRecord(tx, await annotations.get(annotation.id), toStored(annotation));
    await tx.done;
  } catch (error) {
    abortQuietly(tx);
    await tx.done.catch(() => undefined);
    throw transactionError(error, tx, 'save the annotation');
  }
}

/** Aborts a transaction that failed half-way; it may already be finished or aborted. */
function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already committed or aborted: nothing left to undo.
  }
}

export async function getAnnotation(db: ClaimlensDB, id: string): Promise<Annotation | undefined> {
  const stored = await db.get('annotations', id);
  return stored && fromStored(stored);
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Where a newest-first page ended: the last item already shown. */
export interface PageCursor {
  created: string;
  id: string;
}

/** A page plus where the next one starts (null when this was the last). */
export interface CursorPage<T> extends Page<T> {
  next: PageCursor | null;
}

function cursorAfter(items: readonly Annotation[], limit: number): PageCursor | null {
  const last = items[items.length - 1];
  return last && items.length >= limit ? { created: last.created, id: last.id } : null;
}

/** Newest first, `limit` at a time, starting strictly after `before`. */
export async function listNewestFirst(
  db: ClaimlensDB,
  limit: number,
  before: PageCursor | null = null,
): Promise<CursorPage<Annotation>> {
  const tx = db.transaction(['annotations', 'facetCounts'], 'readonly');
  const [items, total] = await Promise.all([
    walkNewestFirst(tx.objectStore('annotations').index('byCreated'), before === null ? null : IDBKeyRange.upperBound([before.created, before.id], true), limit),
    // A stored counter: IndexedDB counts by walking, about 0.6 s at 100,000 records.
    readCount(tx.objectStore('facetCounts'), TOTAL),
  ]);
  await tx.done;
  return { items, total, next: cursorAfter(items, limit) };
}

/** Up to `limit` records of an index range, last key first. */
async function walkNewestFirst(
  index: IDBPIndex<ClaimlensSchema, ArrayLike<StoreNames<ClaimlensSchema>>, 'annotations', IndexNames<ClaimlensSchema, 'annotations'>, 'readonly'>,
  range: IDBKeyRange | null,
  limit: number,
): Promise<Annotation[]> {
  const items: Annotation[] = [];
  for (let cursor = await index.openCursor(range, 'prev'); cursor; ) {
    items.push(fromStored(cursor.value));
    if (items.length >= limit) break;
    cursor = await cursor.continue();
  }
  return items;
}

/** The filters the popup offers; each is backed by an index ending in [created, id]. */
export type Facet = 'site' | 'actor' | 'tag' | 'kind' | 'sourcing';
export interface FacetFilter {
  by: Facet;
  /** For `sourcing`, "none" selects records whose sourcing is null. */
  value: string;
}

const FACET_INDEX = {
  site: 'bySiteTime',
  actor: 'byActorTime',
  tag: 'byTag',
  kind: 'byKindTime',
  sourcing: 'bySourcing',
} as const satisfies Record<Facet, keyof ClaimlensSchema['annotations']['indexes']>;

/** All keys [value, *, *]: arrays sort after strings, so [value, []] closes the range. */
function facetRange(value: string, before: PageCursor | null): IDBKeyRange {
  return before === null
    ? IDBKeyRange.bound([value], [value, []])
    : IDBKeyRange.bound([value], [value, before.created, before.id], false, true);
}

/** One site, actor, tag, kind or sourcing level, newest first, `limit` at a time. */
export async function listByFacet(
  db: ClaimlensDB,
  filter: FacetFilter,
  limit: number,
  before: PageCursor | null = null,
): Promise<CursorPage<Annotation>> {
  const tx = db.transaction(['annotations', 'facetCounts'], 'readonly');
  const [items, total] = await Promise.all([
    walkNewestFirst(tx.objectStore('annotations').index(FACET_INDEX[filter.by]), facetRange(filter.value, before), limit),
    readCount(tx.objectStore('facetCounts'), countKeyOf(filter)),
  ]);
  await tx.done;
  return { items, total, next: cursorAfter(items, limit) };
}

/** The counter of one facet value. */
export function countKeyOf(filter: FacetFilter): CountKey {
  return [filter.by, filter.value];
}

/** Does a record pass a facet filter? (For combining a filter with search.) */
export function matchesFacet(annotation: Annotation, filter: FacetFilter): boolean {
  const meta = annotation.claimlens;
  switch (filter.by) {
    case 'site':
      return meta.site === filter.value;
    case 'actor':
      return meta.actors.includes(filter.value);
    case 'tag':
      return tagsOf(annotation).includes(filter.value);
    case 'kind':
      return meta.kind === filter.value;
    case 'sourcing':
      return (meta.sourcing ?? NO_SOURCING) === filter.value;
  }
}

export async function allAnnotations(db: ClaimlensDB): Promise<Annotation[]> {
  return (await db.getAllFromIndex('annotations', 'byCreated')).reverse().map(fromStored);
}

export async function countAnnotations(db: ClaimlensDB, filter?: FacetFilter): Promise<number> {
  return readCount(db.transaction('facetCounts').store, filter ? countKeyOf(filter) : TOTAL);
}

export async function annotationsForSource(db: ClaimlensDB, source: string): Promise<Annotation[]> {
  return (await db.getAllFromIndex('annotations', 'bySource', source)).map(fromStored);
}

/** Saved annotations for the page in a tab, found by its canonical address, oldest first. */
export async function annotationsForUrl(
  db: ClaimlensDB,
  pageUrl: string,
  canonicalLink: string | null = null,
): Promise<Annotation[]> {
  const found = await annotationsForSource(db, canonicalUrl(pageUrl, canonicalLink));
  return found.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1));
}

export interface FacetCount {
  value: string;
  count: number;
}

/** How many annotations each site, actor or tag has, most first: read from the stored counters. */
export async function countsBy(db: ClaimlensDB, by: 'site' | 'actor' | 'tag'): Promise<FacetCount[]> {
  const counts = await readFacetCounts(db.transaction('facetCounts').store, by);
  return counts.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

export interface AnnotationChanges {
  note?: string;
  tags?: string[];
}

/** Same rule as building a new record: a note makes it a comment, tags alone a tagging. */
function motivationFor(body: readonly TextualBody[]): Motivation {
  if (body.some((b) => b.purpose === 'commenting')) return 'commenting';
  return body.some((b) => b.purpose === 'tagging') ? 'tagging' : 'highlighting';
}

/** The record with its note and/or tags replaced; `modified` set to `now`. Pure. */
export function withChanges(annotation: Annotation, changes: AnnotationChanges, now: Date): Annotation {
  const note = (changes.note ?? noteOf(annotation)).trim();
  const tags = [...new Set((changes.tags ?? tagsOf(annotation)).map((t) => t.trim()).filter(Boolean))];
  const body: TextualBody[] = [
    ...(note ? [{ type: 'TextualBody' as const, value: note, purpose: 'commenting' as const }] : []),
    ...tags.map((value) => ({ type: 'TextualBody' as const, value, purpose: 'tagging' as const })),
  ];
  // `modified` must move forward even when the clock did not (two edits in one millisecond).
  const stamp = now.toISOString();
  const modified = stamp > annotation.modified ? stamp : new Date(Date.parse(annotation.modified) + 1).toISOString();
  return { ...annotation, '@context': ANNOTATION_CONTEXT, body, motivation: motivationFor(body), modified };
}

/** Replaces the note and/or tags of one annotation, read and written in one transaction. */
export async function updateAnnotation(
  db: ClaimlensDB,
  id: string,
  changes: AnnotationChanges,
  now: Date,
): Promise<Annotation> {
  const tx = db.transaction(RECORD_STORES, 'readwrite');
  try {
    const stored = await tx.objectStore('annotations').get(id);
    if (!stored) {
      abortQuietly(tx);
      throw new StoreError('not-found', 'That annotation no longer exists; it may have been deleted in another window.');
    }
    const updated = withChanges(fromStored(stored), changes, now);
    await writeRecord(tx, stored, toStored(updated));
    await tx.done;
    return updated;
  } catch (error) {
    abortQuietly(tx);
    await tx.done.catch(() => undefined);
    throw transactionError(error, tx, 'update the annotation');
  }
}

/**
 * Deletes one annotation and returns it, so the caller can offer "Undo" by handing it
 * back to `restoreAnnotation`. Returns null when there was nothing to delete.
 */
export async function deleteAnnotation(db: ClaimlensDB, id: string): Promise<Annotation | null> {
  const tx = db.transaction(RECORD_STORES, 'readwrite');
  try {
    const stored = await tx.objectStore('annotations').get(id);
    if (stored) await deleteRecord(tx, stored);
    await tx.done;
    return stored ? fromStored(stored) : null;
  } catch (error) {
    abortQuietly(tx);
    await tx.done.catch(() => undefined);
    throw transactionError(error, tx, 'delete the annotation');
  }
}

/**
 * Undo of a delete: puts the record back exactly as it was. `add`, not `put`: if a record
 * with that id exists again (restored in another window), it is left alone, not overwritten.
 */
export async function restoreAnnotation(db: ClaimlensDB, annotation: Annotation): Promise<'restored' | 'already-present'> {
  const tx = db.transaction(RECORD_STORES, 'readwrite');
  try {
    if (await tx.objectStore('annotations').getKey(annotation.id)) {
      await tx.done;
      return 'already-present';
    }
    await writeRecord(tx, undefined, toStored(annotation), 'add');
    await tx.done;
    return 'restored';
  } catch (error) {
    abortQuietly(tx);
    await tx.done.catch(() => undefined);
    throw transactionError(error, tx, 'restore the annotation');
  }
}

export type { StoredAnnotation };

export interface DamagedRecord {
  /** The stored key, even when the record's own fields are unreadable. */
  key: string;
  reason: string;
}

/**
 * Records that no longer read as annotations (a bug in an old version, a disk error), found
 * with the import validator, so the UI can say which ones and offer to export them raw
 * rather than crash on them. Nothing is deleted. Walks every record: a maintenance check,
 * not something to run per keystroke.
 */
export async function findDamaged(
  db: ClaimlensDB,
  check: (value: unknown) => string | null,
): Promise<DamagedRecord[]> {
  const damaged: DamagedRecord[] = [];
  const tx = db.transaction('annotations', 'readonly');
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    const value: unknown = cursor.value;
    const reason = check(typeof value === 'object' && value !== null && 'derived' in value ? fromStored(value as StoredAnnotation) : value);
    if (reason) damaged.push({ key: cursor.key, reason });
  }
  await tx.done;
  return damaged;
}

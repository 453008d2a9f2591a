/** Queries over the annotation store. Plain functions over an open database. */
import type { Annotation } from '../annotation/record';
import type { ClaimlensDB } from './db';

export async function putAnnotation(db: ClaimlensDB, annotation: Annotation): Promise<void> {
  await db.put('annotations', annotation);
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

/** Newest first, `limit` at a time, starting strictly after `before`. */
export async function listNewestFirst(
  db: ClaimlensDB,
  limit: number,
  before: PageCursor | null = null,
): Promise<Page<Annotation>> {
  const tx = db.transaction('annotations', 'readonly');
  const index = tx.store.index('byCreated');
  const range = before === null ? null : IDBKeyRange.upperBound([before.created, before.id], true);
  const items: Annotation[] = [];
  for (let cursor = await index.openCursor(range, 'prev'); cursor && items.length < limit; cursor = await cursor.continue()) {
    items.push(cursor.value);
  }
  const total = await tx.store.count();
  await tx.done;
  return { items, total };
}

export async function allAnnotations(db: ClaimlensDB): Promise<Annotation[]> {
  return (await db.getAllFromIndex('annotations', 'byCreated')).reverse();
}

export async function annotationsForSource(db: ClaimlensDB, source: string): Promise<Annotation[]> {
  return db.getAllFromIndex('annotations', 'bySource', source);
}

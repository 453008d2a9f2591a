/**
 * Word search over snippet, note, title, actors and tags, newest first, backed by the
 * `byWord` index (see words.ts for the tokens, db.ts for the index).
 *
 * Every term must match; the last is a prefix while the reader is still typing. A tiny
 * query planner keeps each keystroke's cost bounded by the rarest term, not by the store:
 *   1. read each term's ids, up to SPARSE_PREFIX_LIMIT + 1 (one getAllKeys call; IndexedDB has
 *      no cheap count, so beyond the limit a term is just "dense"); none for a term means no results;
 *   2. rarest term exact  → walk that word's keys backwards (they are "word created", so the
 *      walk is already newest first), keeping ids present in the other terms' id sets;
 *   3. rarest term a prefix with few entries → collect its keys, sort by time, fetch in order;
 *   4. rarest term a dense prefix (or a one-letter prefix) → walk all record keys newest first,
 *      checking the term on each record: when matches are that dense a page fills fast.
 *   When the matching ids (a prefix's, or several terms' intersection) are at most
 *   SMALL_INTERSECTION records, those are loaded and sorted directly ('small-set').
 *   Dense other terms are checked on the record rather than turned into id sets.
 * Every walk is key-only; a record is loaded only once its id has passed every id set, and
 * records are loaded a group at a time with all their requests in flight together.
 */
import type { Annotation } from '../annotation/record';
import { type FacetFilter, type PageCursor, matchesFacet } from './annotations';
import type { ClaimlensDB } from './db';
import { fromStored, storedTokens } from './stored';
import { type QueryTerm, queryTerms, termMatches, tokenOfKey, wordKey } from './words';

/** A prefix with at most this many index entries is resolved from its keys (step 3). */
export const SPARSE_PREFIX_LIMIT = 5_000;
/** An intersection of several terms this small is loaded and sorted directly. */
export const SMALL_INTERSECTION = 200;

export interface SearchOptions {
  limit: number;
  before?: PageCursor | null;
  /** Narrow the search to one site, actor, tag, kind or sourcing level. */
  filter?: FacetFilter;
}

export interface SearchPage {
  items: Annotation[];
  next: PageCursor | null;
  /** How the query was answered; for the bench and for tests. */
  plan: 'empty' | 'none' | 'word' | 'prefix-keys' | 'newest-walk' | 'small-set';
}

/** The `byWord` key range of one query term. */
export function termRange(term: QueryTerm): IDBKeyRange {
  return term.prefix
    ? IDBKeyRange.bound(term.text, `${term.text}\uffff`)
    : IDBKeyRange.bound(wordKey(term.text, ''), wordKey(term.text, '\uffff'));
}

/** Is (created, id) strictly older than the cursor (i.e. after it, newest first)? */
function isAfter(created: string, id: string, before: PageCursor | null | undefined): boolean {
  if (!before) return true;
  return created < before.created || (created === before.created && id < before.id);
}

export async function searchAnnotations(db: ClaimlensDB, query: string, options: SearchOptions): Promise<SearchPage> {
  const { limit, before = null, filter } = options;
  const terms = queryTerms(query);
  if (terms.length === 0) return { items: [], next: null, plan: 'empty' };

  const tx = db.transaction('annotations', 'readonly');
  const words = tx.store.index('byWord');
  // Each term's ids, up to one more than the sparse limit: IndexedDB counts by walking the
  // range, so an exact count of a common word would cost as much as reading all its keys.
  // Beyond the limit a term is simply "dense" (count Infinity), which is all the plan needs.
  const counted = await Promise.all(
    terms.map(async (term) => {
      // A one-letter prefix matches most of the index; treat it as dense without reading it.
      if (term.prefix && term.text.length < 2) return { term, count: Number.POSITIVE_INFINITY, ids: null };
      const ids = await words.getAllKeys(termRange(term), SPARSE_PREFIX_LIMIT + 1);
      return ids.length > SPARSE_PREFIX_LIMIT ? { term, count: Number.POSITIVE_INFINITY, ids: null } : { term, count: ids.length, ids };
    }),
  );
  counted.sort((a, b) => a.count - b.count);
  const driver = counted[0]!;
  if (driver.count === 0) {
    await tx.done;
    return { items: [], next: null, plan: 'none' };
  }
  const others = counted.slice(1);
  // Other terms as id sets from one getAllKeys call each, so candidates are tested without
  // loading their records; a term matching very many records is checked on the record instead.
  const sets: Set<string>[] = [];
  const onRecord: QueryTerm[] = [];
  for (const { term, ids } of others) {
    if (ids) sets.push(new Set(ids));
    else onRecord.push(term);
  }
  const candidate = (id: string) => sets.every((set) => set.has(id));
  const items: Annotation[] = [];
  // Candidates are loaded a group at a time, all requests in flight together: a key walk is
  // cheap (the cursor prefetches), but one `get` at a time costs a round trip per record.
  let pending: string[] = [];
  /** Loads the pending candidates, keeps those that pass the remaining checks; true when the page is full. */
  const flush = async (): Promise<boolean> => {
    const ids = pending;
    pending = [];
    const loaded = await Promise.all(ids.map((id) => tx.store.get(id)));
    for (const stored of loaded) {
      if (!stored) continue;
      if (onRecord.length && !onRecord.every((term) => termMatches(term, stored.derived ? storedTokens(stored) : []))) continue;
      const annotation = fromStored(stored);
      if (filter && !matchesFacet(annotation, filter)) continue;
      items.push(annotation);
      if (items.length >= limit) return true;
    }
    return false;
  };
  /** Queues a candidate; loads the group once it could fill the page (at least 8 at a time). */
  const take = async (id: string): Promise<boolean> => {
    pending.push(id);
    return pending.length >= Math.max(8, limit - items.length) ? flush() : false;
  };

  let plan: SearchPage['plan'];
  // Several terms: when their intersection is small, sort those few records directly instead
  // of walking the driver (two common words that rarely meet would otherwise walk far).
  let small: string[] | null = null;
  // A lone prefix too: getAllKeys is one call, where walking its keys is a step per key.
  if ((sets.length || driver.term.prefix) && driver.ids) {
    const ids = driver.ids.filter(candidate);
    if (ids.length <= SMALL_INTERSECTION) small = [...new Set(ids)];
  }
  if (small) {
    plan = 'small-set';
    const found: Annotation[] = [];
    for (const stored of await Promise.all(small.map((id) => tx.store.get(id)))) {
      if (!stored || !isAfter(stored.created, stored.id, before)) continue;
      if (onRecord.length && !onRecord.every((term) => termMatches(term, stored.derived ? storedTokens(stored) : []))) continue;
      const annotation = fromStored(stored);
      if (!filter || matchesFacet(annotation, filter)) found.push(annotation);
    }
    found.sort((a, b) => (a.created === b.created ? (a.id < b.id ? 1 : -1) : a.created < b.created ? 1 : -1));
    items.push(...found.slice(0, limit));
  } else if (!driver.term.prefix) {
    plan = 'word';
    // Keys are "word created", so a reverse key-only walk is already newest first.
    const upper = before ? wordKey(driver.term.text, before.created) : wordKey(driver.term.text, '\uffff');
    const range = IDBKeyRange.bound(wordKey(driver.term.text, ''), upper);
    for (let cursor = await words.openKeyCursor(range, 'prev'); cursor; cursor = await cursor.continue()) {
      const id = cursor.primaryKey;
      const created = cursor.key.slice(driver.term.text.length + 1);
      if (isAfter(created, id, before) && candidate(id) && (await take(id))) break;
    }
    if (items.length < limit) await flush();
  } else if (driver.count <= SPARSE_PREFIX_LIMIT) {
    plan = 'prefix-keys';
    // Keys only for the whole prefix range, then newest first by (created, id).
    const hits = new Map<string, string>();
    for (let cursor = await words.openKeyCursor(termRange(driver.term)); cursor; cursor = await cursor.continue()) {
      const created = cursor.key.slice(tokenOfKey(cursor.key).length + 1);
      if (isAfter(created, cursor.primaryKey, before) && candidate(cursor.primaryKey)) hits.set(cursor.primaryKey, created);
    }
    const ordered = [...hits].sort(([idA, a], [idB, b]) => (a === b ? (idA < idB ? 1 : -1) : a < b ? 1 : -1));
    for (const [id] of ordered) if (await take(id)) break;
    if (items.length < limit) await flush();
  } else {
    plan = 'newest-walk';
    // Matches are dense: walk every record's key newest first; a page fills within a few
    // hundred keys. A one-letter prefix has no id set (too large), so it is checked on the record.
    onRecord.push(driver.term);
    const range = before ? IDBKeyRange.upperBound([before.created, before.id], true) : null;
    for (let cursor = await tx.store.index('byCreated').openKeyCursor(range, 'prev'); cursor; cursor = await cursor.continue()) {
      if (candidate(cursor.primaryKey) && (await take(cursor.primaryKey))) break;
    }
    if (items.length < limit) await flush();
  }
  await tx.done;
  const last = items[items.length - 1];
  return { items, next: last && items.length >= limit ? { created: last.created, id: last.id } : null, plan };
}

/**
 * Word search over snippet, note, title, actors and tags, newest first, backed by the
 * `postings` store (postings.ts; tokens from words.ts).
 *
 * Every term must match; the last is a prefix while the reader is still typing. A tiny
 * query planner keeps each keystroke's cost bounded by the rarest term, not by the store:
 *   1. each term's postings are weighed from their keys (the key carries the entry count) and,
 *      unless the term is dense (more than DENSE_TERM entries, or a one-letter prefix), read as
 *      id → created; a term with none means no results ('none');
 *   2. the rarest term's records, kept only when every other sparse term lists them too, are
 *      sorted newest first and loaded a group at a time, all requests of a group in flight
 *      together ('postings');
 *   3. when every term is dense, records are walked newest first and checked as they come
 *      ('newest-walk'): with matches that common a page fills within a few hundred records.
 * Every candidate is checked against its own tokens before it is shown, so a posting left
 * stale by an edit or a delete (postings.ts) never surfaces.
 */
import type { Annotation } from '../annotation/record';
import { type FacetFilter, type PageCursor, matchesFacet } from './annotations';
import type { ClaimlensDB } from './db';
import { readTerm } from './postings';
import { type StoredAnnotation, fromStored, storedTokens } from './stored';
import { type QueryTerm, queryTerms, termMatches } from './words';

/**
 * A term with more entries than this is walked rather than read: at 100,000 records a term
 * this common matches one record in five, so a newest-first walk fills a page within a few
 * hundred records, while reading its postings would cost more than the whole page.
 */
export const DENSE_TERM = 20_000;
/** A prefix shorter than this matches most words; it is treated as dense without reading. */
export const MIN_READ_PREFIX = 2;

export interface SearchOptions {
  limit: number;
  before?: PageCursor | null;
  /** Narrow the search to one site, actor, tag, kind or sourcing level. */
  filter?: FacetFilter;
  /** Entries past which a term is walked rather than read (DENSE_TERM; smaller in tests). */
  denseTerm?: number;
}

export interface SearchPage {
  items: Annotation[];
  next: PageCursor | null;
  /** How the query was answered; for the bench and for tests. */
  plan: 'empty' | 'none' | 'postings' | 'newest-walk';
}

/** Is (created, id) strictly older than the cursor (i.e. after it, newest first)? */
function isAfter(created: string, id: string, before: PageCursor | null | undefined): boolean {
  if (!before) return true;
  return created < before.created || (created === before.created && id < before.id);
}

/** Newest first by (created, id). */
function newestFirst([idA, a]: [string, string], [idB, b]: [string, string]): number {
  return a === b ? (idA < idB ? 1 : -1) : a < b ? 1 : -1;
}

/** Does a loaded record satisfy every term (on its own tokens) and the filter? */
function passes(stored: StoredAnnotation, terms: readonly QueryTerm[], filter: FacetFilter | undefined): Annotation | null {
  const tokens = storedTokens(stored);
  if (!terms.every((term) => termMatches(term, tokens))) return null;
  const annotation = fromStored(stored);
  return !filter || matchesFacet(annotation, filter) ? annotation : null;
}

export async function searchAnnotations(db: ClaimlensDB, query: string, options: SearchOptions): Promise<SearchPage> {
  const { limit, before = null, filter, denseTerm = DENSE_TERM } = options;
  const terms = queryTerms(query);
  if (terms.length === 0) return { items: [], next: null, plan: 'empty' };

  const tx = db.transaction(['annotations', 'postings'], 'readonly');
  const records = tx.objectStore('annotations');
  const postings = tx.objectStore('postings');
  const read = await Promise.all(
    terms.map((term) => (term.prefix && term.text.length < MIN_READ_PREFIX ? null : readTerm(postings, term, denseTerm))),
  );
  if (read.some((matches) => matches?.size === 0)) {
    await tx.done;
    return { items: [], next: null, plan: 'none' };
  }
  const sparse = read.filter((matches): matches is Map<string, string> => matches !== null).sort((a, b) => a.size - b.size);
  const items: Annotation[] = [];
  let plan: SearchPage['plan'];
  if (sparse.length) {
    plan = 'postings';
    const [driver, ...others] = sparse as [Map<string, string>, ...Map<string, string>[]];
    const candidates = [...driver]
      .filter(([id, created]) => isAfter(created, id, before) && others.every((matches) => matches.has(id)))
      .sort(newestFirst);
    // A group at a time, just enough to fill the page if none is stale, all requests together.
    for (let next = 0; next < candidates.length && items.length < limit; ) {
      const size = Math.max(8, limit - items.length);
      const group = candidates.slice(next, next + size);
      next += size;
      for (const stored of await Promise.all(group.map(([id]) => records.get(id)))) {
        const annotation = stored && passes(stored, terms, filter);
        if (annotation && items.length < limit) items.push(annotation);
      }
    }
  } else {
    plan = 'newest-walk';
    const range = before ? IDBKeyRange.upperBound([before.created, before.id], true) : null;
    for (let cursor = await records.index('byCreated').openCursor(range, 'prev'); cursor; cursor = await cursor.continue()) {
      const annotation = passes(cursor.value, terms, filter);
      if (annotation && items.push(annotation) >= limit) break;
    }
  }
  await tx.done;
  const last = items[items.length - 1];
  return { items, next: last && items.length >= limit ? { created: last.created, id: last.id } : null, plan };
}

/**
 * The selection's records for export, in the library's order, once each, in batches.
 *
 * Most exports are index ranges read in order: everything, one facet, a date range, in any
 * sort (sorted by site: one `bySiteTime` range per site, sites in order). Where the browser has
 * `IDBIndex.getAllRecords` a range is read thousands of records per request, each request
 * starting strictly after the last key of the one before: in Chromium at 10,000 records a
 * value cursor (a round trip per record) took 744 ms, getAllRecords 500 at a time 428 ms.
 *
 * Search words, or several filters at once, need the planner (`queryBatches`), and so does
 * every read where getAllRecords is missing (Firefox): it gives the same records in the same
 * order, only slower. A record saved during an export may or may not be included; none repeats.
 */
import { unwrap } from 'idb';
import type { Annotation } from '../annotation/record';
import { countsBy } from './annotations';
import type { ClaimlensDB } from './db';
import { type IndexRecord, getAllRecords, hasGetAllRecords } from './get-all-records';
import { FACET_INDEX, type IndexName, type LibraryQuery, queryBatches, timeRange } from './library-query';
import { type StoredAnnotation, fromStored } from './stored';
import { queryTerms } from './words';

/** Records per getAllRecords request: fewer, larger requests save a transaction and a round trip each. */
export const EXPORT_BATCH = 2_000;
/**
 * Records turned into objects at a time. Chromium deserialises a reply's values when they are
 * first read (~25 µs a record): a slice at a time keeps that out of one long task, and lets
 * each slice's objects die young, written before the next slice is made.
 */
export const SLICE = 250;
/** Records per planner page, as before: the planner walks a cursor, a round trip per record. */
export const PLANNER_BATCH = 500;
/**
 * Sites whose first records are asked for at once, in one transaction: most sites have a few
 * records, and a transaction and request per site cost 1.5–3 ms each (in Chromium, 10,000
 * records of 300 sites read site by site took 1.0–1.6 s, as one range 0.6 s).
 */
export const SITES_AT_ONCE = 32;

export interface BatchSizes {
  /** Records per getAllRecords request. */
  batch?: number;
  /** Records per planner page. */
  plannerBatch?: number;
}

type Direction = 'next' | 'prev';

/** How a selection is read when index ranges answer it: one range, or one per site. */
export type RangePlan = { index: IndexName; prefix: string[]; direction: Direction } | { bySite: true; direction: Direction };

/** The ranges that answer the selection in its order, or null when the planner must. */
export function rangePlan(query: LibraryQuery): RangePlan | null {
  if (queryTerms(query.search).length || query.filters.length > 1) return null;
  const filter = query.filters[0];
  // Sorted by site, each site is newest first (as queryLibrary's `orderOf` has it).
  const direction = query.sort === 'oldest' ? 'next' : 'prev';
  if (query.sort === 'site') {
    if (!filter) return { bySite: true, direction };
    // Another facet's index has no site in its keys: the planner sorts those.
    return filter.by === 'site' ? { index: 'bySiteTime', prefix: [filter.value], direction } : null;
  }
  return filter ? { index: FACET_INDEX[filter.by], prefix: [filter.value], direction } : { index: 'byCreated', prefix: [], direction };
}

/** Can a selection be read site by site, each site's records one range (as Markdown groups them)? */
export function readsBySite(query: LibraryQuery): boolean {
  return !queryTerms(query.search).length && query.filters.length <= 1 && query.filters.every((f) => f.by === 'site');
}

/** Every site with records, in IndexedDB's (code unit) order; the one site a site filter names. */
export async function selectionSites(db: ClaimlensDB, query: LibraryQuery): Promise<string[]> {
  const filter = query.filters.find((f) => f.by === 'site');
  if (filter) return [filter.value];
  const sites = (await countsBy(db, 'site')).map((c) => c.value);
  return sites.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function readsRecords(db: ClaimlensDB): Promise<boolean> {
  const tx = db.transaction('annotations', 'readonly');
  const supported = hasGetAllRecords(unwrap(tx.store.index('byCreated')));
  await tx.done;
  return supported;
}

/** The range that continues `range` strictly after `key` in `direction`, or null at its end. */
function after(range: IDBKeyRange, key: IDBValidKey, direction: Direction): IDBKeyRange | null {
  try {
    if (direction === 'prev') {
      return range.lower === undefined ? IDBKeyRange.upperBound(key, true) : IDBKeyRange.bound(range.lower, key, range.lowerOpen, true);
    }
    return range.upper === undefined ? IDBKeyRange.lowerBound(key, true) : IDBKeyRange.bound(key, range.upper, true, range.upperOpen);
  } catch {
    return null; // nothing is left between the key and the range's end
  }
}

/** Reads `count` records of a range on one index of a read-only transaction. */
function read(db: ClaimlensDB, index: IndexName) {
  const tx = db.transaction('annotations', 'readonly');
  const raw = unwrap(tx.store.index(index));
  if (!hasGetAllRecords(raw)) throw new TypeError('IDBIndex.getAllRecords is not supported here');
  // Read-only: once a request is answered nothing is left to fail, so commits are not awaited.
  return (range: IDBKeyRange, count: number, direction: Direction) =>
    getAllRecords<StoredAnnotation>(raw, { query: range, count, direction });
}

/**
 * The records as annotations, `SLICE` at a time, each slice made only when asked for. Chromium
 * keeps a record's value once it is read, so each slice's records are let go (taken out of the
 * array) as it is made: a whole batch of objects living on would outlast the young-generation
 * collections and be left to the slow, whole-heap ones.
 */
function* slices(records: IndexRecord<StoredAnnotation>[]): Generator<Annotation[], void, undefined> {
  while (records.length) yield records.splice(0, SLICE).map((r) => fromStored(r.value));
}

/** The rest of a range, when a read of `count` came back full: it may have more. */
function restOf(range: IDBKeyRange, records: IndexRecord<StoredAnnotation>[], count: number, direction: Direction): IDBKeyRange | null {
  const last = records[records.length - 1];
  return last && records.length >= count ? after(range, last.key, direction) : null;
}

/**
 * One index range in `direction`, `batch` records per request, each request its own
 * transaction, the next request sent before this one's records are handed on: the database
 * reads batch n + 1 while the page writes batch n.
 */
export async function* rangeBatches(
  db: ClaimlensDB,
  index: IndexName,
  range: IDBKeyRange,
  direction: Direction,
  batch = EXPORT_BATCH,
): AsyncGenerator<Annotation[], void, undefined> {
  let asked = range;
  let pending: Promise<IndexRecord<StoredAnnotation>[]> | null = read(db, index)(asked, batch, direction);
  try {
    while (pending) {
      const records: IndexRecord<StoredAnnotation>[] = await pending;
      const rest = restOf(asked, records, batch, direction);
      pending = rest && read(db, index)((asked = rest), batch, direction);
      yield* slices(records);
    }
  } finally {
    // Stopped early: the request in flight settles unobserved.
    pending?.catch(() => undefined);
  }
}

export interface SiteBatch {
  site: string;
  records: Annotation[];
}

interface SiteRange {
  site: string;
  range: IDBKeyRange;
}

/** Asks for the first `share` records of each site's range, all in one transaction. */
function firstsOf(db: ClaimlensDB, group: SiteRange[], share: number, direction: Direction): Promise<IndexRecord<StoredAnnotation>[][]> {
  const reader = read(db, 'bySiteTime');
  return Promise.all(group.map(({ range }) => reader(range, share, direction)));
}

/**
 * Each site's `bySiteTime` range within the dates, sites in the given order. The first records
 * of `SITES_AT_ONCE` sites are asked for in one transaction, a share of a batch each (the next
 * sites' asked for while these are written); a site with more is then read on its own.
 */
async function* siteRanges(
  db: ClaimlensDB,
  query: LibraryQuery,
  sites: readonly string[],
  direction: Direction,
  batch: number,
): AsyncGenerator<SiteBatch, void, undefined> {
  const share = Math.max(1, Math.floor(batch / SITES_AT_ONCE));
  const ranges = sites.flatMap((site): SiteRange[] => {
    const range = timeRange([site], query.from, query.to);
    return range ? [{ site, range }] : [];
  });
  const groups: SiteRange[][] = [];
  for (let at = 0; at < ranges.length; at += SITES_AT_ONCE) groups.push(ranges.slice(at, at + SITES_AT_ONCE));
  let pending = groups.length ? firstsOf(db, groups[0]!, share, direction) : null;
  try {
    for (const [g, group] of groups.entries()) {
      const firsts: IndexRecord<StoredAnnotation>[][] = await pending!;
      pending = g + 1 < groups.length ? firstsOf(db, groups[g + 1]!, share, direction) : null;
      for (const [k, { site, range }] of group.entries()) {
        const records = firsts[k]!;
        const rest = restOf(range, records, share, direction);
        for (const slice of slices(records)) yield { site, records: slice };
        if (rest) for await (const more of rangeBatches(db, 'bySiteTime', rest, direction, batch)) yield { site, records: more };
      }
    }
  } finally {
    pending?.catch(() => undefined);
  }
}

/**
 * The same items, with the next one already asked for while the consumer works on the current
 * one: the planner reads its next page while the page writes this one.
 */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const result = await next;
      if (result.done) return;
      next = iterator.next();
      yield result.value;
    }
  } finally {
    // Stopped early: the request in flight settles unobserved, then the source is closed.
    next.catch(() => undefined);
    await iterator.return?.();
  }
}

/**
 * The selection's records in its order (grouping ignored: an annotation naming two actors
 * comes once), by index ranges where the browser can, else by the planner.
 */
export async function* exportBatches(
  db: ClaimlensDB,
  query: LibraryQuery,
  { batch = EXPORT_BATCH, plannerBatch = PLANNER_BATCH }: BatchSizes = {},
): AsyncGenerator<Annotation[], void, undefined> {
  const plan = rangePlan(query);
  if (!plan || !(await readsRecords(db))) {
    yield* readAhead(queryBatches(db, query, plannerBatch));
    return;
  }
  if ('bySite' in plan) {
    for await (const { records } of siteRanges(db, query, await selectionSites(db, query), plan.direction, batch)) yield records;
    return;
  }
  const range = timeRange(plan.prefix, query.from, query.to);
  if (range) yield* rangeBatches(db, plan.index, range, plan.direction, batch);
}

/** Every key of an index whose keys are arrays beginning with a string (every `bySiteTime` key). */
const everyKey = () => IDBKeyRange.lowerBound(['']);

/** A run of records of one index range split where the site changes. */
function* bySite(records: Annotation[]): Generator<SiteBatch, void, undefined> {
  let start = 0;
  for (let at = 1; at <= records.length; at++) {
    const site = records[start]!.claimlens.site;
    if (at < records.length && records[at]!.claimlens.site === site) continue;
    yield { site, records: records.slice(start, at) };
    start = at;
  }
}

/**
 * The selection's records site by site, sites in the store's (code unit) order, every record
 * of a site before the next site's, each site's in either time order: for a selection
 * `readsBySite` accepts. With no date range, that is the whole `bySiteTime` index read as one
 * range (no site list needed); with dates, one range per site.
 */
export async function* siteBatches(
  db: ClaimlensDB,
  query: LibraryQuery,
  { batch = EXPORT_BATCH, plannerBatch = PLANNER_BATCH }: BatchSizes = {},
): AsyncGenerator<SiteBatch, void, undefined> {
  if (!(await readsRecords(db))) {
    for (const site of await selectionSites(db, query)) {
      for await (const records of readAhead(queryBatches(db, { ...query, filters: [{ by: 'site', value: site }] }, plannerBatch))) yield { site, records };
    }
    return;
  }
  if (query.filters.length || query.from !== null || query.to !== null) {
    yield* siteRanges(db, query, await selectionSites(db, query), 'next', batch);
    return;
  }
  for await (const records of rangeBatches(db, 'bySiteTime', everyKey(), 'next', batch)) yield* bySite(records);
}

/**
 * The library's one query: any number of facet filters, a date range and search words at
 * once, sorted by date (newest or oldest first) or by site, or grouped by site or by actor,
 * paged with an exact cursor.
 *
 * Every index a filter or an order can use ends in [created, id] (db.ts), so:
 *   - a date range narrows any index range at no cost ([value, from] … [value, to));
 *   - the rest of the filters are checked in memory while the range is walked: as id sets
 *     (one getAllKeys call per filter, so a record is loaded only once its id passed them all)
 *     or, for a filter matching very many records, on the record itself;
 *   - when one constraint matches few records ('small-set'), those are loaded and sorted
 *     directly, so a rare actor sorted by site never walks every site;
 *   - otherwise ('walk') one call examines at most `budget` index keys and returns where it
 *     stopped, even with fewer than `limit` items: no single call can stall the page, and the
 *     caller asks again (or stops, when the reader has typed something else).
 * Both plans order entries the same way and share one cursor, so a page may be answered by
 * either without a duplicate or a gap.
 */
import type { IDBPTransaction } from 'idb';
import type { Annotation } from '../annotation/record';
import { type FacetFilter, type PageCursor, countKeyOf, matchesFacet } from './annotations';
import type { ClaimlensDB, ClaimlensSchema } from './db';
import { TOTAL, readCount, readFacetCounts } from './facet-counts';
import { readTerm } from './postings';
import { DENSE_TERM, MIN_READ_PREFIX, searchAnnotations } from './search';
import { type StoredAnnotation, fromStored, storedTokens } from './stored';
import { type QueryTerm, queryTerms, termMatches } from './words';

export type SortOrder = 'newest' | 'oldest' | 'site';
export type Grouping = 'none' | 'site' | 'actor';

export interface LibraryQuery {
  /** All must match. */
  filters: readonly FacetFilter[];
  /** ISO timestamps: `created` ≥ from and < to; null for no bound. */
  from: string | null;
  to: string | null;
  search: string;
  sort: SortOrder;
  group: Grouping;
}

export const EVERYTHING: LibraryQuery = { filters: [], from: null, to: null, search: '', sort: 'newest', group: 'none' };

/**
 * A position in the query's order: the group (site or actor; '' when not grouped), then
 * created and id. The next page starts strictly after it.
 */
export interface QueryCursor {
  group: string;
  created: string;
  id: string;
}

export interface QueryItem {
  annotation: Annotation;
  /** The site or actor heading this entry belongs under ('' when not grouped). */
  group: string;
}

export interface QueryPage {
  /** In order; with grouping by actor an annotation appears once per actor it names. */
  items: QueryItem[];
  /** Where to continue, or null when nothing is left. Set even when `items` is short. */
  next: QueryCursor | null;
  /** Matching annotations in all, when known cheaply (first page only); otherwise null. */
  total: number | null;
  plan: 'empty' | 'search' | 'small-set' | 'walk';
}

export interface QueryOptions {
  limit: number;
  after?: QueryCursor | null;
  /** Index keys one call may examine before it returns what it has. */
  budget?: number;
  /** A constraint matching at most this many records is resolved by loading them. */
  smallSet?: number;
  /** Count the total (defaults to: on the first page). */
  count?: boolean;
}

/** The group of annotations that name no actor, listed after every actor. */
export const NO_ACTOR = '\uffff';
export const WALK_BUDGET = 2_000;
export const SMALL_SET = 1_000;
/** A constraint with more matches than this is checked on the record, not as an id set. */
export const SET_LIMIT = 50_000;

export type IndexName = keyof ClaimlensSchema['annotations']['indexes'];
type Key = (string | [])[];
const QUERY_STORES = ['annotations', 'postings', 'facetCounts'] as const;
type Tx = IDBPTransaction<ClaimlensSchema, typeof QUERY_STORES, 'readonly'>;

export const FACET_INDEX = {
  site: 'bySiteTime',
  actor: 'byActorTime',
  tag: 'byTag',
  kind: 'byKindTime',
  sourcing: 'bySourcing',
} as const satisfies Record<FacetFilter['by'], IndexName>;

/** How entries are ordered: by group (when any), then by time in one direction. */
interface Order {
  groupBy: 'none' | 'site' | 'actor';
  newestFirst: boolean;
}

export function orderOf(query: Pick<LibraryQuery, 'sort' | 'group'>): Order {
  const groupBy = query.group === 'actor' ? 'actor' : query.group === 'site' || query.sort === 'site' ? 'site' : 'none';
  return { groupBy, newestFirst: query.sort !== 'oldest' };
}

/** IndexedDB's order for strings (code units), which JavaScript's < also uses. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when `a` comes before `b` in this order. */
export function compareEntries(order: Order, a: QueryCursor, b: QueryCursor): number {
  const byGroup = cmp(a.group, b.group);
  if (byGroup) return byGroup;
  const byTime = cmp(a.created, b.created) || cmp(a.id, b.id);
  return order.newestFirst ? -byTime : byTime;
}

/** The key range [prefix, from] … [prefix, to) of an index whose keys end in [created, id]. */
export function timeRange(prefix: string[], from: string | null, to: string | null): IDBKeyRange | null {
  const lower: Key = [...prefix, from ?? ''];
  const upper: Key = to === null ? [...prefix, []] : [...prefix, to];
  try {
    return IDBKeyRange.bound(lower, upper, false, to !== null);
  } catch {
    return null; // from after to: nothing can match
  }
}

/** The same range, continued strictly after `cursor` in the walk's direction. */
function rangeAfter(prefix: string[], query: LibraryQuery, order: Order, cursor: QueryCursor | null): IDBKeyRange | null {
  if (!cursor) return timeRange(prefix, query.from, query.to);
  const at: Key = [...prefix, cursor.created, cursor.id];
  try {
    if (order.newestFirst) return IDBKeyRange.bound([...prefix, query.from ?? ''], at, false, true);
    return IDBKeyRange.bound(at, query.to === null ? [...prefix, []] : [...prefix, query.to], true, query.to !== null);
  } catch {
    return null; // the cursor is already past the range's end
  }
}

/** One filter or search word (date bounds included) as something a candidate can be tested against. */
interface Constraint {
  /** For a filter: the index range whose primary keys are exactly the matching records. */
  index?: IndexName;
  range?: IDBKeyRange;
  /** Matching records; an upper bound for a search word (its postings may list stale records). */
  count: number;
  /** Does a loaded record pass? */
  test(stored: StoredAnnotation, annotation: Annotation): boolean;
  /** The matching ids: a search word's from its postings, a filter's read when small enough. */
  ids?: Set<string>;
  /** The facet filter this constraint stands for (none for a search word). */
  filter?: FacetFilter;
}

function inDates(query: LibraryQuery, created: string): boolean {
  return (query.from === null || created >= query.from) && (query.to === null || created < query.to);
}

async function constraintsOf(tx: Tx, query: LibraryQuery, terms: QueryTerm[]): Promise<Constraint[] | null> {
  const constraints: Constraint[] = [];
  const dated = query.from !== null || query.to !== null;
  for (const filter of query.filters) {
    const range = timeRange([filter.value], query.from, query.to);
    if (!range) return null;
    const index = FACET_INDEX[filter.by];
    // Without dates the stored counter answers; with them, the range is counted (it walks).
    const count = dated ? await tx.objectStore('annotations').index(index).count(range) : await readCount(tx.objectStore('facetCounts'), countKeyOf(filter));
    constraints.push({ index, range, filter, count, test: (_s, a) => matchesFacet(a, filter) });
  }
  for (const term of terms) {
    const test = (stored: StoredAnnotation) => termMatches(term, storedTokens(stored));
    // A one-letter prefix, or a word in very many records, is checked on the record instead.
    const matches = term.prefix && term.text.length < MIN_READ_PREFIX ? null : await readTerm(tx.objectStore('postings'), term, DENSE_TERM);
    if (!matches) {
      constraints.push({ count: Number.POSITIVE_INFINITY, test });
      continue;
    }
    // Postings carry each record's time, so date bounds narrow the set before any record is read.
    const ids = new Set<string>();
    for (const [id, created] of matches) if (inDates(query, created)) ids.add(id);
    constraints.push({ count: ids.size, ids, test });
  }
  return constraints;
}

/** Where an entry of a record sits in the order: one per actor when grouping by actor. */
function entriesOf(order: Order, annotation: Annotation): QueryCursor[] {
  const { created, id } = annotation;
  if (order.groupBy === 'site') return [{ group: annotation.claimlens.site, created, id }];
  if (order.groupBy === 'actor') {
    const actors = [...new Set(annotation.claimlens.actors)];
    return (actors.length ? actors : [NO_ACTOR]).map((group) => ({ group, created, id }));
  }
  return [{ group: '', created, id }];
}

export async function queryLibrary(db: ClaimlensDB, query: LibraryQuery, options: QueryOptions): Promise<QueryPage> {
  const { limit, after = null } = options;
  const order = orderOf(query);
  const terms = queryTerms(query.search);
  const wantTotal = options.count ?? after === null;
  if (query.from !== null && query.to !== null && query.from >= query.to) return { items: [], next: null, total: 0, plan: 'empty' };

  // Words alone, newest first: the search planner walks the rarest word's keys, already in time order.
  if (terms.length && !query.filters.length && query.from === null && query.to === null && order.groupBy === 'none' && order.newestFirst) {
    const before: PageCursor | null = after && { created: after.created, id: after.id };
    const page = await searchAnnotations(db, query.search, { limit, before });
    return {
      items: page.items.map((annotation) => ({ annotation, group: '' })),
      next: page.next && { group: '', ...page.next },
      total: null,
      plan: 'search',
    };
  }

  const tx = db.transaction(QUERY_STORES, 'readonly');
  const constraints = await constraintsOf(tx, query, terms);
  if (!constraints || constraints.some((c) => c.count === 0)) {
    await tx.done;
    return { items: [], next: null, total: 0, plan: 'empty' };
  }
  const smallest = constraints.reduce<Constraint | null>((min, c) => (min && min.count <= c.count ? min : c), null);

  let page: QueryPage;
  if (smallest && smallest.count <= (options.smallSet ?? SMALL_SET)) {
    page = await smallSetPage(tx, query, order, constraints, smallest, limit, after);
  } else {
    // The constraint whose range is walked needs no test: the smallest filter for a time order,
    // the site filter when walking by site. The others become id sets where they are small enough.
    const driver =
      order.groupBy === 'none'
        ? constraints.filter((c) => c.filter).reduce<Constraint | undefined>((min, c) => (min && min.count <= c.count ? min : c), undefined)
        : order.groupBy === 'site'
          ? constraints.find((c) => c.filter?.by === 'site')
          : undefined;
    for (const c of constraints) {
      if (c !== driver && !c.ids && c.index && c.count <= SET_LIMIT) c.ids = new Set(await tx.objectStore('annotations').index(c.index).getAllKeys(c.range));
    }
    const filterTotal = wantTotal && !terms.length && query.filters.length <= 1 ? (constraints[0]?.count ?? (await totalIn(tx, query))) : null;
    page = { ...(await walk(tx, query, order, constraints, driver, limit, after, options.budget ?? WALK_BUDGET)), total: filterTotal };
  }
  await tx.done;
  return page;
}

/** Every annotation within the query's dates: the stored total when there are none. */
async function totalIn(tx: Tx, query: LibraryQuery): Promise<number> {
  if (query.from === null && query.to === null) return readCount(tx.objectStore('facetCounts'), TOTAL);
  return tx.objectStore('annotations').index('byCreated').count(timeRange([], query.from, query.to));
}

/** The records a small constraint names: one index range, or its ids (loaded together). */
async function recordsOf(tx: Tx, constraint: Constraint): Promise<StoredAnnotation[]> {
  const annotations = tx.objectStore('annotations');
  if (constraint.index) return annotations.index(constraint.index).getAll(constraint.range);
  const loaded = await Promise.all([...(constraint.ids ?? [])].map((id) => annotations.get(id)));
  return loaded.filter((stored): stored is StoredAnnotation => stored !== undefined);
}

async function smallSetPage(
  tx: Tx,
  query: LibraryQuery,
  order: Order,
  constraints: Constraint[],
  smallest: Constraint,
  limit: number,
  after: QueryCursor | null,
): Promise<QueryPage> {
  const records = await recordsOf(tx, smallest);
  const seen = new Set<string>();
  const entries: { at: QueryCursor; annotation: Annotation }[] = [];
  let total = 0;
  for (const stored of records) {
    if (seen.has(stored.id)) continue;
    seen.add(stored.id);
    if (!inDates(query, stored.created)) continue;
    const annotation = fromStored(stored);
    // The smallest is tested too: a search word's postings may name a record edited since.
    if (!constraints.every((c) => c.test(stored, annotation))) continue;
    total++;
    for (const at of entriesOf(order, annotation)) {
      if (!after || compareEntries(order, at, after) > 0) entries.push({ at, annotation });
    }
  }
  entries.sort((a, b) => compareEntries(order, a.at, b.at));
  const taken = entries.slice(0, limit);
  const last = taken[taken.length - 1];
  return {
    items: taken.map(({ at, annotation }) => ({ annotation, group: order.groupBy === 'none' ? '' : at.group })),
    next: last && entries.length > limit ? last.at : null,
    total,
    plan: 'small-set',
  };
}

/** One index range to walk, under one group heading. */
interface Segment {
  index: IndexName;
  group: string;
  /** The key prefix before [created, id] (the facet value), empty for byCreated. */
  prefix: string[];
}

/** The segments of the order from the cursor's group on, discovered lazily. */
async function* segmentsOf(
  tx: Tx,
  query: LibraryQuery,
  order: Order,
  driver: Constraint | undefined,
  after: QueryCursor | null,
): AsyncGenerator<Segment> {
  if (order.groupBy === 'none') {
    const filter = driver?.filter;
    yield filter ? { index: FACET_INDEX[filter.by], group: '', prefix: [filter.value] } : { index: 'byCreated', group: '', prefix: [] };
    return;
  }
  const from = after?.group ?? '';
  if (order.groupBy === 'site') {
    // A site filter leaves one site to walk.
    const sites = [...new Set(query.filters.filter((f) => f.by === 'site').map((f) => f.value))];
    if (sites.length > 1) return;
    if (sites.length === 1) {
      if (sites[0]! >= from) yield { index: 'bySiteTime', group: sites[0]!, prefix: [sites[0]!] };
      return;
    }
    // The stored counters list exactly the sites in use, in order.
    for (const { value } of await readFacetCounts(tx.objectStore('facetCounts'), 'site', from)) {
      yield { index: 'bySiteTime', group: value, prefix: [value] };
    }
    return;
  }
  if (from !== NO_ACTOR) {
    for (const { value } of await readFacetCounts(tx.objectStore('facetCounts'), 'actor', from)) {
      if (value === NO_ACTOR) continue;
      yield { index: 'byActorTime', group: value, prefix: [value] };
    }
  }
  // With an actor filter every match names an actor; otherwise walk the rest for those naming none.
  if (!query.filters.some((f) => f.by === 'actor')) yield { index: 'byCreated', group: NO_ACTOR, prefix: [] };
}

async function walk(
  tx: Tx,
  query: LibraryQuery,
  order: Order,
  constraints: Constraint[],
  driver: Constraint | undefined,
  limit: number,
  after: QueryCursor | null,
  budget: number,
): Promise<Omit<QueryPage, 'total'>> {
  const items: QueryItem[] = [];
  const byId = constraints.filter((c) => c !== driver && c.ids);
  // A search word is always checked on the record too: its postings may name a record edited since.
  const onRecord = constraints.filter((c) => c !== driver && (!c.ids || !c.index));
  let examined = 0;
  for await (const segment of segmentsOf(tx, query, order, driver, after)) {
    const continuing = after !== null && after.group === segment.group;
    if (!continuing && ++examined > budget) {
      // Stop before this group: resume at its start.
      return { items, next: { group: segment.group, created: order.newestFirst ? '\uffff' : '', id: '' }, plan: 'walk' };
    }
    const range = rangeAfter(segment.prefix, query, order, continuing ? after : null);
    if (!range) continue;
    const noActor = segment.group === NO_ACTOR;
    const index = tx.objectStore('annotations').index(segment.index);
    const direction = order.newestFirst ? 'prev' : 'next';
    // With id sets, walk keys and load only the candidates; without, every key is a candidate,
    // and a value cursor saves a request per record (the browser prefetches cursor values).
    const withValues = byId.length === 0;
    for (let c = await (withValues ? index.openCursor(range, direction) : index.openKeyCursor(range, direction)); c; c = await c.continue()) {
      examined++;
      const key = c.key as unknown as string[];
      const at: QueryCursor = { group: segment.group, created: key[key.length - 2]!, id: key[key.length - 1]! };
      const id = c.primaryKey;
      if (byId.every((k) => k.ids!.has(id))) {
        const stored = withValues ? (c as unknown as { value: StoredAnnotation }).value : await tx.objectStore('annotations').get(id);
        if (stored && (!noActor || stored.claimlens.actors.length === 0)) {
          const annotation = fromStored(stored);
          if (onRecord.every((k) => k.test(stored, annotation))) {
            items.push({ annotation, group: order.groupBy === 'none' ? '' : segment.group });
            if (items.length >= limit) return { items, next: at, plan: 'walk' };
          }
        }
      }
      if (examined >= budget) return { items, next: at, plan: 'walk' };
    }
  }
  return { items, next: null, plan: 'walk' };
}

/**
 * Every annotation the query selects, once each, in batches read in short transactions: for
 * export. Grouping is ignored (an annotation would otherwise repeat once per actor).
 */
export async function* queryBatches(
  db: ClaimlensDB,
  query: LibraryQuery,
  batch = 500,
): AsyncGenerator<Annotation[], void, undefined> {
  const flat: LibraryQuery = { ...query, group: 'none' };
  let after: QueryCursor | null = null;
  for (;;) {
    const page: QueryPage = await queryLibrary(db, flat, { limit: batch, after, count: false, budget: Math.max(WALK_BUDGET, batch * 4) });
    if (page.items.length) yield page.items.map((item) => item.annotation);
    if (!page.next) return;
    after = page.next;
  }
}

/** How many annotations the query selects, when one index range answers it; else null. */
export async function countQuery(db: ClaimlensDB, query: LibraryQuery): Promise<number | null> {
  const page = await queryLibrary(db, { ...query, group: 'none', sort: 'newest' }, { limit: 1, count: true, budget: 1 });
  return page.total;
}

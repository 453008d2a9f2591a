/**
 * The library's combined query against a real (fake-indexeddb) store, checked against a plain
 * in-memory reference: several filters at once, date ranges whose bounds fall on a page
 * boundary, sort by site and grouping by actor, paged to the end with no duplicate or gap,
 * by both plans (walking an index range, and loading a small set).
 */
import { describe, expect, it } from 'vitest';
import { type Annotation, tagsOf } from '../../../src/annotation/record';
import type { FacetFilter } from '../../../src/store/annotations';
import { bulkImport } from '../../../src/store/bulk';
import {
  EVERYTHING,
  type LibraryQuery,
  NO_ACTOR,
  type QueryCursor,
  countQuery,
  queryBatches,
  queryLibrary,
} from '../../../src/store/library-query';
import { tokensOf } from '../../../src/store/words';
import { searchTexts } from '../../../src/store/stored';
import { LATER_TIE, TIE, freshDb, makeAnnotation, tiedDataset as dataset } from './fixtures';


function matches(a: Annotation, f: FacetFilter): boolean {
  switch (f.by) {
    case 'site': return a.claimlens.site === f.value;
    case 'actor': return a.claimlens.actors.includes(f.value);
    case 'tag': return tagsOf(a).includes(f.value);
    case 'kind': return a.claimlens.kind === f.value;
    case 'sourcing': return (a.claimlens.sourcing ?? 'none') === f.value;
  }
}

/** What the query should return, computed the slow, obvious way: [group, id] per entry. */
function reference(records: Annotation[], q: LibraryQuery): string[] {
  const words = tokensOf([q.search]);
  const selected = records.filter(
    (a) =>
      q.filters.every((f) => matches(a, f)) &&
      (q.from === null || a.created >= q.from) &&
      (q.to === null || a.created < q.to) &&
      words.every((w) => tokensOf(searchTexts(a)).includes(w)),
  );
  const grouping = q.group === 'actor' ? 'actor' : q.group === 'site' || q.sort === 'site' ? 'site' : 'none';
  const entries = selected.flatMap((a) =>
    grouping === 'actor'
      ? (a.claimlens.actors.length ? [...new Set(a.claimlens.actors)] : [NO_ACTOR]).map((g) => ({ g, a }))
      : [{ g: grouping === 'site' ? a.claimlens.site : '', a }],
  );
  entries.sort((x, y) => {
    if (x.g !== y.g) return x.g < y.g ? -1 : 1;
    const oldestFirst = x.a.created !== y.a.created ? (x.a.created < y.a.created ? -1 : 1) : x.a.id < y.a.id ? -1 : 1;
    return q.sort === 'oldest' ? oldestFirst : -oldestFirst;
  });
  return entries.map(({ g, a }) => `${g}|${a.id}`);
}

/** Pages through the query to its end, checking each page, and returns [group, id] per entry. */
async function collect(db: Awaited<ReturnType<typeof freshDb>>['db'], q: LibraryQuery, options: { limit: number; budget?: number; smallSet?: number }) {
  const seen: string[] = [];
  const plans = new Set<string>();
  let after: QueryCursor | null = null;
  for (let calls = 0; ; calls++) {
    expect(calls).toBeLessThan(2_000);
    const page = await queryLibrary(db, q, { ...options, after });
    expect(page.items.length).toBeLessThanOrEqual(options.limit);
    plans.add(page.plan);
    seen.push(...page.items.map((item) => `${item.group}|${item.annotation.id}`));
    if (!page.next) break;
    after = page.next;
  }
  return { seen, plans };
}

const q = (over: Partial<LibraryQuery>): LibraryQuery => ({ ...EVERYTHING, ...over });

const QUERIES: [string, LibraryQuery][] = [
  ['everything, newest first', q({})],
  ['everything, oldest first', q({ sort: 'oldest' })],
  ['three filters at once', q({ filters: [{ by: 'site', value: 'ledger.example' }, { by: 'actor', value: 'Jake Sullivan' }, { by: 'sourcing', value: 'none' }] })],
  ['two filters, oldest first', q({ filters: [{ by: 'kind', value: 'claim' }, { by: 'tag', value: 'follow-up' }], sort: 'oldest' })],
  ['a date range whose bounds are shared by several saves', q({ from: TIE, to: LATER_TIE })],
  ['a date range and a filter', q({ from: TIE, to: LATER_TIE, filters: [{ by: 'kind', value: 'actor' }] })],
  ['a date range, oldest first', q({ from: TIE, to: LATER_TIE, sort: 'oldest' })],
  ['sorted by site', q({ sort: 'site' })],
  ['sorted by site within a date range, with a filter', q({ sort: 'site', from: TIE, filters: [{ by: 'sourcing', value: 'vague' }] })],
  ['sorted by site, one site', q({ sort: 'site', filters: [{ by: 'site', value: 'courier.example' }] })],
  ['grouped by site, oldest first within each', q({ group: 'site', sort: 'oldest' })],
  ['grouped by actor', q({ group: 'actor' })],
  ['grouped by actor, one actor and a date range', q({ group: 'actor', to: LATER_TIE, filters: [{ by: 'actor', value: 'Kim Jong Un' }] })],
  ['search words with a filter', q({ search: 'talks ', filters: [{ by: 'site', value: 'gazette.example' }] })],
  ['search words sorted by site', q({ search: 'sanctions ', sort: 'site' })],
  ['search words grouped by actor in a date range', q({ search: 'officials ', group: 'actor', from: TIE })],
];

describe('library query', () => {
  it.each(QUERIES)('%s: every match once, in order, by either plan', async (_name, query) => {
    const { db } = await freshDb();
    const records = dataset();
    await bulkImport(db, records);
    const expected = reference(records, query);
    expect(expected.length).toBeGreaterThan(0);
    // Walking with a tiny budget: many short pages, cursors at group starts and mid-group.
    const walked = await collect(db, query, { limit: 7, budget: 5, smallSet: 0 });
    expect(walked.seen).toEqual(expected);
    // Loading the small set and sorting it: the same entries.
    const small = await collect(db, query, { limit: 7, smallSet: 100_000 });
    expect(small.seen).toEqual(expected);
    // The defaults, as the library runs it.
    expect((await collect(db, query, { limit: 50 })).seen).toEqual(expected);
  });

  it('walks index ranges for large selections and loads small ones directly', async () => {
    const { db } = await freshDb();
    await bulkImport(db, dataset());
    expect((await collect(db, q({ sort: 'site' }), { limit: 10, smallSet: 20 })).plans).toEqual(new Set(['walk']));
    expect((await collect(db, q({ filters: [{ by: 'site', value: 'ledger.example' }, { by: 'actor', value: 'Jake Sullivan' }] }), { limit: 10, smallSet: 50 })).plans).toEqual(new Set(['small-set']));
    expect((await queryLibrary(db, q({ search: 'talks' }), { limit: 5 })).plan).toBe('search');
  });

  it('includes a save made exactly at the start of the range and excludes one made exactly at its end, across a page boundary', async () => {
    const { db } = await freshDb();
    const records = dataset();
    await bulkImport(db, records);
    const inRange = records.filter((a) => a.created >= TIE && a.created < LATER_TIE);
    const atStart = records.filter((a) => a.created === TIE).length;
    const atEnd = records.filter((a) => a.created === LATER_TIE).length;
    expect(atStart).toBe(13);
    expect(atEnd).toBe(7);
    // The 13 saves at TIE are the oldest of the range; pages of 5 split them.
    const { seen } = await collect(db, q({ from: TIE, to: LATER_TIE }), { limit: 5, smallSet: 0 });
    expect(seen).toHaveLength(inRange.length);
    const createdOf = (entry: string) => records.find((a) => `|${a.id}` === entry)!.created;
    expect(seen.filter((s) => createdOf(s) === TIE)).toHaveLength(atStart);
    expect(seen.some((s) => createdOf(s) === LATER_TIE)).toBe(false);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('counts the total when one index range answers the query, and says when it cannot', async () => {
    const { db } = await freshDb();
    const records = dataset();
    await bulkImport(db, records);
    const first = await queryLibrary(db, q({ from: TIE, filters: [{ by: 'site', value: 'ledger.example' }] }), { limit: 5, smallSet: 0 });
    expect(first.total).toBe(records.filter((a) => a.created >= TIE && a.claimlens.site === 'ledger.example').length);
    expect((await queryLibrary(db, q({}), { limit: 5 })).total).toBe(150);
    const two = q({ filters: [{ by: 'kind', value: 'claim' }, { by: 'sourcing', value: 'named' }] });
    expect((await queryLibrary(db, two, { limit: 5, smallSet: 0 })).total).toBeNull();
    // A small set is loaded whole, so its total is exact.
    expect((await queryLibrary(db, two, { limit: 5, smallSet: 1_000 })).total).toBe(reference(records, two).length);
    expect(await countQuery(db, q({ to: TIE }))).toBe(records.filter((a) => a.created < TIE).length);
  });

  it('returns nothing, at once, for a filter value no record has or a range that ends before it starts', async () => {
    const { db } = await freshDb();
    await bulkImport(db, dataset());
    expect(await queryLibrary(db, q({ filters: [{ by: 'site', value: 'ledger.example' }, { by: 'site', value: 'courier.example' }], sort: 'site' }), { limit: 5 })).toMatchObject({ items: [], next: null });
    expect(await queryLibrary(db, q({ filters: [{ by: 'tag', value: 'nowhere' }] }), { limit: 5 })).toMatchObject({ items: [], next: null, total: 0, plan: 'empty' });
    expect(await queryLibrary(db, q({ from: LATER_TIE, to: TIE }), { limit: 5 })).toMatchObject({ items: [], next: null, total: 0 });
  });

  it('exports each selected annotation once, even when grouping by actor would list it twice', async () => {
    const { db } = await freshDb();
    const records = dataset();
    await bulkImport(db, records);
    const query = q({ group: 'actor', filters: [{ by: 'actor', value: 'Kim Jong Un' }] });
    const ids: string[] = [];
    for await (const batch of queryBatches(db, query, 8)) ids.push(...batch.map((a) => a.id));
    const expected = records.filter((a) => a.claimlens.actors.includes('Kim Jong Un'));
    expect(ids).toHaveLength(expected.length);
    expect(new Set(ids).size).toBe(expected.length);
  });
});

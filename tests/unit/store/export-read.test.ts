/**
 * The export's reads against a real (fake-indexeddb) store: index ranges read with
 * getAllRecords (fake-indexeddb has it, as Chromium does), and the same selections with it
 * hidden (as in Firefox), each give exactly what the planner's `queryBatches` gives, in its
 * order, once each, across batch boundaries. Markdown read site by site is the text of the
 * one-pass writer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src/annotation/record';
import { collect } from '../../../src/export/stream';
import { escapeMarkdown, markdownBySite, streamMarkdown } from '../../../src/export/markdown';
import { putAnnotation } from '../../../src/store/annotations';
import { bulkImport } from '../../../src/store/bulk';
import type { ClaimlensDB } from '../../../src/store/db';
import { exportBatches, rangePlan, readsBySite, siteBatches } from '../../../src/store/export-read';
import { EVERYTHING, type LibraryQuery, queryBatches } from '../../../src/store/library-query';
import { LATER_TIE, TIE, freshDb, makeAnnotation, tiedDataset as dataset } from './fixtures';


const q = (over: Partial<LibraryQuery>): LibraryQuery => ({ ...EVERYTHING, ...over });

const FACETS = [
  { by: 'site', value: 'courier.example' },
  { by: 'actor', value: 'Kim Jong Un' },
  { by: 'tag', value: 'follow-up' },
  { by: 'kind', value: 'claim' },
  { by: 'sourcing', value: 'none' },
] as const;

/**
 * Every sort, alone, with a date range, with each facet and with both (sorted by site, only a
 * site filter: another facet's index has no site in its keys).
 */
const RANGE_QUERIES: [string, LibraryQuery][] = (['newest', 'oldest', 'site'] as const).flatMap((sort) => [
  [`everything, ${sort}`, q({ sort })],
  [`a date range, ${sort}`, q({ sort, from: TIE, to: LATER_TIE })],
  ...FACETS.filter((f) => sort !== 'site' || f.by === 'site').flatMap((filter): [string, LibraryQuery][] => [
    [`${filter.by}, ${sort}`, q({ sort, filters: [filter] })],
    [`${filter.by} since a date, ${sort}`, q({ sort, from: TIE, filters: [filter] })],
  ]),
]);

const PLANNER_QUERIES: [string, LibraryQuery][] = [
  ['search words', q({ search: 'talks ' })],
  ['two filters', q({ filters: [{ by: 'kind', value: 'claim' }, { by: 'tag', value: 'follow-up' }], sort: 'oldest' })],
  ...FACETS.filter((f) => f.by !== 'site').map((filter): [string, LibraryQuery] => [`${filter.by} sorted by site`, q({ sort: 'site', filters: [filter] })]),
];

async function ids(batches: AsyncIterable<Annotation[]>): Promise<string[]> {
  const seen: string[] = [];
  for await (const batch of batches) seen.push(...batch.map((a) => a.id));
  return seen;
}

async function records(batches: AsyncIterable<Annotation[]>): Promise<Annotation[]> {
  const all: Annotation[] = [];
  for await (const batch of batches) all.push(...batch);
  return all;
}

/** Hides getAllRecords, as in a browser without it, until the test ends. */
const hidden: (() => void)[] = [];
function withoutGetAllRecords(): void {
  const proto = IDBIndex.prototype as { getAllRecords?: unknown };
  const saved = proto.getAllRecords;
  delete proto.getAllRecords;
  hidden.push(() => (proto.getAllRecords = saved));
}
afterEach(() => hidden.splice(0).forEach((restore) => restore()));

async function filled(): Promise<ClaimlensDB> {
  const { db } = await freshDb();
  await bulkImport(db, dataset());
  return db;
}

describe('export reads', () => {
  it.each(RANGE_QUERIES)('%s: index ranges give what the planner gives, by getAllRecords and without it', async (_name, query) => {
    const db = await filled();
    expect(rangePlan(query)).not.toBeNull();
    const expected = await ids(queryBatches(db, query, 500));
    expect(expected.length).toBeGreaterThan(0);
    // Batches of 7: many requests, each starting after the last key of the one before.
    expect(await ids(exportBatches(db, query, { batch: 7 }))).toEqual(expected);
    expect(await ids(exportBatches(db, query))).toEqual(expected);
    withoutGetAllRecords();
    expect(await ids(exportBatches(db, query, { batch: 7, plannerBatch: 7 }))).toEqual(expected);
  });

  it.each(PLANNER_QUERIES)('%s: left to the planner, same records and order', async (_name, query) => {
    const db = await filled();
    expect(rangePlan(query)).toBeNull();
    const expected = await ids(queryBatches(db, query, 500));
    expect(expected.length).toBeGreaterThan(0);
    expect(await ids(exportBatches(db, query, { plannerBatch: 9 }))).toEqual(expected);
  });

  it('returns nothing for a date range that ends before it starts', async () => {
    const db = await filled();
    expect(await ids(exportBatches(db, q({ from: LATER_TIE, to: TIE })))).toEqual([]);
  });

  it('never repeats a record, though records are saved while it reads', async () => {
    const db = await filled();
    const seen: string[] = [];
    let saved = 0;
    for await (const batch of exportBatches(db, EVERYTHING, { batch: 10 })) {
      seen.push(...batch.map((a) => a.id));
      // One newer than everything (already passed) and one among those still to come.
      await putAnnotation(db, makeAnnotation({ i: 1_000 + saved++, created: '2027-01-01T00:00:00.000Z' }));
      await putAnnotation(db, makeAnnotation({ i: 2_000 + saved++, created: '2025-12-31T00:00:00.000Z' }));
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const record of dataset()) expect(seen).toContain(record.id);
  });
});

describe('Markdown read site by site', () => {
  const SITE_QUERIES: [string, LibraryQuery][] = [
    ['everything', EVERYTHING],
    ['oldest first', q({ sort: 'oldest' })],
    ['sorted by site', q({ sort: 'site' })],
    ['a date range', q({ from: TIE, to: LATER_TIE })],
    ['a date range, oldest first', q({ from: TIE, to: LATER_TIE, sort: 'oldest' })],
    ['one site', q({ filters: [{ by: 'site', value: 'gazette.example' }] })],
  ];
  const options = (query: LibraryQuery) => ({ generated: new Date('2026-11-23T00:00:00Z'), oldestFirst: query.sort === 'oldest' });

  async function bySite(db: ClaimlensDB, query: LibraryQuery, batch?: number): Promise<string> {
    const markdown = markdownBySite(siteBatches(db, query, { batch, plannerBatch: batch }), options(query));
    const body = await collect(markdown.body);
    return markdown.head() + body;
  }

  /** Records with no site and with a site named "other" (both filed under "other"), and a site after it. */
  async function withOddSites(db: ClaimlensDB): Promise<void> {
    const odd = (i: number, site: string) => {
      const record = makeAnnotation({ i, site: 'odd.example', path: `odd/${i}` });
      return { ...record, claimlens: { ...record.claimlens, site } };
    };
    for (const [i, site] of [[500, ''], [501, 'other'], [502, ''], [503, 'zeta.example'], [504, 'other']] as const) await putAnnotation(db, odd(i, site));
    // A page whose title changed: its newest record's title heads it (its oldest's, oldest first).
    await putAnnotation(db, makeAnnotation({ i: 600, site: 'courier.example', path: 'story/1', title: 'Retitled later' }));
    await putAnnotation(db, makeAnnotation({ i: 601, site: 'courier.example', path: 'story/1', title: 'Retitled earlier', created: '2025-06-01T00:00:00.000Z' }));
  }

  /** Each site's page headings, in the order they are written. */
  function pagesBySite(text: string): Map<string, string[]> {
    const sites = new Map<string, string[]>();
    let pages: string[] = [];
    for (const line of text.split('\n')) {
      if (line.startsWith('## ')) sites.set(line.slice(3), (pages = []));
      else if (line.startsWith('### ')) pages.push(line);
    }
    return sites;
  }

  it.each(SITE_QUERIES)('%s: the text of grouping the whole selection, pages in order of first appearance', async (_name, query) => {
    const db = await filled();
    await withOddSites(db);
    expect(readsBySite(query)).toBe(true);
    const selected = await records(queryBatches(db, query, 500));
    const expected = await collect(streamMarkdown(selected, options(query)));
    // Pages come in the order of their newest annotation (oldest, oldest first): the order the
    // selection first reaches them, except that sorted by site, records with no site and those of
    // a site named "other" are two runs, yet their pages interleave under one "other" heading.
    const byTime = [...selected].sort((a, b) => (a.created !== b.created ? (a.created < b.created ? -1 : 1) : a.id < b.id ? -1 : 1));
    if (query.sort !== 'oldest') byTime.reverse();
    if (query.sort !== 'site') expect(byTime).toEqual(selected);
    const firstSeen = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const a of byTime) {
      const heading = a.claimlens.site || 'other';
      const pages = firstSeen.get(heading) ?? [];
      if (!seen.has(a.target.source)) pages.push(`### [${escapeMarkdown(a.target.title)}](<${a.target.source}>)`);
      seen.add(a.target.source);
      firstSeen.set(heading, pages);
    }
    expect(pagesBySite(expected)).toEqual(new Map([...firstSeen].sort(([a], [b]) => (a < b ? -1 : 1))));
    if (query.filters.length === 0 && query.from === null) expect(expected.match(/^## other$/gm)).toHaveLength(1);
    // Read site by site: in small batches, in whole batches, and by the planner without getAllRecords.
    expect(await bySite(db, query, 4)).toBe(expected);
    expect(await bySite(db, query)).toBe(expected);
    withoutGetAllRecords();
    expect(await bySite(db, query, 4)).toBe(expected);
  });

  it('reads only the selections each site answers by one range', () => {
    expect(readsBySite(q({ search: 'talks' }))).toBe(false);
    expect(readsBySite(q({ filters: [{ by: 'actor', value: 'Kim Jong Un' }] }))).toBe(false);
    expect(readsBySite(q({ filters: [{ by: 'site', value: 'a' }, { by: 'site', value: 'b' }] }))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { deleteAnnotation, putAnnotation, restoreAnnotation, updateAnnotation } from '../../../src/store/annotations';
import { bulkImport } from '../../../src/store/bulk';
import { MERGE_AT } from '../../../src/store/postings';
import { DENSE_TERM, type SearchOptions, type SearchPage, searchAnnotations } from '../../../src/store/search';
import type { ClaimlensDB } from '../../../src/store/db';
import type { PageCursor } from '../../../src/store/annotations';
import type { Annotation } from '../../../src/annotation/record';
import { searchTexts } from '../../../src/store/stored';
import { queryTerms, termMatches, tokensOf } from '../../../src/store/words';
import { freshDb, makeAnnotation, makeMany } from './fixtures';

/** Every page of a search, in order; each page answered by `plan` when one is given. */
async function everyPage(db: ClaimlensDB, query: string, options: Omit<SearchOptions, 'before'>, plan?: SearchPage['plan']): Promise<string[]> {
  const seen: string[] = [];
  let before: PageCursor | null = null;
  for (;;) {
    const page = await searchAnnotations(db, query, { ...options, before });
    if (plan) expect(page.plan).toBe(plan);
    seen.push(...page.items.map((a) => a.id));
    if (!page.next) return seen;
    before = page.next;
  }
}

describe('tokens', () => {
  it('folds case, accents and punctuation, drops stop words and one-letter pieces', () => {
    expect(tokensOf(["Macron's visit to the Élysée — ON TIME", 'élysée again'])).toEqual([
      'macron', 'visit', 'elysee', 'time', 'again',
    ]);
  });

  it('treats the last word as a prefix while it is being typed', () => {
    expect(queryTerms('Sanctions the dete')).toEqual([
      { text: 'sanctions', prefix: false },
      { text: 'dete', prefix: true },
    ]);
    expect(queryTerms('deterrence ')).toEqual([{ text: 'deterrence', prefix: false }]);
    expect(queryTerms('  ')).toEqual([]);
  });
});

describe('searchAnnotations', () => {
  const corpus = () => [
    makeAnnotation({ i: 1, exact: 'The tariff on steel rises', note: '', tags: [] }),
    makeAnnotation({ i: 2, exact: 'Tariffs were never discussed', note: 'ask the ministry', tags: [] }),
    makeAnnotation({ i: 3, exact: 'A summit is planned', note: 'tariff angle?', tags: [] }),
    makeAnnotation({ i: 4, exact: 'Nothing about trade', note: '', tags: ['tariff-watch'], actors: ['Jake Sullivan'] }),
    makeAnnotation({ i: 5, exact: 'Weather was fine', note: '', tags: [], title: 'Tariff talks collapse', actors: [] }),
    makeAnnotation({ i: 6, exact: 'Sullivan warned of deterrence failure', note: '', tags: [], actors: ['Jake Sullivan'] }),
  ];

  it.each([
    ['tariff ', [5, 4, 3, 1], 'postings'],
    ['tarif', [5, 4, 3, 2, 1], 'postings'],
    ['tariff watch ', [4], 'postings'],
    ['sullivan deterrence ', [6], 'postings'],
    ['ministry ask ', [2], 'postings'],
    ['ministry tariff ', [], 'postings'],
    ['zebra', [], 'none'],
    ['', [], 'empty'],
  ] as const)('"%s" finds %j, newest first, in snippet, note, title, actor and tag', async (query, expected, plan) => {
    const { db } = await freshDb();
    const records = corpus();
    await bulkImport(db, records);
    const page = await searchAnnotations(db, query, { limit: 50 });
    expect(page.items.map((a) => a.id)).toEqual(expected.map((i) => records[i - 1]!.id));
    expect(page.plan).toBe(plan);
  });

  it('combines a search with a facet filter', async () => {
    const { db } = await freshDb();
    await bulkImport(db, corpus());
    const page = await searchAnnotations(db, 'tariff', { limit: 50, filter: { by: 'actor', value: 'Jake Sullivan' } });
    expect(page.items.map((a) => a.target.selector[0])).toMatchObject([{ exact: 'Nothing about trade' }]);
  });

  it('pages through many matches with the same cursor as the lists, in every plan', async () => {
    const { db } = await freshDb();
    const records = makeMany(300);
    await bulkImport(db, records);
    for (const [query, plan] of [['deterrence ', 'postings'], ['deter', 'postings'], ['offic', 'postings'], ['o', 'newest-walk']] as const) {
      const expected = records
        .filter((r) => (query === 'offic' ? true : /deterrence/i.test(JSON.stringify(r))))
        .sort((a, b) => (a.created < b.created ? 1 : -1))
        .map((a) => a.id);
      const seen = await everyPage(db, query, { limit: 9 }, plan);
      if (query !== 'o') expect(seen).toEqual(expected);
      else expect(seen.length).toBeGreaterThan(200);
    }
  });

  it('walks the rarest word when several words meet in many records, and pages exactly', async () => {
    const { db } = await freshDb();
    const records = makeMany(260);
    await bulkImport(db, records);
    const expected = [...records].sort((a, b) => (a.created < b.created ? 1 : -1)).map((a) => a.id);
    const seen = await everyPage(db, 'talks officials ', { limit: 50 }, 'postings');
    expect(seen).toEqual(expected);
  });

  it('walks newest first when every term is dense, and pages exactly', async () => {
    expect(DENSE_TERM).toBeGreaterThan(1_000);
    const { db } = await freshDb();
    const records = makeMany(260);
    await bulkImport(db, records);
    const expected = [...records].sort((a, b) => (a.created < b.created ? 1 : -1)).map((a) => a.id);
    const seen = await everyPage(db, 'talks officials ', { limit: 50, denseTerm: 100 }, 'newest-walk');
    expect(seen).toEqual(expected);
    // A one-letter prefix is dense without reading its postings.
    const letter = await searchAnnotations(db, 't', { limit: 5 });
    expect(letter.plan).toBe('newest-walk');
    expect(letter.items).toHaveLength(5);
  });

  it('never shows a record whose words changed or which was deleted, and finds the new words', async () => {
    const { db } = await freshDb();
    const records = corpus();
    // Imported: the records share batch postings, which go stale rather than being rewritten.
    await bulkImport(db, records);
    const ids = (page: { items: { id: string }[] }) => page.items.map((a) => a.id);
    const [, second, third] = records;
    await updateAnnotation(db, third!.id, { note: 'energy angle' }, new Date('2026-03-01T00:00:00Z'));
    expect(ids(await searchAnnotations(db, 'angle ', { limit: 50 }))).toEqual([third!.id]);
    expect(ids(await searchAnnotations(db, 'tariff ', { limit: 50 }))).not.toContain(third!.id);
    expect(ids(await searchAnnotations(db, 'energy ', { limit: 50 }))).toEqual([third!.id]);
    const deleted = await deleteAnnotation(db, second!.id);
    expect(ids(await searchAnnotations(db, 'ministry', { limit: 50 }))).toEqual([]);
    await restoreAnnotation(db, deleted!);
    expect(ids(await searchAnnotations(db, 'ministry', { limit: 50 }))).toEqual([second!.id]);
    // Saved one at a time (record postings), then edited twice.
    const single = makeAnnotation({ i: 40, exact: 'Quarantine rules eased', note: 'first', tags: [] });
    await putAnnotation(db, single);
    await updateAnnotation(db, single.id, { note: 'second thought' }, new Date('2026-03-02T00:00:00Z'));
    await updateAnnotation(db, single.id, { note: 'third' }, new Date('2026-03-03T00:00:00Z'));
    expect(ids(await searchAnnotations(db, 'quarantine third ', { limit: 50 }))).toEqual([single.id]);
    expect(ids(await searchAnnotations(db, 'second', { limit: 50 }))).toEqual([]);
    expect(await db.count('postings', IDBKeyRange.bound(['second'], ['second', []]))).toBe(0);
  });
});

describe('search against a reference, after edits and deletes', () => {
  it('finds exactly the records whose own words match, newest first, whatever happened to them', async () => {
    const { db } = await freshDb();
    const live = new Map<string, Annotation>();
    for (const record of makeMany(120)) live.set(record.id, record);
    await bulkImport(db, [...live.values()]);
    // A fixed pseudo-random mix of saves, edits (notes and tags), deletes and undos.
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const notes = ['tariff review', 'sanctions angle', 'ask the ministry', '', 'deterrence doubts', 'summit logistics'];
    const deleted: Annotation[] = [];
    for (let step = 0; step < 60; step++) {
      const ids = [...live.keys()];
      const id = ids[Math.floor(random() * ids.length)]!;
      const roll = random();
      if (roll < 0.4) {
        const note = notes[Math.floor(random() * notes.length)]!;
        const updated = await updateAnnotation(db, id, { note, tags: random() < 0.5 ? ['energy'] : [] }, new Date(Date.UTC(2026, 5, 1, 0, step)));
        live.set(id, updated);
      } else if (roll < 0.6) {
        deleted.push((await deleteAnnotation(db, id))!);
        live.delete(id);
      } else if (roll < 0.75 && deleted.length) {
        const back = deleted.pop()!;
        await restoreAnnotation(db, back);
        live.set(back.id, back);
      } else {
        const fresh = makeAnnotation({ i: 1_000 + step, note: notes[step % notes.length] });
        await putAnnotation(db, fresh);
        live.set(fresh.id, fresh);
      }
    }
    for (const query of ['tariff ', 'tarif', 'sanctions', 'ministry ask ', 'deterrence doubts ', 'energy ', 'summit', 'officials talks ', 'zebra']) {
      const terms = queryTerms(query);
      const expected = [...live.values()]
        .filter((record) => terms.every((term) => termMatches(term, tokensOf(searchTexts(record)))))
        .sort((a, b) => (a.created === b.created ? (a.id < b.id ? 1 : -1) : a.created < b.created ? 1 : -1))
        .map((record) => record.id);
      const seen = await everyPage(db, query, { limit: 7 });
      expect(seen, query).toEqual(expected);
    }
  });
});

describe('postings of passages saved one at a time', () => {
  it('are merged into segments as they gather, and search still finds exactly the live records', async () => {
    const { db } = await freshDb();
    const saved: Annotation[] = [];
    for (let i = 0; i < MERGE_AT * 2 + 10; i++) {
      const record = makeAnnotation({ i, exact: `Quarantine update number ${i}`, note: '', tags: [] });
      await putAnnotation(db, record);
      saved.push(record);
    }
    const recordPostings = await db.count('postings', IDBKeyRange.bound(['quarantine', 1], ['quarantine', 1, []]));
    const segments = await db.getAll('postings', IDBKeyRange.bound(['quarantine', 0], ['quarantine', 0, []]));
    expect(recordPostings).toBeLessThan(MERGE_AT);
    expect(segments).toHaveLength(1);
    expect(segments[0]!.ids.length + recordPostings).toBe(saved.length);
    // Deleting merged and unmerged records, and editing one so it loses the word.
    await deleteAnnotation(db, saved[0]!.id);
    await deleteAnnotation(db, saved[saved.length - 1]!.id);
    await updateAnnotation(db, saved[5]!.id, { note: 'lifted' }, new Date('2027-01-01T00:00:00Z'));
    const expected = saved
      .filter((_, i) => i !== 0 && i !== saved.length - 1)
      .sort((a, b) => (a.created < b.created ? 1 : -1))
      .map((a) => a.id);
    const seen = await everyPage(db, 'quarantine ', { limit: 40 }, 'postings');
    expect(seen).toEqual(expected);
    expect((await searchAnnotations(db, 'lifted quarantine ', { limit: 40 })).items.map((a) => a.id)).toEqual([saved[5]!.id]);
  }, 30_000);
});

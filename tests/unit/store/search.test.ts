import { describe, expect, it } from 'vitest';
import { bulkImport } from '../../../src/store/bulk';
import { SPARSE_PREFIX_LIMIT, searchAnnotations } from '../../../src/store/search';
import { queryTerms, tokensOf } from '../../../src/store/words';
import { freshDb, makeAnnotation, makeMany } from './fixtures';

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
    ['tariff ', [5, 4, 3, 1], 'word'],
    ['tarif', [5, 4, 3, 2, 1], 'small-set'],
    ['tariff watch ', [4], 'small-set'],
    ['sullivan deterrence ', [6], 'small-set'],
    ['ministry ask ', [2], 'small-set'],
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
    for (const [query, plan] of [['deterrence ', 'word'], ['deter', 'small-set'], ['offic', 'prefix-keys'], ['o', 'newest-walk']] as const) {
      const expected = records
        .filter((r) => (query === 'offic' ? true : /deterrence/i.test(JSON.stringify(r))))
        .sort((a, b) => (a.created < b.created ? 1 : -1))
        .map((a) => a.id);
      const seen: string[] = [];
      let before = null;
      for (;;) {
        const page = await searchAnnotations(db, query, { limit: 9, before });
        expect(page.plan).toBe(plan);
        seen.push(...page.items.map((a) => a.id));
        if (!page.next) break;
        before = page.next;
      }
      if (query !== 'o') expect(seen).toEqual(expected);
      else expect(seen.length).toBeGreaterThan(200);
    }
  });

  it('walks the rarest word when several words meet in many records, and pages exactly', async () => {
    const { db } = await freshDb();
    const records = makeMany(260);
    await bulkImport(db, records);
    const expected = [...records].sort((a, b) => (a.created < b.created ? 1 : -1)).map((a) => a.id);
    const seen: string[] = [];
    let before = null;
    for (;;) {
      const page = await searchAnnotations(db, 'talks officials ', { limit: 50, before });
      expect(page.plan).toBe('word');
      seen.push(...page.items.map((a) => a.id));
      if (!page.next) break;
      before = page.next;
    }
    expect(seen).toEqual(expected);
  });

  it('walks newest first when a prefix matches more entries than the sparse limit', async () => {
    expect(SPARSE_PREFIX_LIMIT).toBeGreaterThan(100);
    const { db } = await freshDb();
    await bulkImport(db, makeMany(20));
    const page = await searchAnnotations(db, 't', { limit: 5 });
    expect(page.plan).toBe('newest-walk');
    expect(page.items).toHaveLength(5);
  });
});

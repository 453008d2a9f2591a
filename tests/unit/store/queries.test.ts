import { describe, expect, it } from 'vitest';
import { noteOf, tagsOf } from '../../../src/annotation/record';
import {
  annotationsForUrl,
  countAnnotations,
  countsBy,
  deleteAnnotation,
  findDamaged,
  getAnnotation,
  listByFacet,
  listNewestFirst,
  putAnnotation,
  restoreAnnotation,
  updateAnnotation,
} from '../../../src/store/annotations';
import { bulkImport } from '../../../src/store/bulk';
import { annotationProblem } from '../../../src/export/import';
import { StoreError, toStoreError, transactionError } from '../../../src/store/errors';
import { freshDb, makeAnnotation, makeMany, snapshot, uuid } from './fixtures';
import type { ClaimlensDB } from '../../../src/store/db';
import { countKeysOf } from '../../../src/store/facet-counts';
import { fromStored } from '../../../src/store/stored';

const byNewest = (a: { created: string; id: string }, b: { created: string; id: string }) =>
  a.created === b.created ? (a.id < b.id ? 1 : -1) : a.created < b.created ? 1 : -1;

describe('save and read', () => {
  it('returns records exactly as saved, without the derived index keys', async () => {
    const { db } = await freshDb();
    const record = makeAnnotation({ i: 5 });
    await putAnnotation(db, record);
    expect(await getAnnotation(db, record.id)).toEqual(record);
    expect((await listNewestFirst(db, 10)).items).toEqual([record]);
    expect(JSON.stringify(await listNewestFirst(db, 10))).not.toContain('derived');
  });

  it('pages newest first with an exact cursor, ties on the same millisecond broken by id', async () => {
    const { db } = await freshDb();
    const same = '2026-02-02T00:00:00.000Z';
    const records = [...makeMany(25), ...[100, 101, 102].map((i) => makeAnnotation({ i, created: same }))];
    await bulkImport(db, records);
    const seen: string[] = [];
    let before = null;
    for (;;) {
      const page = await listNewestFirst(db, 4, before);
      expect(page.total).toBe(28);
      seen.push(...page.items.map((a) => a.id));
      if (!page.next) break;
      before = page.next;
    }
    expect(seen).toEqual([...records].sort(byNewest).map((a) => a.id));
  });
});

describe('facet lists', () => {
  it.each([
    ['site', 'courier.example', (a: ReturnType<typeof makeAnnotation>) => a.claimlens.site === 'courier.example'],
    ['actor', 'Kim Jong Un', (a: ReturnType<typeof makeAnnotation>) => a.claimlens.actors.includes('Kim Jong Un')],
    ['tag', 'energy', (a: ReturnType<typeof makeAnnotation>) => tagsOf(a).includes('energy')],
    ['kind', 'claim', (a: ReturnType<typeof makeAnnotation>) => a.claimlens.kind === 'claim'],
    ['sourcing', 'vague', (a: ReturnType<typeof makeAnnotation>) => a.claimlens.sourcing === 'vague'],
    ['sourcing', 'none', (a: ReturnType<typeof makeAnnotation>) => a.claimlens.sourcing === null],
  ] as const)('lists one %s (%s) newest first, paged', async (by, value, wanted) => {
    const { db } = await freshDb();
    const records = makeMany(120);
    await bulkImport(db, records);
    const expected = records.filter(wanted).sort(byNewest).map((a) => a.id);
    expect(expected.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let before = null;
    for (;;) {
      const page = await listByFacet(db, { by, value }, 7, before);
      expect(page.total).toBe(expected.length);
      seen.push(...page.items.map((a) => a.id));
      if (!page.next) break;
      before = page.next;
    }
    expect(seen).toEqual(expected);
    expect(await countAnnotations(db, { by, value })).toBe(expected.length);
  });
});

describe('counts and pages', () => {
  it('counts per site, per actor and per tag, most first', async () => {
    const { db } = await freshDb();
    const records = makeMany(40);
    await bulkImport(db, records);
    const tally = (values: string[]) => {
      const m = new Map<string, number>();
      for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
      return [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    };
    expect(await countsBy(db, 'site')).toEqual(tally(records.map((r) => r.claimlens.site)));
    expect(await countsBy(db, 'actor')).toEqual(tally(records.flatMap((r) => r.claimlens.actors)));
    expect(await countsBy(db, 'tag')).toEqual(tally(records.flatMap((r) => tagsOf(r))));
  });

  it('finds the annotations of the page in a tab by its canonical address', async () => {
    const { db } = await freshDb();
    await bulkImport(db, makeMany(30));
    const found = await annotationsForUrl(db, 'https://www.ledger.example/story/3?utm_source=x#top');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((a) => a.target.source === 'https://www.ledger.example/story/3')).toBe(true);
    expect(found.map((a) => a.created)).toEqual([...found.map((a) => a.created)].sort());
  });
});

describe('update', () => {
  it('replaces note and tags, bumps modified, reindexes, and keeps everything else', async () => {
    const { db } = await freshDb();
    const record = makeAnnotation({ i: 1, note: '', tags: [] });
    await putAnnotation(db, record);
    const updated = await updateAnnotation(db, record.id, { note: ' needs a second source ', tags: ['verify', 'verify', ' '] }, new Date('2026-06-01T00:00:00Z'));
    expect(noteOf(updated)).toBe('needs a second source');
    expect(tagsOf(updated)).toEqual(['verify']);
    expect(updated.motivation).toBe('commenting');
    expect(updated.modified).toBe('2026-06-01T00:00:00.000Z');
    expect({ ...updated, body: record.body, motivation: record.motivation, modified: record.modified }).toEqual(record);
    expect(await getAnnotation(db, record.id)).toEqual(updated);
    expect((await listByFacet(db, { by: 'tag', value: 'verify' }, 10)).items.map((a) => a.id)).toEqual([record.id]);
  });

  it('moves modified forward even when the clock says otherwise', async () => {
    const { db } = await freshDb();
    const record = makeAnnotation({ i: 2 });
    await putAnnotation(db, record);
    const updated = await updateAnnotation(db, record.id, { tags: [] }, new Date(record.modified));
    expect(updated.modified > record.modified).toBe(true);
  });

  it('reports a missing annotation as not-found and writes nothing', async () => {
    const { db } = await freshDb();
    await putAnnotation(db, makeAnnotation({ i: 1 }));
    const before = await snapshot(db);
    await expect(updateAnnotation(db, uuid(99), { note: 'x' }, new Date())).rejects.toMatchObject({ code: 'not-found' });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('delete with undo', () => {
  it('returns the deleted record, and restoring it brings back the identical record', async () => {
    const { db } = await freshDb();
    await bulkImport(db, makeMany(5));
    // Records and counters come back exactly; the search index gains the record's own postings.
    const recordsAndCounters = async () => [await db.getAll('annotations'), await db.getAll('facetCounts')];
    const before = await recordsAndCounters();
    const deleted = await deleteAnnotation(db, uuid(3));
    expect(deleted?.id).toBe(uuid(3));
    expect(await getAnnotation(db, uuid(3))).toBeUndefined();
    expect(await deleteAnnotation(db, uuid(3))).toBeNull();
    expect(await restoreAnnotation(db, deleted!)).toBe('restored');
    expect(await recordsAndCounters()).toEqual(before);
  });

  it('never overwrites a record that came back some other way', async () => {
    const { db } = await freshDb();
    const record = makeAnnotation({ i: 1 });
    await putAnnotation(db, record);
    const deleted = (await deleteAnnotation(db, record.id))!;
    const edited = { ...record, modified: '2027-01-01T00:00:00.000Z' };
    await putAnnotation(db, edited);
    expect(await restoreAnnotation(db, deleted)).toBe('already-present');
    expect(await getAnnotation(db, record.id)).toEqual(edited);
  });
});

describe('bulk import', () => {
  it('adds new records and skips duplicates by id or by source + quote + note, counting them', async () => {
    const { db } = await freshDb();
    const existing = makeMany(10);
    await bulkImport(db, existing);
    const sameContentNewId = { ...existing[2]!, id: 'urn:uuid:new-id-same-passage' };
    const sameIdOtherContent = { ...makeAnnotation({ i: 50 }), id: existing[4]!.id };
    const fresh = makeMany(5, 100);
    const result = await bulkImport(db, [sameContentNewId, sameIdOtherContent, ...fresh, fresh[0]!]);
    expect(result).toEqual({ added: 5, skippedDuplicates: 3, addedIds: fresh.map((a) => a.id) });
    expect(await countAnnotations(db)).toBe(15);
    expect(await getAnnotation(db, existing[4]!.id)).toEqual(existing[4]);
  });

  it('finds the same duplicates when a large import reads every stored id at once', async () => {
    const { db } = await freshDb();
    const existing = makeMany(30);
    await bulkImport(db, existing);
    const sameContentNewId = { ...existing[7]!, id: 'urn:uuid:new-id-same-passage' };
    const fresh = makeMany(2_000, 1_000);
    const result = await bulkImport(db, [...existing, sameContentNewId, ...fresh]);
    expect(result.added).toBe(2_000);
    expect(result.skippedDuplicates).toBe(31);
    expect(await countAnnotations(db)).toBe(2_030);
  }, 30_000);

  it('treats the same quote with a different note as a new annotation', async () => {
    const { db } = await freshDb();
    const a = makeAnnotation({ i: 1, note: 'first thought' });
    const b = { ...makeAnnotation({ i: 1, note: 'second thought' }), id: 'urn:uuid:b' };
    expect((await bulkImport(db, [a, b])).added).toBe(2);
  });

  it('writes nothing when one record in the middle cannot be stored', async () => {
    const { db } = await freshDb();
    await bulkImport(db, makeMany(3));
    const before = await snapshot(db);
    const poison = { ...makeAnnotation({ i: 500 }), claimlens: { ...makeAnnotation({ i: 500 }).claimlens, rawUrl: (() => 1) as never } };
    const error = await bulkImport(db, [...makeMany(50, 200), poison, ...makeMany(50, 300)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/nothing|could not import/i);
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('errors', () => {
  it('turns a quota error into a typed error that says what to do', () => {
    const error = toStoreError(new DOMException('quota', 'QuotaExceededError'), 'import the annotations');
    expect(error).toBeInstanceOf(StoreError);
    expect(error.code).toBe('quota');
    expect(error.message).toMatch(/storage .* is full\. Nothing was changed/);
  });

  it('prefers the transaction cause (quota) over the AbortError a request reports', () => {
    const tx = { error: new DOMException('quota', 'QuotaExceededError') };
    const error = transactionError(new DOMException('aborted', 'AbortError'), tx, 'save the annotation');
    expect(error.code).toBe('quota');
  });
});

describe('a save that cannot be stored', () => {
  it('throws a typed error and leaves the store as it was', async () => {
    const { db } = await freshDb();
    await putAnnotation(db, makeAnnotation({ i: 1 }));
    const before = await snapshot(db);
    const bad = { ...makeAnnotation({ i: 2 }), claimlens: { ...makeAnnotation({ i: 2 }).claimlens, rawUrl: Symbol('x') as never } };
    await expect(putAnnotation(db, bad)).rejects.toBeInstanceOf(StoreError);
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('concurrent saves and damaged records', () => {
  it('100 saves at the same moment end with exactly 100 records', async () => {
    const { db } = await freshDb();
    await Promise.all(makeMany(100).map((a) => putAnnotation(db, a)));
    expect(await countAnnotations(db)).toBe(100);
  });

  it('finds damaged records by key without touching them', async () => {
    const { db } = await freshDb();
    await bulkImport(db, makeMany(4));
    await db.put('annotations', { id: 'urn:uuid:broken', created: '2026-01-01T00:00:00.000Z' } as never);
    const before = await snapshot(db);
    const damaged = await findDamaged(db, annotationProblem);
    expect(damaged).toEqual([{ key: 'urn:uuid:broken', reason: '`type` must be "Annotation"' }]);
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('stored counters', () => {
  /** The counters as the store keeps them, and as a recount of the records says they should be. */
  async function countersAndRecount(db: ClaimlensDB): Promise<[Record<string, number>, Record<string, number>]> {
    const tx = db.transaction(['annotations', 'facetCounts']);
    const [keys, values, records] = await Promise.all([
      tx.objectStore('facetCounts').getAllKeys(),
      tx.objectStore('facetCounts').getAll(),
      tx.objectStore('annotations').getAll(),
    ]);
    const stored = Object.fromEntries(keys.map((key, i) => [key.join('/'), values[i]!]));
    const recount: Record<string, number> = {};
    for (const record of records) for (const key of countKeysOf(fromStored(record))) recount[key.join('/')] = (recount[key.join('/')] ?? 0) + 1;
    return [stored, recount];
  }

  it('stay equal to a recount of the records through saves, overwrites, edits, deletes, undos and imports', async () => {
    const { db } = await freshDb();
    const check = async (step: string) => {
      const [stored, recount] = await countersAndRecount(db);
      expect(stored, step).toEqual(recount);
    };
    await bulkImport(db, makeMany(30));
    await check('import');
    await putAnnotation(db, makeAnnotation({ i: 100, tags: ['a', 'b'] }));
    await check('save');
    // The same id saved again with another site, actors and tags replaces the old counts.
    await putAnnotation(db, makeAnnotation({ i: 100, site: 'other.example', actors: ['NATO', 'NATO', 'Kremlin'], tags: ['b'] }));
    await check('overwrite');
    await updateAnnotation(db, uuid(3), { tags: ['energy', 'new-tag'] }, new Date('2026-05-01T00:00:00Z'));
    await check('edit');
    const deleted = await deleteAnnotation(db, uuid(4));
    await deleteAnnotation(db, uuid(4));
    await check('delete, twice');
    expect(await restoreAnnotation(db, deleted!)).toBe('restored');
    expect(await restoreAnnotation(db, deleted!)).toBe('already-present');
    await check('undo, twice');
    // Half duplicates: only the new half counts.
    await bulkImport(db, makeMany(60));
    await check('import with duplicates');
    expect(await countAnnotations(db)).toBe(61);
    expect((await countsBy(db, 'actor')).find((c) => c.value === 'NATO')?.count).toBe(1);
    // A value whose last record goes is gone from the menus.
    await deleteAnnotation(db, uuid(100));
    expect((await countsBy(db, 'site')).map((c) => c.value)).not.toContain('other.example');
    await check('last of a site deleted');
  });

  it('count every one of many saves made at the same moment', async () => {
    const { db } = await freshDb();
    await Promise.all(Array.from({ length: 40 }, (_, i) => putAnnotation(db, makeAnnotation({ i: 200 + i }))));
    expect(await countAnnotations(db)).toBe(40);
    const [stored, recount] = await countersAndRecount(db);
    expect(stored).toEqual(recount);
  });
});

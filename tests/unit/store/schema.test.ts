import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { DB_VERSION, UPGRADES, openClaimlensDB } from '../../../src/store/db';
import { countAnnotations, countsBy, listByFacet, listNewestFirst } from '../../../src/store/annotations';
import { searchAnnotations } from '../../../src/store/search';
import { fromStored } from '../../../src/store/stored';
import { makeAnnotation, makeMany } from './fixtures';
import { ledgerActors, ledgerPage } from '../../../src/store/ledger';
import { type StoredAnnotation, searchTexts, toStored } from '../../../src/store/stored';
import { tokensOf } from '../../../src/store/words';

describe('schema', () => {
  it('has one upgrade step for every version up to the current one', () => {
    for (let v = 1; v <= DB_VERSION; v++) expect(UPGRADES[v], `step ${v}`).toBeTypeOf('function');
  });

  it('creates every index on a fresh database', async () => {
    const db = await openClaimlensDB(new IDBFactory(), 'fresh');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.transaction('annotations').store.indexNames].sort()).toEqual(
      ['byActorTime', 'byCreated', 'byKindTime', 'bySiteTime', 'bySource', 'bySourcing', 'bySpeakerOnly', 'byTag'].sort(),
    );
    expect([...db.transaction('sightings').store.indexNames].sort()).toEqual(['byBand', 'byLastSeen', 'bySource', 'bySpeakerTime']);
    expect([...db.objectStoreNames].sort()).toEqual(['annotations', 'facetCounts', 'postings', 'sightings']);
    db.close();
  });
});

describe('upgrade from version 1', () => {
  it('keeps every v1 record intact and puts it in the new indexes', async () => {
    const factory = new IDBFactory();
    const records = makeMany(60);
    // Version 1 exactly as it shipped: the v1 step only, records written as plain W3C objects.
    const v1 = await openClaimlensDB(factory, 'old', 1);
    expect(v1.version).toBe(1);
    expect([...v1.transaction('annotations').store.indexNames]).not.toContain('byWord');
    const tx = v1.transaction('annotations', 'readwrite');
    for (const record of records) await (tx.store as unknown as IDBObjectStore & { put(v: unknown): Promise<unknown> }).put(record);
    await tx.done;
    v1.close();

    const db = await openClaimlensDB(factory, 'old');
    expect(db.version).toBe(DB_VERSION);
    const stored = await db.getAll('annotations');
    expect(stored).toHaveLength(records.length);
    // Intact: stripping the derived index keys gives back exactly what v1 held.
    expect(stored.map(fromStored)).toEqual([...records].sort((a, b) => (a.id < b.id ? -1 : 1)));
    for (const s of stored) expect(s.derived.actors.length).toBeGreaterThan(0);

    // Indexed: every new index answers for the old records.
    expect((await listNewestFirst(db, 1000)).items).toHaveLength(60);
    const tagged = records.filter((r) => r.body.some((b) => b.purpose === 'tagging' && b.value === 'follow-up'));
    expect((await listByFacet(db, { by: 'tag', value: 'follow-up' }, 1000)).total).toBe(tagged.length);
    expect((await listByFacet(db, { by: 'sourcing', value: 'none' }, 1000)).total).toBe(
      records.filter((r) => r.claimlens.sourcing === null).length,
    );
    expect((await listByFacet(db, { by: 'site', value: 'ledger.example' }, 1000)).total).toBe(20);
    expect((await searchAnnotations(db, 'deterrence', { limit: 100 })).items.map((a) => a.id).sort()).toEqual(
      records.filter((r) => /deterrence/.test(JSON.stringify(r))).map((r) => r.id).sort(),
    );
    expect((await countsBy(db, 'tag')).find((c) => c.value === 'follow-up')?.count).toBe(tagged.length);
    db.close();
  });

  it('keeps a damaged v1 record rather than failing the upgrade or dropping it', async () => {
    const factory = new IDBFactory();
    const v1 = await openClaimlensDB(factory, 'damaged', 1);
    const [good] = makeMany(1);
    const damaged = { id: 'urn:uuid:damaged', created: '2026-01-01T00:00:00.000Z', claimlens: null };
    await v1.put('annotations', good as never);
    await v1.put('annotations', damaged as never);
    v1.close();
    const db = await openClaimlensDB(factory, 'damaged');
    expect(await db.get('annotations', 'urn:uuid:damaged')).toEqual(damaged);
    expect((await db.get('annotations', good!.id))?.derived).toBeDefined();
    db.close();
  });
});

describe('upgrade from version 2', () => {
  it('keeps every v2 record intact, adds the sightings store, and indexes saved claims by speaker', async () => {
    const factory = new IDBFactory();
    const records = [
      ...makeMany(40),
      // A saved claim whose speaker its actors do not list (an import from elsewhere).
      makeAnnotation({ i: 900, kind: 'claim', actors: ['Russia'] }),
    ];
    records[records.length - 1]!.claimlens.speaker = 'Sergei Lavrov';
    const v2 = await openClaimlensDB(factory, 'v2', 2);
    expect(v2.objectStoreNames.contains('sightings' as never)).toBe(false);
    const tx = v2.transaction('annotations', 'readwrite');
    // v2 records as v2 wrote them: `derived` without the speaker key.
    for (const record of records) {
      const { speaker: _new, ...derivedV2 } = toStored(record).derived;
      await tx.store.put({ ...record, derived: derivedV2 } as unknown as StoredAnnotation);
    }
    await tx.done;
    v2.close();

    const db = await openClaimlensDB(factory, 'v2');
    expect(db.version).toBe(DB_VERSION);
    const stored = await db.getAll('annotations');
    expect(stored.map(fromStored)).toEqual([...records].sort((a, b) => (a.id < b.id ? -1 : 1)));
    for (const s of stored) expect(s.derived).toEqual(toStored(fromStored(s)).derived);
    expect(await db.count('sightings')).toBe(0);
    // The old filters still answer, and the ledger finds the speaker-only claim.
    expect((await listNewestFirst(db, 1000)).items).toHaveLength(records.length);
    expect((await listByFacet(db, { by: 'site', value: 'ledger.example' }, 1000)).total).toBe(records.filter((r) => r.claimlens.site === 'ledger.example').length);
    expect((await ledgerActors(db)).find((a) => a.name === 'Sergei Lavrov')).toEqual({ name: 'Sergei Lavrov', seen: 0, saved: 1 });
    const page = await ledgerPage(db, 'Sergei Lavrov', { limit: 10 });
    expect(page.entries.map((e) => e.kind === 'saved' && e.annotation.id)).toEqual([records[records.length - 1]!.id]);
    db.close();
  });
});

describe('upgrade from version 3', () => {
  it('keeps every v3 record, drops the word and distinct-value indexes, and builds postings and counters from the records', async () => {
    const factory = new IDBFactory();
    const records = makeMany(50);
    const v3 = await openClaimlensDB(factory, 'v3', 3);
    expect([...v3.transaction('annotations').store.indexNames]).toContain('byWord');
    const tx = v3.transaction('annotations', 'readwrite');
    // v3 records as v3 wrote them: search tokens as "token created" keys in `derived.words`.
    for (const record of records) {
      const words = tokensOf(searchTexts(record)).map((t) => `${t} ${record.created}`);
      await tx.store.put({ ...record, derived: { ...toStored(record).derived, words } } as unknown as StoredAnnotation);
    }
    await tx.done;
    v3.close();

    const db = await openClaimlensDB(factory, 'v3');
    expect(db.version).toBe(DB_VERSION);
    const indexes = [...db.transaction('annotations').store.indexNames];
    for (const gone of ['byWord', 'bySite', 'byActor', 'byKind', 'byDuplicate']) expect(indexes).not.toContain(gone);
    const stored = await db.getAll('annotations');
    expect(stored.map(fromStored)).toEqual([...records].sort((a, b) => (a.id < b.id ? -1 : 1)));
    for (const s of stored) expect(s.derived).toEqual(toStored(fromStored(s)).derived);
    expect(await countAnnotations(db)).toBe(50);
    expect(await countsBy(db, 'site')).toEqual(recount(records.map((r) => r.claimlens.site)));
    expect(await countsBy(db, 'actor')).toEqual(recount(records.flatMap((r) => [...new Set(r.claimlens.actors)])));
    expect((await searchAnnotations(db, 'deterrence ', { limit: 100 })).items.map((a) => a.id).sort()).toEqual(
      records.filter((r) => /deterrence/.test(JSON.stringify(r))).map((r) => r.id).sort(),
    );
    db.close();
  });
});

function recount(values: string[]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

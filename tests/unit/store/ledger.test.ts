import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { detect } from '../../../src/detect';
import { type SeenPage, sightingsFrom } from '../../../src/ledger/sighting';
import { putAnnotation } from '../../../src/store/annotations';
import { type ClaimlensDB, openClaimlensDB } from '../../../src/store/db';
import { type LedgerEntry, ledgerActors, ledgerPage } from '../../../src/store/ledger';
import { recordSightings } from '../../../src/store/sightings';
import { makeAnnotation } from './fixtures';

const LEDGER = {
  page: { pageUrl: 'https://ledger.example/world/restrictions', canonicalLink: null, title: 'Washington weighs new restrictions | The Daily Ledger' },
  text:
    'Earlier, National Security Adviser Jake Sullivan noted progress in how Moscow and Pyongyang interact on defense matters. ' +
    'He stressed that Washington would keep working to persuade North Korea to abandon plans to provide weapons or other support to Russia.',
};
// The same wire copy, rewritten at the top as outlets do.
const COURIER = {
  page: { pageUrl: 'https://www.courier.example/news/sullivan-dprk', canonicalLink: null, title: 'Sullivan: US will press Pyongyang | Courier' },
  text:
    'National Security Adviser Jake Sullivan said on Tuesday that Washington would keep working to persuade North Korea to abandon plans to provide weapons or other support to Russia. ' +
    'Sullivan said Washington would impose new sanctions on Russian banks that finance arms purchases from North Korea.',
};

async function read(db: ClaimlensDB, page: SeenPage, text: string, at: string) {
  await recordSightings(db, sightingsFrom(detect(text), page, new Date(at)));
}

const textOf = (e: LedgerEntry) => (e.kind === 'seen' ? e.sighting.text : e.annotation.target.selector[0]!.type === 'TextQuoteSelector' ? (e.annotation.target.selector[0] as { exact: string }).exact : '');

describe('the actor ledger', () => {
  let db: ClaimlensDB;
  beforeEach(async () => {
    db = await openClaimlensDB(new IDBFactory());
    await read(db, LEDGER.page, LEDGER.text, '2026-11-23T09:00:00.000Z');
    await read(db, COURIER.page, COURIER.text, '2026-11-23T11:30:00.000Z');
  });

  it("lists an actor's claims across sites, newest first or oldest first", async () => {
    const newest = await ledgerPage(db, 'Jake Sullivan', { limit: 50 });
    expect(newest.seen).toBe(4);
    expect(newest.entries.map((e) => e.kind === 'seen' && [e.sighting.site, e.sighting.text.slice(0, 25)])).toEqual([
      ['courier.example', 'Sullivan said Washington '],
      ['courier.example', 'National Security Adviser'],
      ['ledger.example', 'He stressed that Washingt'],
      ['ledger.example', 'Earlier, National Securit'],
    ]);
    const times = newest.entries.map((e) => e.time);
    expect(times).toEqual([...times].sort().reverse());
    const oldest = await ledgerPage(db, 'Jake Sullivan', { limit: 50, order: 'oldest' });
    expect(oldest.entries.map((e) => e.time)).toEqual([...times].reverse());
  });

  it('names the other outlets that carried a near-identical sentence, and none for a claim only one carried', async () => {
    const { entries } = await ledgerPage(db, 'Jake Sullivan', { limit: 50 });
    const carried = Object.fromEntries(entries.map((e) => [textOf(e).slice(0, 25), e.carriedBy.map((c) => c.site)]));
    expect(carried).toEqual({
      'He stressed that Washingt': ['courier.example'],
      'National Security Adviser': ['ledger.example'],
      'Earlier, National Securit': [],
      'Sullivan said Washington ': [],
    });
    const courier = entries.find((e) => textOf(e).startsWith('National Security'))!;
    expect(courier.carriedBy[0]).toMatchObject({ source: 'https://ledger.example/world/restrictions', title: LEDGER.page.title });
  });

  it('shows a saved claim once, on the claim seen, with its note; other saved passages as their own entries', async () => {
    const stressed = (await ledgerPage(db, 'Jake Sullivan', { limit: 50 })).entries.find((e) => textOf(e).startsWith('He stressed'))!;
    const claim = makeAnnotation({
      i: 1,
      site: 'ledger.example',
      exact: textOf(stressed),
      note: 'Compare with the Courier version',
      kind: 'claim',
      actors: ['Jake Sullivan', 'North Korea'],
      created: '2026-11-23T12:00:00.000Z',
    });
    claim.target.source = 'https://ledger.example/world/restrictions';
    const elsewhere = makeAnnotation({ i: 2, exact: 'Sullivan is expected in Seoul next week', kind: 'manual', actors: ['Jake Sullivan'], created: '2026-11-23T12:30:00.000Z' });
    await putAnnotation(db, claim);
    await putAnnotation(db, elsewhere);

    const page = await ledgerPage(db, 'Jake Sullivan', { limit: 50 });
    expect(page.saved).toBe(2);
    expect(page.entries).toHaveLength(5);
    const first = page.entries[0]!;
    expect(first.kind === 'saved' && first.annotation.id).toBe(elsewhere.id);
    const seen = page.entries.find((e) => textOf(e).startsWith('He stressed'))!;
    expect(seen.kind === 'seen' && seen.saved.map((a) => a.id)).toEqual([claim.id]);
    expect(page.entries.filter((e) => e.kind === 'saved').map((e) => e.kind === 'saved' && e.annotation.id)).toEqual([elsewhere.id]);

    expect((await ledgerActors(db)).slice(0, 1)).toEqual([{ name: 'Jake Sullivan', seen: 4, saved: 2 }]);
  });

  it('pages exactly through sightings and saved annotations merged, in both orders', async () => {
    for (let i = 0; i < 9; i++) {
      await putAnnotation(db, makeAnnotation({ i: 100 + i, exact: `Saved passage ${i} about the allies`, kind: 'manual', actors: ['Jake Sullivan'], created: `2026-11-23T${String(8 + i).padStart(2, '0')}:15:00.000Z` }));
    }
    for (const order of ['newest', 'oldest'] as const) {
      const all = await ledgerPage(db, 'Jake Sullivan', { limit: 100, order });
      expect(all.entries).toHaveLength(13);
      const walked: string[] = [];
      let after = null;
      for (let pages = 0; pages < 10; pages++) {
        const page = await ledgerPage(db, 'Jake Sullivan', { limit: 4, after, order });
        walked.push(...page.entries.map((e) => `${e.time} ${textOf(e)}`));
        if (!page.next) break;
        after = page.next;
      }
      expect(walked).toEqual(all.entries.map((e) => `${e.time} ${textOf(e)}`));
    }
  });

  it('names at most 12 outlets for a sentence that 30 carried, each once', async () => {
    for (let i = 0; i < 30; i++) {
      await read(db, { ...COURIER.page, pageUrl: `https://outlet${i}.example/a`, title: `Outlet ${i}` }, COURIER.text, `2026-11-24T0${i % 10}:00:00.000Z`);
    }
    const { entries } = await ledgerPage(db, 'Jake Sullivan', { limit: 200 });
    const stressed = entries.find((e) => textOf(e).startsWith('He stressed'))!;
    expect(stressed.carriedBy).toHaveLength(12);
    expect(new Set(stressed.carriedBy.map((c) => c.site)).size).toBe(12);
    expect(stressed.carriedBy.map((c) => c.site)).not.toContain('ledger.example');
  });

  it('an actor Claimlens never saw speak has no ledger entries', async () => {
    expect(await ledgerPage(db, 'Ursula von der Leyen', { limit: 10 })).toEqual({ entries: [], next: null, seen: 0, saved: 0 });
    expect((await ledgerActors(db)).map((a) => a.name)).toEqual(['Jake Sullivan']);
  });
});

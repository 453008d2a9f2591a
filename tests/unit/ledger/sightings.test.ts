import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createSightingRecorder } from '../../../src/background/ledger-recorder';
import { detect } from '../../../src/detect';
import { SIGHTING_TEXT_MAX, boundedText, type SeenPage, type Sighting, sightingsFrom } from '../../../src/ledger/sighting';
import { openClaimlensDB } from '../../../src/store/db';
import { clearSightings, recordSightings } from '../../../src/store/sightings';

export const LEDGER_TEXT =
  'Earlier, National Security Adviser Jake Sullivan noted progress in how Moscow and Pyongyang interact on defense matters. ' +
  'He stressed that Washington would keep working to persuade North Korea to abandon plans to provide weapons or other support to Russia. ' +
  'Rumors suggested that Kim Jong-un planned a visit to Russia. ' +
  'Analysts noted that such conversations can affect regional stability.';

const PAGE: SeenPage = {
  pageUrl: 'https://www.ledger.example/world/restrictions?utm_source=feed#top',
  canonicalLink: null,
  title: 'Washington weighs new restrictions | The Daily Ledger',
};
const AT = new Date('2026-11-23T10:00:00.000Z');

describe('sightingsFrom: the claims that go to an actor ledger', () => {
  const seen = sightingsFrom(detect(LEDGER_TEXT), PAGE, AT);

  it('keeps claims whose speaker is an actor found on the page, and only those', () => {
    // "Rumors suggested…" has no speaker; "Analysts" is a sourcing level, not an actor.
    expect(seen.map((s) => [s.speaker, s.sourcing, s.text.slice(0, 20)])).toEqual([
      ['Jake Sullivan', 'named', 'Earlier, National Se'],
      ['Jake Sullivan', 'named', 'He stressed that Was'],
    ]);
  });

  it('files them under the canonical page and its site, with the other actors of the sentence', () => {
    const [, second] = seen;
    expect(second).toMatchObject({
      source: 'https://www.ledger.example/world/restrictions',
      site: 'ledger.example',
      title: PAGE.title,
      cue: 'stressed',
      // One millisecond after the first claim of the visit: article order survives sorting by date.
      firstSeen: '2026-11-23T10:00:00.001Z',
      lastSeen: '2026-11-23T10:00:00.001Z',
    });
    expect(second!.actors).toEqual(['Washington', 'North Korea', 'Russia']);
    expect(second!.bands.length).toBe(16);
  });

  it('gives the same sentence on the same page one record, and a page without an address none', () => {
    const twice = sightingsFrom(detect(`${LEDGER_TEXT}\n${LEDGER_TEXT}`), PAGE, AT);
    expect(twice.map((s) => s.id)).toEqual(seen.map((s) => s.id));
    expect(sightingsFrom(detect(LEDGER_TEXT), { ...PAGE, pageUrl: 'not a url' }, AT)).toEqual([]);
  });

  it('bounds a long sentence at a word boundary', () => {
    const long = boundedText(`${'word '.repeat(400)}end`);
    expect(long.length).toBeLessThanOrEqual(SIGHTING_TEXT_MAX + 1);
    expect(long.endsWith('word…')).toBe(true);
  });
});

function sighting(i: number, overrides: Partial<Sighting> = {}): Sighting {
  const stamp = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString();
  return {
    id: `id-${String(i).padStart(4, '0')}`,
    speaker: 'Jake Sullivan',
    actors: [],
    text: `Claim number ${i} about deterrence and the allies of the region`,
    cue: 'said',
    sourcing: 'named',
    hedged: false,
    source: `https://ledger.example/story/${i}`,
    title: `Story ${i}`,
    site: 'ledger.example',
    firstSeen: stamp,
    lastSeen: stamp,
    bands: [],
    ...overrides,
  };
}

describe('recordSightings', () => {
  it('a revisit updates the record in place: first seen kept, last seen moved, no duplicate', async () => {
    const db = await openClaimlensDB(new IDBFactory());
    const first = sightingsFrom(detect(LEDGER_TEXT), PAGE, AT);
    expect(await recordSightings(db, first)).toEqual({ added: 2, updated: 0, pruned: 0 });
    const later = new Date('2026-11-24T08:00:00.000Z');
    // The same page again, reached with other tracking parameters.
    const again = sightingsFrom(detect(LEDGER_TEXT), { ...PAGE, pageUrl: 'https://www.ledger.example/world/restrictions?utm_medium=x' }, later);
    expect(await recordSightings(db, again)).toEqual({ added: 0, updated: 2, pruned: 0 });
    const stored = await db.getAll('sightings');
    expect(stored).toHaveLength(2);
    expect(stored.map((s) => [s.firstSeen, s.lastSeen]).sort()).toEqual([
      ['2026-11-23T10:00:00.000Z', '2026-11-24T08:00:00.000Z'],
      ['2026-11-23T10:00:00.001Z', '2026-11-24T08:00:00.001Z'],
    ]);
    db.close();
  });

  it('beyond the cap, prunes the least recently seen', async () => {
    const db = await openClaimlensDB(new IDBFactory());
    await recordSightings(db, Array.from({ length: 8 }, (_, i) => sighting(i)), 10);
    // Record 0 is seen again today: it is now the most recent, so 1, 2 and 3 go.
    const today = '2026-11-30T00:00:00.000Z';
    const result = await recordSightings(db, [sighting(0, { firstSeen: today, lastSeen: today }), ...[8, 9, 10, 11, 12].map((i) => sighting(i))], 10);
    expect(result).toEqual({ added: 5, updated: 1, pruned: 3 });
    const ids = (await db.getAllKeys('sightings')).sort();
    expect(ids).toEqual(['id-0000', 'id-0004', 'id-0005', 'id-0006', 'id-0007', 'id-0008', 'id-0009', 'id-0010', 'id-0011', 'id-0012']);
    expect((await db.get('sightings', 'id-0000'))?.firstSeen).toBe(sighting(0).firstSeen);
    expect(await clearSightings(db)).toBe(10);
    expect(await db.count('sightings')).toBe(0);
    db.close();
  });
});

describe('the background recorder', () => {
  it('records after detection when the ledger is on, and nothing when the reader turned it off', async () => {
    const db = openClaimlensDB(new IDBFactory());
    let on = false;
    const errors: unknown[] = [];
    const recorder = createSightingRecorder({ database: () => db, now: () => AT, enabled: async () => on, onError: (e) => errors.push(e) });
    recorder.record(detect(LEDGER_TEXT), PAGE);
    await recorder.idle();
    expect(await (await db).count('sightings')).toBe(0);
    on = true;
    recorder.record(detect(LEDGER_TEXT), PAGE);
    await recorder.idle();
    expect(await (await db).count('sightings')).toBe(2);
    expect(errors).toEqual([]);
  });

  it('reports a failed write and keeps going', async () => {
    const errors: unknown[] = [];
    const recorder = createSightingRecorder({
      database: () => Promise.reject(new Error('disk gone')),
      now: () => AT,
      enabled: async () => true,
      onError: (e) => errors.push(e),
    });
    recorder.record(detect(LEDGER_TEXT), PAGE);
    await recorder.idle();
    expect(String(errors[0])).toContain('disk gone');
  });
});

import { describe, expect, it } from 'vitest';
import { prng, storeData, zipf } from '../../../scripts/bench/store-data';
import { annotationProblem } from '../../../src/export/import';
import { tokensOf } from '../../../src/store/words';
import { searchTexts } from '../../../src/store/stored';

describe('store bench records', () => {
  it('are the same for the same seed, in any order of generation, and differ for another seed', () => {
    const a = storeData({ seed: 7 });
    const b = storeData({ seed: 7 });
    const forwards = [0, 1, 2, 500, 9_999].map((i) => a.record(i));
    const backwards = [9_999, 500, 2, 1, 0].map((i) => b.record(i)).reverse();
    expect(backwards).toEqual(forwards);
    expect(storeData({ seed: 8 }).record(1)).not.toEqual(forwards[1]);
    expect(b.probes).toEqual(a.probes);
  });

  it('are valid Claimlens records that the import validator reads back unchanged', () => {
    const data = storeData({ seed: 3 });
    const problems = Array.from({ length: 400 }, (_, i) => annotationProblem(data.record(i))).filter(Boolean);
    expect(problems).toEqual([]);
  });

  it('look like a researcher’s library: snippet lengths, Zipf sites and actors, kinds, notes, tags, ids, time order', () => {
    const data = storeData({ seed: 11 });
    const records = Array.from({ length: 2_000 }, (_, i) => data.record(i));
    const lengths = records.map((r) => (r.target.selector[0] as { exact: string }).exact.length);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(80);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(500);
    const count = (key: (r: (typeof records)[number]) => string[]) => {
      const seen = new Map<string, number>();
      for (const r of records) for (const k of key(r)) seen.set(k, (seen.get(k) ?? 0) + 1);
      return [...seen.values()].sort((x, y) => y - x);
    };
    const sites = count((r) => [r.claimlens.site]);
    const actors = count((r) => r.claimlens.actors);
    expect(sites.length).toBeGreaterThan(150);
    expect(sites[0]! / sites[sites.length - 1]!).toBeGreaterThan(20); // a few sites dominate
    expect(actors.length).toBeGreaterThan(150);
    expect(new Set(records.map((r) => r.claimlens.kind))).toEqual(new Set(['actor', 'claim', 'manual']));
    const withNote = records.filter((r) => r.body.some((b) => b.purpose === 'commenting')).length / records.length;
    expect(withNote).toBeGreaterThan(0.2);
    expect(withNote).toBeLessThan(0.4);
    expect(records.some((r) => r.body.some((b) => b.purpose === 'tagging'))).toBe(true);
    expect(records.some((r) => r.claimlens.rawUrl)).toBe(true); // tracking parameters removed, raw address kept
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(records.every((r) => /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r.id))).toBe(true);
    const created = records.map((r) => Date.parse(r.created));
    expect(created.every((t, i) => i < 10 || t > created[i - 10]!)).toBe(true); // roughly in save order
  });

  it('has a common word in most records and a rare word in few, as the bench probes them', () => {
    const data = storeData({ seed: 20_260_401 });
    const records = Array.from({ length: 3_000 }, (_, i) => data.record(i));
    const having = (word: string) => records.filter((r) => tokensOf(searchTexts(r)).some((t) => t.startsWith(word))).length;
    expect(having(data.probes.commonWord)).toBeGreaterThan(records.length / 3);
    expect(having(data.probes.rareWord)).toBeLessThan(records.length / 100);
    expect(records.some((r) => r.claimlens.site === data.probes.site)).toBe(true);
    expect(records.some((r) => r.claimlens.actors.includes(data.probes.actor))).toBe(true);
  });
});

describe('seeded helpers', () => {
  it('prng repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = prng(42);
    const b = prng(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('zipf picks low ranks most, every rank possible', () => {
    const pick = zipf(10);
    const random = prng(1);
    const counts = Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) counts[pick(random)]++;
    expect(counts[0]).toBeGreaterThan(counts[1]);
    expect(counts[1]).toBeGreaterThan(counts[9]);
    expect(counts.every((c) => c > 0)).toBe(true);
    // 1/(rank+1): rank 0 about twice rank 1.
    expect(counts[0] / counts[1]).toBeGreaterThan(1.7);
    expect(counts[0] / counts[1]).toBeLessThan(2.3);
  });
});

describe('store bench records at scale', () => {
  it('never repeat an id or a passage over 100,000 records (the store would skip the repeat)', () => {
    const data = storeData({ seed: 20_260_401 });
    const ids = new Set<string>();
    const passages = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      const r = data.record(i);
      ids.add(r.id);
      passages.add(`${r.target.source} ${(r.target.selector[0] as { exact: string }).exact}`);
    }
    expect(ids.size).toBe(100_000);
    expect(passages.size).toBe(100_000);
  }, 120_000);
});

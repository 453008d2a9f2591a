import { describe, expect, it } from 'vitest';
import { parseTags, plural } from '../../../src/ui/dom';
import { EVERYTHING } from '../../../src/store/library-query';
import { decodeFilter, encodeFilter } from '../../../src/ui/library-state';
import { exportFilename, summarise } from '../../../src/ui/transfer';

describe('ui helpers', () => {
  it.each([
    ['wire, dprk', ['wire', 'dprk']],
    ['#wire,  #wire ,,\n sanctions ', ['wire', 'sanctions']],
    ['', []],
  ])('parseTags(%j)', (text, tags) => {
    expect(parseTags(text)).toEqual(tags);
  });

  it('counts in words', () => {
    expect(plural(1, 'annotation')).toBe('1 annotation');
    expect(plural(12_000, 'match', 'matches')).toBe('12,000 matches');
  });

  it('round-trips filters, values with colons included', () => {
    const filter = { by: 'site' as const, value: 'localhost:8080' };
    expect(decodeFilter(encodeFilter(filter))).toEqual(filter);
    expect(decodeFilter('')).toBeNull();
    expect(decodeFilter('colour:red')).toBeNull();
  });

  it('names export files by date and selection', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(exportFilename('jsonld', now, EVERYTHING)).toBe('claimlens-2026-11-23.jsonld');
    expect(exportFilename('markdown', now, { ...EVERYTHING, filters: [{ by: 'actor', value: 'Jake Sullivan' }], search: 'x' })).toBe(
      'claimlens-2026-11-23-actor-jake-sullivan-search.md',
    );
    expect(exportFilename('csv', now, { ...EVERYTHING, filters: [{ by: 'site', value: 'a.example' }, { by: 'kind', value: 'claim' }], from: new Date(2026, 10, 1).toISOString(), to: null })).toBe(
      'claimlens-2026-11-23-site-a.example-kind-claim-since-2026-11-01.csv',
    );
    expect(exportFilename('csv', now, { ...EVERYTHING, from: new Date(2026, 10, 1).toISOString(), to: new Date(2026, 10, 8).toISOString() })).toBe(
      'claimlens-2026-11-23-2026-11-01-to-2026-11-07.csv',
    );
  });

  it('reports an import: counts when it worked, each refused item when not', () => {
    expect(summarise('a.jsonld', { ok: true, items: 3, added: 1, skippedDuplicates: 2, skippedUnsupported: 0, notes: [] })).toEqual({
      ok: true,
      headline: 'Imported “a.jsonld”.',
      lines: ['3 items in the file', '1 added', '2 skipped as duplicates (already saved, or repeated in the file)'],
      added: 1,
    });
    const refused = summarise('b.jsonld', {
      ok: false,
      error: 'item 14: `target.source` is missing. Nothing was imported.',
      report: { items: 20, valid: 19, refused: [{ item: 14, reason: '`target.source` is missing' }], refusedNotListed: 0, notes: [], skippedUnsupported: 0 },
    });
    expect(refused.headline).toBe('Nothing was imported from “b.jsonld”: item 14: `target.source` is missing. Nothing was imported.');
    expect(refused.lines[0]).toBe('item 14: `target.source` is missing');
  });
});

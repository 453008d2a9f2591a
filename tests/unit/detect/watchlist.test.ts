import countries from 'world-countries';
import { describe, expect, it } from 'vitest';
import { type CountrySource, buildCountryRows } from '../../../src/detect/countries';
import { COUNTRY_ROWS } from '../../../src/detect/countries-data';
import { detect } from '../../../src/detect/index';
import type { WatchlistEntry } from '../../../src/detect/types';
import { DEFAULT_WATCHLIST, mergeWatchlist, parseWatchlistEdits, validateEntry } from '../../../src/detect/watchlist';

const base: WatchlistEntry[] = [
  { name: 'Jake Sullivan', type: 'person', aliases: ['Sullivan'] },
  { name: 'Georgia', type: 'place', aliases: [] },
  { name: 'TASS', type: 'organization', aliases: [] },
];

describe('default watchlist', () => {
  it('has every country with its capital and demonym', () => {
    const names = new Set(DEFAULT_WATCHLIST.map((e) => e.name));
    for (const n of ['France', 'Brazil', 'North Korea', 'Paris', 'Brasília', 'Pyongyang', 'Washington']) expect(names).toContain(n);
    const russia = DEFAULT_WATCHLIST.find((e) => e.name === 'Russia');
    expect(russia?.demonyms).toContain('Russian');
  });

  it('has the heads of bodies and the news agencies', () => {
    const names = new Set(DEFAULT_WATCHLIST.map((e) => e.name));
    for (const n of ['United Nations', 'NATO', 'TASS', 'Reuters', 'Xinhua', 'Vladimir Putin', 'António Guterres']) expect(names).toContain(n);
  });

  it('is in sync with the installed world-countries package', () => {
    expect(buildCountryRows(countries as unknown as CountrySource[])).toEqual(COUNTRY_ROWS);
  });

  it('keeps two-letter codes that are English words out', () => {
    const forms = new Set(DEFAULT_WATCHLIST.flatMap((e) => [e.name, ...e.aliases]));
    for (const code of ['IN', 'IT', 'NO', 'AT', 'BE', 'TO']) expect(forms).not.toContain(code);
  });
});

describe('merging the reader’s edits', () => {
  it.each([
    ['adds a new entry', [{ op: 'add', entry: { name: 'Lena Okafor', type: 'person', aliases: ['Okafor'] } }], (w: WatchlistEntry[]) => w.some((e) => e.name === 'Lena Okafor')],
    ['removes a default entry by name, ignoring case', [{ op: 'remove', name: 'jake  sullivan' }], (w: WatchlistEntry[]) => !w.some((e) => e.name === 'Jake Sullivan')],
    ['edits aliases of a default entry', [{ op: 'edit', name: 'TASS', changes: { aliases: ['TASS news agency', 'ТАСС'] } }], (w: WatchlistEntry[]) => w.find((e) => e.name === 'TASS')?.aliases.length === 2],
    ['renames an entry', [{ op: 'edit', name: 'TASS', changes: { name: 'TASS news agency' } }], (w: WatchlistEntry[]) => w.some((e) => e.name === 'TASS news agency') && !w.some((e) => e.name === 'TASS')],
    ['replaces an entry added under an existing name', [{ op: 'add', entry: { name: 'Georgia', type: 'place', aliases: ['Sakartvelo'] } }], (w: WatchlistEntry[]) => w.filter((e) => e.name === 'Georgia').length === 1 && w[0]!.aliases[0] === 'Sakartvelo'],
    ['brings back a removed entry when added again', [{ op: 'remove', name: 'TASS' }, { op: 'add', entry: { name: 'TASS', type: 'organization', aliases: [] } }], (w: WatchlistEntry[]) => w.some((e) => e.name === 'TASS')],
    ['ignores an edit of an unknown name', [{ op: 'edit', name: 'Nobody', changes: { type: 'place' } }], (w: WatchlistEntry[]) => w.length === 3],
    ['drops duplicate and empty aliases', [{ op: 'add', entry: { name: 'Lena Okafor', type: 'person', aliases: ['Okafor', ' okafor ', '', 'Lena Okafor'] } }], (w: WatchlistEntry[]) => w.find((e) => e.name === 'Lena Okafor')?.aliases.length === 1],
  ] as const)('%s', (_name, edits, check) => {
    const merged = mergeWatchlist(base, edits as never);
    expect(check(merged)).toBe(true);
  });

  it('does not change the defaults it is given', () => {
    const copy = structuredClone(base);
    mergeWatchlist(base, [{ op: 'remove', name: 'TASS' }, { op: 'edit', name: 'Georgia', changes: { aliases: ['x'] } }]);
    expect(base).toEqual(copy);
  });

  it('lets a reader’s entry win a form shared with a default', () => {
    const merged = mergeWatchlist(DEFAULT_WATCHLIST, [{ op: 'add', entry: { name: 'Georgia (US state)', type: 'place', aliases: ['Georgia'] } }]);
    const m = detect('Voters in Georgia went to the polls.', merged).actors.find((a) => a.text === 'Georgia');
    expect(m?.canonical).toBe('Georgia (US state)');
  });

  it('finds a reader-added actor whose name goes on in lower case', () => {
    const merged = mergeWatchlist(DEFAULT_WATCHLIST, [
      { op: 'add', entry: { name: 'Western governments', type: 'organization', aliases: ['Western capitals'] } },
    ]);
    const found = detect('Western governments said the sanctions would stay. Western capitals agreed on Friday.', merged).actors;
    expect(found.map((a) => [a.text, a.canonical, a.type])).toEqual([
      ['Western governments', 'Western governments', 'organization'],
      ['Western capitals', 'Western governments', 'organization'],
    ]);
  });

  it('suppresses a default entry in detection once removed', () => {
    const defaults: WatchlistEntry[] = [{ name: 'Lena Okafor', type: 'person', aliases: ['the envoy'] }];
    const text = 'Talks resumed after the envoy arrived.';
    expect(detect(text, mergeWatchlist(defaults, [])).actors.map((a) => a.canonical)).toEqual(['Lena Okafor']);
    expect(detect(text, mergeWatchlist(defaults, [{ op: 'remove', name: 'Lena Okafor' }])).actors).toEqual([]);
  });

  it('finds a reader-added actor', () => {
    const merged = mergeWatchlist(DEFAULT_WATCHLIST, [{ op: 'add', entry: { name: 'Lena Okafor', type: 'person', aliases: ['the envoy'] } }]);
    expect(detect('Talks resumed after the envoy arrived.', merged).actors).toContainEqual(expect.objectContaining({ text: 'the envoy', canonical: 'Lena Okafor' }));
  });
});

describe('reading a watchlist file', () => {
  it('reads entries and edit operations', () => {
    const edits = parseWatchlistEdits(JSON.stringify([{ name: 'Lena Okafor', type: 'person', aliases: [] }, { op: 'remove', name: 'TASS' }]));
    expect(edits).toEqual([{ op: 'add', entry: { name: 'Lena Okafor', type: 'person', aliases: [] } }, { op: 'remove', name: 'TASS' }]);
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['not an array', '{"name":"x"}', /JSON array/],
    ['a bad type', '[{"name":"x","type":"planet","aliases":[]}]', /item 0\.type/],
    ['an empty name', '[{"name":" ","type":"person"}]', /item 0\.name/],
    ['aliases not strings', '[{"name":"x","type":"person","aliases":[1]}]', /item 0\.aliases/],
    ['an unknown operation', '[{"op":"rename","name":"x"}]', /item 0\.op/],
  ])('says what is wrong with %s', (_name, json, message) => {
    expect(() => parseWatchlistEdits(json)).toThrow(message);
  });

  it('validates a single entry with its place in the message', () => {
    expect(() => validateEntry(null, 'entry')).toThrow(/^entry: expected an object/);
  });
});

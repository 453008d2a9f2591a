/**
 * The library's view state in the page address: it round-trips, a hand-edited or stale
 * address is read without trusting it, filters combine the way a record can match them, and
 * date presets become bounds in the reader's own days.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE,
  type LibraryState,
  dateBounds,
  dateLabel,
  dateProblem,
  describeSelection,
  filterLabel,
  stateFromSearch,
  stateToSearch,
  toQuery,
  withFilter,
  withoutFilter,
} from '../../../src/ui/library-state';

const state = (over: Partial<LibraryState>): LibraryState => ({ ...DEFAULT_STATE, ...over });

describe('library view state in the address', () => {
  it('leaves the default view with a bare address', () => {
    expect(stateToSearch(DEFAULT_STATE)).toBe('');
    expect(stateFromSearch('')).toEqual(DEFAULT_STATE);
  });

  it('round-trips search, several filters, a custom range, sort and grouping', () => {
    const view = state({
      search: 'missile & “talks”',
      filters: [
        { by: 'site', value: 'localhost:8080' },
        { by: 'actor', value: 'Kim Jong Un' },
        { by: 'sourcing', value: 'none' },
      ],
      date: 'custom',
      fromDay: '2026-01-01',
      toDay: '2026-01-31',
      sort: 'site',
      group: 'actor',
    });
    const search = stateToSearch(view);
    expect(search).toBe(
      '?q=missile+%26+%E2%80%9Ctalks%E2%80%9D&f=site%3Alocalhost%3A8080&f=actor%3AKim+Jong+Un&f=sourcing%3Anone&date=custom&from=2026-01-01&to=2026-01-31&sort=site&group=actor',
    );
    expect(stateFromSearch(search)).toEqual(view);
  });

  it('drops what it does not know from a hand-edited address', () => {
    expect(
      stateFromSearch('?f=colour:red&f=site:&f=nonsense&f=tag:wire&date=yesterday&sort=random&group=__proto__&from=2026-02-30'),
    ).toEqual(state({ filters: [{ by: 'tag', value: 'wire' }] }));
    // Days are read only with a custom range, and only when they are real days.
    expect(stateFromSearch('?date=7d&from=2026-01-01')).toEqual(state({ date: '7d' }));
    expect(stateFromSearch('?date=custom&from=2026-02-30&to=2026-03-01')).toEqual(state({ date: 'custom', toDay: '2026-03-01' }));
  });

  it('combines filters the way a record can match them', () => {
    const site = { by: 'site' as const, value: 'a.example' };
    let filters = withFilter([], site);
    filters = withFilter(filters, { by: 'actor', value: 'X' });
    filters = withFilter(filters, { by: 'actor', value: 'Y' });
    // A record names several actors, so a second actor narrows; it has one site, so a second site replaces.
    expect(filters).toEqual([site, { by: 'actor', value: 'X' }, { by: 'actor', value: 'Y' }]);
    filters = withFilter(filters, { by: 'site', value: 'b.example' });
    expect(filters).toEqual([{ by: 'actor', value: 'X' }, { by: 'actor', value: 'Y' }, { by: 'site', value: 'b.example' }]);
    expect(withFilter(filters, { by: 'actor', value: 'X' })).toEqual(filters);
    expect(withoutFilter(filters, { by: 'actor', value: 'X' })).toEqual([{ by: 'actor', value: 'Y' }, { by: 'site', value: 'b.example' }]);
    // An address repeating a single-valued facet keeps the last one.
    expect(stateFromSearch('?f=kind:claim&f=kind:actor').filters).toEqual([{ by: 'kind', value: 'actor' }]);
  });
});

describe('dates', () => {
  // 15:30 local time on 10 March 2026, whatever the machine's time zone.
  const now = new Date(2026, 2, 10, 15, 30);
  const local = (y: number, m: number, d: number) => new Date(y, m - 1, d).toISOString();

  it.each([
    ['any', { from: null, to: null }],
    ['today', { from: local(2026, 3, 10), to: null }],
    ['7d', { from: local(2026, 3, 4), to: null }],
    ['30d', { from: local(2026, 2, 9), to: null }],
  ] as const)('%s starts at the beginning of a local day', (date, bounds) => {
    expect(dateBounds(state({ date }), now)).toEqual(bounds);
  });

  it('a custom range includes its last day, and either end may stay open', () => {
    expect(dateBounds(state({ date: 'custom', fromDay: '2026-01-01', toDay: '2026-01-31' }), now)).toEqual({
      from: local(2026, 1, 1),
      to: local(2026, 2, 1),
    });
    expect(dateBounds(state({ date: 'custom', toDay: '2025-12-31' }), now)).toEqual({ from: null, to: local(2026, 1, 1) });
    expect(toQuery(state({ date: 'custom', fromDay: '2026-02-28', search: ' words ' }), now)).toMatchObject({
      from: local(2026, 2, 28),
      to: null,
      search: 'words',
    });
  });

  it('says when a range starts after it ends', () => {
    expect(dateProblem(state({ date: 'custom', fromDay: '2026-02-01', toDay: '2026-01-01' }))).toMatch(/starts after it ends/);
    expect(dateProblem(state({ date: 'custom', fromDay: '2026-01-01', toDay: '2026-01-01' }))).toBeNull();
  });

  it('names the selection in words and on chips', () => {
    expect(filterLabel({ by: 'tag', value: 'wire' })).toBe('Tag: #wire');
    expect(filterLabel({ by: 'sourcing', value: 'vague' })).toBe('Sourcing: vague source');
    expect(dateLabel(state({ date: '7d' }))).toBe('Last 7 days');
    expect(dateLabel(state({ date: 'custom', fromDay: '2026-01-01', toDay: '2026-01-31' }))).toBe('Jan 1, 2026 – Jan 31, 2026');
    expect(
      describeSelection(state({ filters: [{ by: 'site', value: 'a.example' }, { by: 'actor', value: 'X' }], date: '30d' })),
    ).toBe(' from a.example, about X, saved in the last 30 days');
  });
});

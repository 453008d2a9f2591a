/**
 * What the library shows, as plain data: search words, filters, a date preset or range, sort
 * and grouping. It round-trips through the page address (`library.html?f=site:…&date=7d`),
 * so a filtered view can be bookmarked, reloaded or shared between windows. Anything in the
 * address that does not read as a known value is dropped, never trusted.
 */
import type { FacetFilter } from '../store/annotations';
import { type Grouping, type LibraryQuery, type SortOrder } from '../store/library-query';
import { KIND_LABELS, SOURCING_LABELS } from './dom';

export type DatePreset = 'any' | 'today' | '7d' | '30d' | 'custom';

export interface LibraryState {
  search: string;
  filters: FacetFilter[];
  date: DatePreset;
  /** Local calendar days (YYYY-MM-DD), both included; '' leaves that side open. Only for 'custom'. */
  fromDay: string;
  toDay: string;
  sort: SortOrder;
  group: Grouping;
}

export const DEFAULT_STATE: LibraryState = { search: '', filters: [], date: 'any', fromDay: '', toDay: '', sort: 'newest', group: 'none' };

export const FACETS = ['site', 'actor', 'tag', 'kind', 'sourcing'] as const satisfies readonly FacetFilter['by'][];
export const DATE_PRESETS: Record<DatePreset, string> = {
  any: 'Any time',
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'From… to…',
};
export const SORTS: Record<SortOrder, string> = { newest: 'Newest first', oldest: 'Oldest first', site: 'Site A–Z' };
export const GROUPS: Record<Grouping, string> = { none: 'No grouping', site: 'Site and page', actor: 'Actor' };

/** A record holds one site, kind and sourcing level, so a second value of these replaces the first. */
const SINGLE_VALUED: ReadonlySet<FacetFilter['by']> = new Set(['site', 'kind', 'sourcing']);
const MAX_FILTERS = 20;
const MAX_VALUE = 4_096;
const MAX_SEARCH = 500;

/** `site:example.org` ⇄ {by: 'site', value: 'example.org'} (facet names have no colon). */
export function encodeFilter(filter: FacetFilter | null): string {
  return filter ? `${filter.by}:${filter.value}` : '';
}

export function decodeFilter(value: string): FacetFilter | null {
  const at = value.indexOf(':');
  if (at < 0) return null;
  const by = value.slice(0, at);
  const rest = value.slice(at + 1);
  if (!(FACETS as readonly string[]).includes(by) || !rest || rest.length > MAX_VALUE) return null;
  return { by: by as FacetFilter['by'], value: rest };
}

const sameFilter = (a: FacetFilter, b: FacetFilter) => a.by === b.by && a.value === b.value;

/** Adds a filter: an actor or tag narrows further, a second site, kind or sourcing replaces the first. */
export function withFilter(filters: readonly FacetFilter[], filter: FacetFilter): FacetFilter[] {
  if (filters.some((f) => sameFilter(f, filter))) return [...filters];
  const kept = SINGLE_VALUED.has(filter.by) ? filters.filter((f) => f.by !== filter.by) : [...filters];
  return [...kept, filter].slice(-MAX_FILTERS);
}

export function withoutFilter(filters: readonly FacetFilter[], filter: FacetFilter): FacetFilter[] {
  return filters.filter((f) => !sameFilter(f, filter));
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function readDay(value: string | null): string {
  const match = value ? DAY.exec(value) : null;
  if (!match) return '';
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? value! : '';
}

function oneOf<T extends string>(value: string | null, allowed: Record<T, string>, fallback: T): T {
  return value !== null && Object.hasOwn(allowed, value) ? (value as T) : fallback;
}

/** The address's query string for a state; default values are left out. */
export function stateToSearch(state: LibraryState): string {
  const params = new URLSearchParams();
  if (state.search) params.set('q', state.search);
  for (const filter of state.filters) params.append('f', encodeFilter(filter));
  if (state.date !== 'any') params.set('date', state.date);
  if (state.date === 'custom' && state.fromDay) params.set('from', state.fromDay);
  if (state.date === 'custom' && state.toDay) params.set('to', state.toDay);
  if (state.sort !== DEFAULT_STATE.sort) params.set('sort', state.sort);
  if (state.group !== DEFAULT_STATE.group) params.set('group', state.group);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function stateFromSearch(search: string): LibraryState {
  const params = new URLSearchParams(search);
  let filters: FacetFilter[] = [];
  for (const value of params.getAll('f')) {
    const filter = decodeFilter(value);
    if (filter) filters = withFilter(filters, filter);
  }
  const date = oneOf<DatePreset>(params.get('date'), DATE_PRESETS, 'any');
  return {
    search: (params.get('q') ?? '').slice(0, MAX_SEARCH),
    filters,
    date,
    fromDay: date === 'custom' ? readDay(params.get('from')) : '',
    toDay: date === 'custom' ? readDay(params.get('to')) : '',
    sort: oneOf<SortOrder>(params.get('sort'), SORTS, DEFAULT_STATE.sort),
    group: oneOf<Grouping>(params.get('group'), GROUPS, DEFAULT_STATE.group),
  };
}

function startOfDay(date: Date, daysBack = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() - daysBack);
}

function dayStart(day: string, plusDays = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays);
}

/** The state's date choice as ISO bounds in the reader's time zone: from included, to excluded. */
export function dateBounds(state: Pick<LibraryState, 'date' | 'fromDay' | 'toDay'>, now: Date): { from: string | null; to: string | null } {
  switch (state.date) {
    case 'any':
      return { from: null, to: null };
    case 'today':
      return { from: startOfDay(now).toISOString(), to: null };
    case '7d':
      return { from: startOfDay(now, 6).toISOString(), to: null };
    case '30d':
      return { from: startOfDay(now, 29).toISOString(), to: null };
    case 'custom':
      return {
        from: state.fromDay ? dayStart(state.fromDay).toISOString() : null,
        // The end day is included: the range stops at the start of the day after it.
        to: state.toDay ? dayStart(state.toDay, 1).toISOString() : null,
      };
  }
}

/** A custom range whose first day is after its last: say so rather than show nothing. */
export function dateProblem(state: LibraryState): string | null {
  if (state.date === 'custom' && state.fromDay && state.toDay && state.fromDay > state.toDay) {
    return 'The date range starts after it ends; change the “From” or the “to” date.';
  }
  return null;
}

export function toQuery(state: LibraryState, now: Date): LibraryQuery {
  return { filters: state.filters, ...dateBounds(state, now), search: state.search.trim(), sort: state.sort, group: state.group };
}

export function isFiltered(state: LibraryState): boolean {
  return state.filters.length > 0 || state.search.trim() !== '' || state.date !== 'any';
}

/** A filter's chip text: "Site: example.org". */
export function filterLabel(filter: FacetFilter): string {
  switch (filter.by) {
    case 'site':
      return `Site: ${filter.value}`;
    case 'actor':
      return `Actor: ${filter.value}`;
    case 'tag':
      return `Tag: #${filter.value}`;
    case 'kind':
      return `Kind: ${KIND_LABELS[filter.value] ?? filter.value}`;
    case 'sourcing':
      return filter.value === 'none' ? 'Sourcing: none' : `Sourcing: ${SOURCING_LABELS[filter.value] ?? filter.value}`;
  }
}

function formatDay(day: string): string {
  return dayStart(day).toLocaleDateString('en', { day: 'numeric', month: 'short', year: 'numeric' });
}

/** The date choice as a chip ("Last 7 days", "1 Jan 2026 – 31 Jan 2026"), or null for any time. */
export function dateLabel(state: Pick<LibraryState, 'date' | 'fromDay' | 'toDay'>): string | null {
  if (state.date === 'any') return null;
  if (state.date !== 'custom') return DATE_PRESETS[state.date];
  if (state.fromDay && state.toDay) return `${formatDay(state.fromDay)} – ${formatDay(state.toDay)}`;
  if (state.fromDay) return `Since ${formatDay(state.fromDay)}`;
  if (state.toDay) return `Until ${formatDay(state.toDay)}`;
  return null;
}

function dateWords(state: Pick<LibraryState, 'date' | 'fromDay' | 'toDay'>): string | null {
  switch (state.date) {
    case 'any':
      return null;
    case 'today':
      return 'saved today';
    case '7d':
      return 'saved in the last 7 days';
    case '30d':
      return 'saved in the last 30 days';
    case 'custom':
      if (state.fromDay && state.toDay) return `saved from ${formatDay(state.fromDay)} to ${formatDay(state.toDay)}`;
      if (state.fromDay) return `saved since ${formatDay(state.fromDay)}`;
      if (state.toDay) return `saved until ${formatDay(state.toDay)}`;
      return null;
  }
}

/** The selection in words, for the status line and empty state: " from example.org about X, last 7 days". */
export function describeSelection(state: LibraryState): string {
  const parts: string[] = [];
  for (const filter of state.filters) {
    switch (filter.by) {
      case 'site':
        parts.push(`from ${filter.value}`);
        break;
      case 'actor':
        parts.push(`about ${filter.value}`);
        break;
      case 'tag':
        parts.push(`tagged #${filter.value}`);
        break;
      case 'kind':
        parts.push(`of kind “${KIND_LABELS[filter.value] ?? filter.value}”`);
        break;
      case 'sourcing':
        parts.push(filter.value === 'none' ? 'without a sourcing level' : `with ${SOURCING_LABELS[filter.value] ?? filter.value}`);
        break;
    }
  }
  const date = dateWords(state);
  if (date) parts.push(date);
  return parts.length ? ` ${parts.join(', ')}` : '';
}

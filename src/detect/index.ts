/**
 * detect(text, watchlist) → actors and claims. Pure: no DOM, no extension API.
 * This first version finds watchlist actors only; claims come with the detection engine.
 */
import type { Detections, Mention, WatchlistEntry } from './types';
import { DEFAULT_WATCHLIST } from './watchlist';

export type { Claim, Detections, Mention, WatchlistEntry, ActorType } from './types';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface CompiledWatchlist {
  pattern: RegExp;
  byForm: Map<string, WatchlistEntry>;
}

const compiled = new WeakMap<readonly WatchlistEntry[], CompiledWatchlist>();

function compile(watchlist: readonly WatchlistEntry[]): CompiledWatchlist {
  const cached = compiled.get(watchlist);
  if (cached) return cached;
  const byForm = new Map<string, WatchlistEntry>();
  for (const entry of watchlist) {
    for (const form of [entry.name, ...entry.aliases]) if (form && !byForm.has(form)) byForm.set(form, entry);
  }
  // Longest forms first, so "North Korea" wins over a shorter alias at the same place.
  const forms = [...byForm.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  // Word boundaries by Unicode letters and digits, so "US" is not found inside "USB" or "Russia".
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const result = { pattern, byForm };
  compiled.set(watchlist, result);
  return result;
}

export function findWatchlistMentions(text: string, watchlist: readonly WatchlistEntry[]): Mention[] {
  if (watchlist.length === 0 || text.length === 0) return [];
  const { pattern, byForm } = compile(watchlist);
  const mentions: Mention[] = [];
  for (const match of text.matchAll(pattern)) {
    const entry = byForm.get(match[0]);
    if (!entry || match.index === undefined) continue;
    mentions.push({
      start: match.index,
      end: match.index + match[0].length,
      text: match[0],
      type: entry.type,
      canonical: entry.name,
    });
  }
  return mentions;
}

export function detect(text: string, watchlist: readonly WatchlistEntry[] = DEFAULT_WATCHLIST): Detections {
  return { actors: findWatchlistMentions(text, watchlist), claims: [] };
}

/**
 * Watchlist matching over tokens: every name, alias and demonym is tokenized the same way as
 * the article, and looked up by its first token, longest form first. Compiled once per
 * watchlist array (a WeakMap keeps it while the array lives).
 */
import { tokenize, type Token } from './tokens';
import type { WatchlistEntry } from './types';

export interface FormHit {
  entry: WatchlistEntry;
  demonym: boolean;
  /** Number of tokens the form spans. */
  length: number;
}

export interface CompiledWatchlist {
  /** first token text → forms starting with it, longest first. */
  exact: Map<string, { key: string; hit: FormHit }[]>;
  /** The same keyed by upper case, for all-caps headlines ("MOSCOW SAYS ..."). */
  upper: Map<string, { key: string; hit: FormHit }[]>;
}

const cache = new WeakMap<readonly WatchlistEntry[], CompiledWatchlist>();

function formTokens(form: string): string[] {
  return tokenize(form).map((t) => t.text);
}

export function compileWatchlist(watchlist: readonly WatchlistEntry[]): CompiledWatchlist {
  const cached = cache.get(watchlist);
  if (cached) return cached;
  const exact = new Map<string, { key: string; hit: FormHit }[]>();
  const upper = new Map<string, { key: string; hit: FormHit }[]>();
  const seen = new Set<string>();
  const add = (form: string, entry: WatchlistEntry, demonym: boolean) => {
    const toks = formTokens(form);
    if (toks.length === 0) return;
    const key = toks.join(' ');
    // Earlier entries win a shared form (mergeWatchlist puts the reader's entries first).
    if (seen.has(key)) return;
    seen.add(key);
    const hit: FormHit = { entry, demonym, length: toks.length };
    for (const [map, k, first] of [
      [exact, key, toks[0]!],
      [upper, key.toUpperCase(), toks[0]!.toUpperCase()],
    ] as const) {
      const list = map.get(first) ?? [];
      list.push({ key: k, hit });
      list.sort((a, b) => b.hit.length - a.hit.length);
      map.set(first, list);
    }
  };
  for (const entry of watchlist) {
    add(entry.name, entry, false);
    for (const alias of entry.aliases) add(alias, entry, false);
  }
  for (const entry of watchlist) for (const d of entry.demonyms ?? []) add(d, entry, true);
  const compiled = { exact, upper };
  cache.set(watchlist, compiled);
  return compiled;
}

/** The longest watchlist form starting at token i (not crossing `limit`), or null. */
export function matchAt(
  compiled: CompiledWatchlist,
  tokens: readonly Token[],
  i: number,
  limit: number,
  caseless: boolean,
): FormHit | null {
  const first = tokens[i];
  if (!first) return null;
  const map = caseless ? compiled.upper : compiled.exact;
  const list = map.get(caseless ? first.text.toUpperCase() : first.text);
  if (!list) return null;
  for (const { key, hit } of list) {
    if (i + hit.length > limit) continue;
    let k = '';
    for (let j = i; j < i + hit.length; j++) {
      const t = tokens[j]!;
      // Forms are single-spaced; the text must not have a line break or gap inside a name.
      if (j > i && t.start - tokens[j - 1]!.end > 1) {
        k = '';
        break;
      }
      k += (j > i ? ' ' : '') + (caseless ? t.text.toUpperCase() : t.text);
    }
    if (k === key) return hit;
  }
  return null;
}

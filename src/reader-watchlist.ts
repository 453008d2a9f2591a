/**
 * The reader's watchlist: their edits as stored in `storage.local`, read leniently (an edit
 * that no longer reads is dropped, not fatal) and merged over the default list. Kept out of
 * src/settings.ts so the content script never bundles the watchlist data.
 */
import { DEFAULT_WATCHLIST, mergeWatchlist, parseWatchlistEdits, type WatchlistEdit } from './detect/watchlist';
import type { WatchlistEntry } from './detect/types';

export function readWatchlistEdits(raw: unknown): WatchlistEdit[] {
  if (!Array.isArray(raw)) return [];
  const edits: WatchlistEdit[] = [];
  for (const item of raw) {
    try {
      edits.push(...parseWatchlistEdits(JSON.stringify([item])));
    } catch {
      // One unreadable edit (from an older version, or hand-edited storage) must not cost the rest.
    }
  }
  return edits;
}

/** Merged lists by edits array, so every message reuses one list (and detect() its compiled form). */
const merged = new WeakMap<readonly WatchlistEdit[], WatchlistEntry[]>();

export function readerWatchlist(edits: readonly WatchlistEdit[]): readonly WatchlistEntry[] {
  if (edits.length === 0) return DEFAULT_WATCHLIST;
  let list = merged.get(edits);
  if (!list) {
    list = mergeWatchlist(DEFAULT_WATCHLIST, edits);
    merged.set(edits, list);
  }
  return list;
}

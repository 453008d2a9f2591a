/**
 * detect(text, watchlist) → actors and claims. Pure: no DOM, no extension API. The same
 * function serves the content script (through the background), the command line and the
 * evaluation.
 *
 * Pipeline: tokens → sentences → actor spans (watchlist + capitalised phrases) → canonical
 * names → claims (reporting cues, speakers, sourcing, hedges).
 */
import { buildContext, findActorSpans } from './actors';
import { findClaims } from './claims';
import { resolveMentions } from './coref';
import { compileWatchlist } from './matcher';
import { compileCueEdits, type CueEdits } from './reader-cues';
import { splitSentences } from './sentences';
import { trailingChromeStart } from './chrome';
import { creditLineRanges } from './credit-lines';
import { tokenize } from './tokens';
import type { Detections, WatchlistEntry } from './types';
import { DEFAULT_WATCHLIST } from './watchlist';
import type { DetectionModels } from './detection-models';
import { findActorSpansLearned } from './learned-actors';
import { findClaimsLearned } from './learned-claims';

export type { Claim, Detections, Mention, WatchlistEntry, ActorType } from './types';
export type { CueEdits, ReaderCue } from './reader-cues';
export type { DetectionModels } from './detection-models';
export { DEFAULT_WATCHLIST, mergeWatchlist, parseWatchlistEdits, type WatchlistEdit } from './watchlist';

/**
 * `cues`: the reader's added and removed claim cues (see reader-cues.ts); none by default.
 * `models`: the trained taggers (detection-models.ts); without them, the hand-written rules.
 */
export function detect(text: string, watchlist: readonly WatchlistEntry[] = DEFAULT_WATCHLIST, cues?: CueEdits, models?: DetectionModels): Detections {
  if (typeof text !== 'string' || text.length === 0) return { actors: [], claims: [] };
  const tokens = tokenize(text);
  // Short unpunctuated lines after the last paragraph of prose ("Next Article", teaser
  // headlines, "Leave a Comment") are page furniture, not the story: nothing there is read.
  const cut = trailingChromeStart(text, tokens);
  const body = cut < tokens.length ? tokens.slice(0, cut) : tokens;
  const sentences = splitSentences(text, body);
  const watch = compileWatchlist(watchlist);
  const ctx = buildContext(text, body, sentences, watch);
  const spans = models?.actors ? findActorSpansLearned(ctx, sentences, models.actors, watchlist) : findActorSpans(ctx, sentences);
  const actors = resolveMentions(text, body, spans);
  const table = cues && (cues.added.length || cues.removed.length) ? compileCueEdits(cues) : undefined;
  const claims = models?.claims ? findClaimsLearned(ctx, sentences, spans, actors, models.claims, table) : findClaims(ctx, sentences, spans, actors, table);
  // Credits and bylines are read (they help the tagger and coreference) but never highlighted.
  const credits = creditLineRanges(text);
  if (credits.length === 0) return { actors, claims };
  const inCredit = (x: { start: number; end: number }) => credits.some((c) => x.start < c.end && x.end > c.start);
  return { actors: actors.filter((a) => !inCredit(a)), claims: claims.filter((c) => !inCredit(c)) };
}

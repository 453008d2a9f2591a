/**
 * Actor spans from the trained tagger, then the watchlist on top: a form the reader added is
 * always found, with the reader's type; a built-in entry (countries, known people) replaces
 * what the model found at the same place unless the model's name is longer and holds it
 * ("Bank of England"). Demonyms come from the watchlist only: the model calls them MISC.
 * Two rules stay because they measurably help: title words are never inside a name, and a
 * month or weekday alone is never an actor.
 */
import type { ActorSpan, ArticleContext } from './actors';
import { type ActorTagger, TAG_TYPE, watchlistIndex } from './actor-tagger';
import { MONTHS, WEEKDAYS } from './lexicon';
import { matchAt } from './matcher';
import { TITLE_WORDS } from './names';
import type { Sentence } from './sentences';
import { isAllCaps } from './tokens';
import type { WatchlistEntry } from './types';
import { DEFAULT_WATCHLIST } from './watchlist';

const DEFAULTS = new Set<WatchlistEntry>(DEFAULT_WATCHLIST);

export function findActorSpansLearned(
  ctx: ArticleContext,
  sentences: readonly Sentence[],
  tagger: ActorTagger,
  watchlist: readonly WatchlistEntry[],
): ActorSpan[] {
  const { tokens } = ctx;
  const words = sentences.map((s) => tokens.slice(s.first, s.last).map((t) => t.text));
  const tagged = tagger.tag(words, watchlistIndex(watchlist));
  const spans: ActorSpan[] = [];
  sentences.forEach((s, k) => {
    const fromModel: ActorSpan[] = [];
    for (const span of tagged[k]!) {
      const type = TAG_TYPE[span.tag];
      if (!type) continue;
      let first = s.first + span.first;
      const last = s.first + span.last;
      let titled = false;
      while (first < last - 1 && TITLE_WORDS.has(tokens[first]!.text.toLowerCase()) && type === 'person') {
        first++;
        titled = true;
      }
      if (last - first === 1) {
        const l = tokens[first]!.text.toLowerCase().replace(/\.$/, '');
        if (MONTHS.has(l) || WEEKDAYS.has(l)) continue;
      }
      fromModel.push({ first, last, type, confidence: 'rule', titled: titled || undefined });
    }
    // The watchlist, longest form first at each token; all-caps lines are matched caselessly.
    const caps = words[k]!.filter((w) => /\p{L}/u.test(w)).every((w) => isAllCaps(w));
    const fromWatch: ActorSpan[] = [];
    for (let i = s.first; i < s.last; i++) {
      if (!tokens[i]!.word) continue;
      const hit = matchAt(ctx.watch, tokens, i, s.last, caps);
      if (!hit) continue;
      fromWatch.push({ first: i, last: i + hit.length, type: hit.entry.type, confidence: 'watchlist', entry: hit.entry, demonym: hit.demonym || undefined });
      i += hit.length - 1;
    }
    const kept = fromModel.filter((m) => {
      return !fromWatch.some((w) => {
        if (w.last <= m.first || w.first >= m.last) return false;
        const reader = !DEFAULTS.has(w.entry!);
        const modelHoldsIt = m.first <= w.first && m.last >= w.last && m.last - m.first > w.last - w.first;
        return reader || !modelHoldsIt;
      });
    });
    const watched = fromWatch.filter((w) => {
      if (!DEFAULTS.has(w.entry!)) return true;
      // A demonym inside a model name ("the Russian Foreign Ministry") belongs to that name.
      return !kept.some((m) => m.first <= w.first && m.last >= w.last);
    });
    spans.push(...[...kept, ...watched].sort((a, b) => a.first - b.first));
  });
  return spans;
}

/**
 * Actor spans from the trained tagger, then the watchlist on top: a form the reader added is
 * always found, with the reader's type; a built-in entry (countries, known people) replaces
 * what the model found at the same place unless the model's name is longer and holds it
 * ("Bank of England"). Demonyms come from the watchlist only: the model calls them MISC.
 * Rules stay where they measurably help (news dev gold and the seeds; CoNLL valid unchanged):
 * - title words are never inside a name, and a span of title words alone ("National Security
 *   Adviser") is no actor; "Mr", "Ms", "Dr" before a name make it a person;
 * - a month or weekday alone is never an actor;
 * - in a headline a name stops at a possessive ("Washington’s Stance" is "Washington");
 * - "Jr."/"Sr."/"II"/"III" after a person's name belong to it; an organisation's name runs on
 *   through "of", "for", "on" and capitalised words ("House Select Committee on Intelligence");
 * - words inside a web address or after @ or # (tweets' links and handles) are not names;
 * - in a title-case headline, where capitals say little, the watchlist wins over the model, and
 *   a lone word is kept only if it is a known name or the article capitalises it in prose.
 */
import type { ActorSpan, ArticleContext } from './actors';
import { type ActorTagger, TAG_TYPE, watchlistIndex } from './actor-tagger';
import { FUNCTION_WORDS, MONTHS, WEEKDAYS, lexClasses } from './lexicon';
import { matchAt } from './matcher';
import { TITLE_WORDS } from './names';
import type { Sentence } from './sentences';
import { type Token, isAllCaps } from './tokens';
import type { WatchlistEntry } from './types';
import { DEFAULT_WATCHLIST } from './watchlist';

const DEFAULTS = new Set<WatchlistEntry>(DEFAULT_WATCHLIST);
const PERSON_TITLES = new Set(['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'sir', 'dame', 'lord', 'lady', 'prof', 'prof.']);
const NAME_SUFFIXES = new Set(['jr.', 'jr', 'sr.', 'sr', 'ii', 'iii', 'iv']);
const POSSESSIVE = /^['’]s?$/;

const ORG_LINKS = new Set(['of', 'for', 'on']);

/**
 * "House Select Committee" + "on Intelligence", "Office" + "for the Western District of New
 * York": a body's name runs on through of/for/on and capitalised words, which a tagger trained
 * on wire copy often cuts. Returns the new end (exclusive).
 */
function extendOrgName(tokens: readonly Token[], last: number, limit: number): number {
  let end = last;
  for (;;) {
    let i = end;
    if (i >= limit || !ORG_LINKS.has(tokens[i]!.text)) return end;
    i++;
    if (i < limit && tokens[i]!.text === 'the') i++;
    const runStart = i;
    while (i < limit && /^\p{Lu}/u.test(tokens[i]!.text) && !FUNCTION_WORDS.has(tokens[i]!.text.toLowerCase()) && !MONTHS.has(tokens[i]!.text.toLowerCase()) && !WEEKDAYS.has(tokens[i]!.text.toLowerCase())) i++;
    if (i === runStart) return end;
    end = i;
  }
}

/** Title case with few function words and no closing stop: a headline, not prose. */
function isTitleCaseLine(words: readonly string[]): boolean {
  // Most sentences end with a full stop: settled without looking at their words.
  if (/[.!?"”]$/.test(words[words.length - 1] ?? '')) return false;
  let long = 0;
  let caps = 0;
  for (const w of words) {
    if (w.length <= 3 || FUNCTION_WORDS.has(w.toLowerCase())) continue;
    long++;
    if (/^\p{Lu}/u.test(w)) caps++;
  }
  // Result tables ("Somerset 4 Kent 2") are title case too, but carry figures.
  return long >= 3 && caps / long > 0.8 && !/[.!?"”]$/.test(words[words.length - 1] ?? '') && !words.some((w) => /\d/.test(w));
}

export function findActorSpansLearned(
  ctx: ArticleContext,
  sentences: readonly Sentence[],
  tagger: ActorTagger,
  watchlist: readonly WatchlistEntry[],
): ActorSpan[] {
  const { tokens } = ctx;
  const words = sentences.map((s) => tokens.slice(s.first, s.last).map((t) => t.text));
  const tagged = tagger.tag(words, watchlistIndex(watchlist));
  const { text } = ctx;
  // Words capitalised in the article's running prose: a lone headline word must be one of them
  // or a known name, since a headline capitalises everything.
  const headlines = words.map(isTitleCaseLine);
  const proseCaps = new Set<string>();
  sentences.forEach((s, k) => {
    if (headlines[k]) return;
    for (let i = s.first + 1; i < s.last; i++) if (/^\p{Lu}/u.test(tokens[i]!.text)) proseCaps.add(tokens[i]!.text.toLowerCase());
  });
  const spans: ActorSpan[] = [];
  sentences.forEach((s, k) => {
    const headline = headlines[k]!;
    const fromModel: ActorSpan[] = [];
    for (const span of tagged[k]!) {
      let type = TAG_TYPE[span.tag];
      if (!type) continue;
      let first = s.first + span.first;
      let last = s.first + span.last;
      if (tokens.slice(first, last).every((t) => TITLE_WORDS.has(t.text.toLowerCase()))) continue;
      let titled = false;
      if (PERSON_TITLES.has(tokens[first]!.text.toLowerCase())) type = 'person';
      // Only a person's span loses its title words: "General Motors" and "State Department" keep theirs.
      while (type === 'person' && first < last - 1 && TITLE_WORDS.has(tokens[first]!.text.toLowerCase())) {
        first++;
        titled = true;
      }
      // In a headline a possessive is followed by any capitalised noun; in prose "People’s Liberation Army" is one name.
      for (let i = first + 1; i < last && headline; i++) {
        if (POSSESSIVE.test(tokens[i]!.text)) {
          last = i;
          break;
        }
      }
      if (type === 'organization') last = extendOrgName(tokens, last, s.last);
      if (type === 'person' && last < s.last && NAME_SUFFIXES.has(tokens[last]!.text.toLowerCase()) && tokens[last]!.start - tokens[last - 1]!.end <= 2) last++;
      if (last - first === 1) {
        const l = tokens[first]!.text.toLowerCase().replace(/\.$/, '');
        if (MONTHS.has(l) || WEEKDAYS.has(l)) continue;
      }
      const before = text[tokens[first]!.start - 1];
      const after = text[tokens[last - 1]!.end];
      if (before === '/' || before === '@' || before === '#' || after === '/') continue;
      if (headline && last - first === 1) {
        const l = tokens[first]!.text.toLowerCase();
        const known = lexClasses(l).some((c) => c !== 'common') || tagger.gazetteer.has(l);
        if (!known && !proseCaps.has(l)) continue;
      }
      // A lone word is a guess that a full name elsewhere in the article may correct (coref.ts).
      fromModel.push({ first, last, type, confidence: last - first > 1 || titled ? 'rule' : 'guess', titled: titled || undefined });
    }
    // An organisation's name that ran on may now hold the next span ("... of New York").
    for (let j = fromModel.length - 1; j > 0; j--) {
      const a = fromModel[j - 1]!;
      const b = fromModel[j]!;
      if (b.first < a.last) fromModel.splice(j, 1);
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
        // "Bank of England" holds a place but is a bank; "Key Security Council" only stretches a known name.
        const modelHoldsIt = m.first <= w.first && m.last >= w.last && m.last - m.first > w.last - w.first && m.type !== w.type;
        return reader || headline || !modelHoldsIt;
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

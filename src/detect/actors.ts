/**
 * Finds actor mentions: watchlist forms first, then capitalised phrases classified by what the
 * words are (compromise's name lexicon, title words, organisation and place head words) and
 * by the words around them. Corrects compromise's known weaknesses: hyphenated names stay whole
 * (the tokenizer keeps "Jong-un"), titles are cut off the name, months, weekdays and compass
 * words are never people, and all-caps acronyms ("TASS") are organisations.
 */
import { FUNCTION_WORDS, MONTHS, WEEKDAYS, hasClass, isCommonWord, lexClasses } from './lexicon';
import { isCueWord } from './cues';
import { type CompiledWatchlist, matchAt } from './matcher';
import {
  COMPASS, EVENT_HEADS, LOWER_PERSON_CUES, NAME_CONNECTORS, ORG_FIRSTS, ORG_HEADS, PLACE_HEADS, PLACE_PREPOSITIONS, TITLE_HEADS, TITLE_WORDS,
} from './names';
import type { Sentence } from './sentences';
import { type Token, isAllCaps, isCapitalized } from './tokens';
import type { ActorType, WatchlistEntry } from './types';

/** How sure we are of a span's type; coreference lets surer spans overrule guesses. */
export type Confidence = 'watchlist' | 'rule' | 'guess';

export interface ActorSpan {
  /** Token range [first, last). */
  first: number;
  last: number;
  type: ActorType;
  confidence: Confidence;
  entry?: WatchlistEntry;
  demonym?: boolean;
  /** A title stood right before the name ("President"), so it is surely a person. */
  titled?: boolean;
}

/** What the whole article tells us about words, gathered before spans are classified. */
export interface ArticleContext {
  text: string;
  tokens: readonly Token[];
  watch: CompiledWatchlist;
  /** Lowercase forms of words seen capitalised in mid-sentence. */
  midCaps: Set<string>;
  /** Words seen in lower case somewhere: a sentence-initial "Stakeholders" is then a common word. */
  lowerSeen: Set<string>;
  /** Last names of "Firstname Lastname" pairs in the article: alone later, they are that person. */
  surnames: Set<string>;
  /**
   * Not English (German capitalises every noun, for one): capitals say nothing, so only known
   * names are taken, as in a headline.
   */
  foreign: boolean;
}

type Mode = 'normal' | 'headline' | 'shouting';

const OF_HEADS = new Set([...ORG_HEADS, ...PLACE_HEADS, ...ORG_FIRSTS, ...TITLE_HEADS, 'united', 'states', 'kingdom', 'republic', 'people', 'house', 'cape', 'duke', 'earl', 'church', 'order', 'friends', 'sons', 'daughters', 'knights', 'ministry', 'chamber', 'port', 'isle']);
/** Holidays are named days, not actors. */
const HOLIDAYS = new Set(['christmas', 'easter', 'ramadan', 'eid', 'thanksgiving', 'hanukkah', 'diwali', 'halloween', 'passover', 'yom', 'lent', 'advent']);
/** Common English words; a text with almost none of them is not English (see `foreign`). */
const ENGLISH_MARKERS = new Set(['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'was', 'with', 'on', 'as', 'it', 'by', 'are', 'this', 'be', 'from', 'at', 'has', 'have', 'said', 'he', 'she', 'they', 'not', 'but', 'an', 'or', 'which', 'will', 'would']);

function sentenceMode(tokens: readonly Token[], s: Sentence): Mode {
  let words = 0;
  let caps = 0;
  let upper = 0;
  for (let i = s.first; i < s.last; i++) {
    const t = tokens[i]!;
    if (!t.word || !/\p{L}/u.test(t.text)) continue;
    words++;
    if (isAllCaps(t.text) && t.text.length > 1) upper++;
    if (isCapitalized(t.text) && !FUNCTION_WORDS.has(t.text.toLowerCase())) caps++;
  }
  if (words >= 2 && upper / words > 0.6) return 'shouting';
  // A title-case headline: most content words capitalised and no full stop, so capitals say nothing.
  const endsWithStop = tokens[s.last - 1]?.text === '.';
  if (words >= 4 && caps / words > 0.7 && !endsWithStop) return 'headline';
  // A short label line ("Opinion", "Reaction", "Related Coverage"): only known names.
  if (words <= 3 && !/[.!?:;"”)]$/.test(tokens[s.last - 1]?.text ?? '') && caps === words) return 'headline';
  return 'normal';
}

export function buildContext(text: string, tokens: readonly Token[], sentences: readonly Sentence[], watch: CompiledWatchlist): ArticleContext {
  const midCaps = new Set<string>();
  const lowerSeen = new Set<string>();
  for (const s of sentences) {
    if (sentenceMode(tokens, s) !== 'normal') continue;
    let first = true;
    for (let i = s.first; i < s.last; i++) {
      const t = tokens[i]!;
      if (!t.word) continue;
      if (!first && isCapitalized(t.text)) midCaps.add(t.text.toLowerCase());
      else if (!isCapitalized(t.text)) lowerSeen.add(t.text);
      first = false;
    }
  }
  // "Bob Dole" makes a later "Dole" a person, even though "dole" is also an ordinary word.
  const surnames = new Set<string>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (a.word && b.word && isCapitalized(a.text) && isCapitalized(b.text) && !isAllCaps(b.text) && b.start - a.end === 1) {
      const first = a.text.toLowerCase();
      const before = tokens[i - 1];
      // The pair must open the name ("Bob Dole"), not end a longer one ("South Carolina Republican").
      const opens = !before || !before.word || !isCapitalized(before.text);
      const last = b.text.toLowerCase();
      if (opens && hasClass(first, 'first') && !hasClass(first, 'place') && !FUNCTION_WORDS.has(first) && !hasClass(last, 'place')) surnames.add(last);
    }
  }
  let wordCount = 0;
  let english = 0;
  for (const t of tokens) {
    if (!t.word) continue;
    wordCount++;
    if (ENGLISH_MARKERS.has(t.text.toLowerCase())) english++;
  }
  const foreign = wordCount >= 30 && english / wordCount < 0.08;
  return { text, tokens, watch, midCaps, lowerSeen, surnames, foreign };
}

const lower = (t: Token | undefined) => (t ? t.text.toLowerCase() : '');

/** A capitalised word that may belong to a name (not a month, weekday or closed-class word). */
function nameWord(t: Token): boolean {
  if (!t.word || !isCapitalized(t.text)) return false;
  // "I'll", "We're": contractions of function words.
  const l = t.text.toLowerCase().replace(/['\u2019](?:ll|m|re|ve|d|s|t)$/, '');
  // A lone capital letter ("E", a list marker) and party tags ("R-Neb.", "D-N.Y.") are not names.
  if (/^\p{Lu}$/u.test(t.text) || /^[RDI]-\p{Lu}/u.test(t.text)) return false;
  if (MONTHS.has(l.replace(/\.$/, '')) || WEEKDAYS.has(l)) return false;
  if (FUNCTION_WORDS.has(l) && l !== 'us') return false;
  return /\p{L}/u.test(t.text);
}

function knownName(lowerText: string): boolean {
  return lexClasses(lowerText).some((c) => c !== 'common' && c !== 'month' && c !== 'weekday');
}

/** Is this sentence-initial capitalised word just an ordinary word? */
function initialIsCommon(t: Token, ctx: ArticleContext): boolean {
  const l = t.text.toLowerCase();
  if (ctx.surnames.has(l)) return false;
  if (FUNCTION_WORDS.has(l)) return true;
  if (ctx.lowerSeen.has(l)) return true;
  if (isCommonWord(l)) return true;
  // "Officials", "Analysts", "Rumors": plural person nouns and -ly/-ing forms start sentences.
  if (!knownName(l) && !ctx.midCaps.has(l) && /(?:ly|ing|ed)$/.test(l)) return true;
  return false;
}

export function findActorSpans(ctx: ArticleContext, sentences: readonly Sentence[]): ActorSpan[] {
  const spans: ActorSpan[] = [];
  for (const s of sentences) {
    let mode = sentenceMode(ctx.tokens, s);
    if (ctx.foreign && mode === 'normal') mode = 'headline';
    if (mode === 'shouting') findInShouting(ctx, s, spans);
    else findInSentence(ctx, s, mode, spans);
  }
  for (const span of spans) {
    if (isTeamByResult(ctx.tokens, span)) {
      span.type = 'organization';
    }
  }
  return spans;
}

const MATCH_VERBS = new Set(['beat', 'beats', 'defeated', 'drew', 'draw', 'lost', 'won', 'v', 'vs', 'vs.', 'against', 'edged', 'thrashed', 'routed', 'hammered', 'host', 'hosts', 'hosted']);

/**
 * Clubs are named after their towns: in sports results ("Leeds 2 Chelsea 1", "Somerset beat
 * Kent") a city or county is the team, an organisation. Countries stay places (national sides
 * are reported as their country).
 */
function isTeamByResult(tokens: readonly Token[], span: ActorSpan): boolean {
  if (span.type !== 'place' || span.demonym || span.entry?.demonyms !== undefined) return false;
  const next = tokens[span.last];
  const prev = tokens[span.first - 1];
  if (next && /^\d{1,3}$/.test(next.text)) {
    const after = tokens[span.last + 1];
    if (!after || !after.word || isCapitalized(after.text)) return true;
  }
  return (prev !== undefined && MATCH_VERBS.has(prev.text.toLowerCase())) || (next !== undefined && MATCH_VERBS.has(next.text.toLowerCase()) && next.text !== 'against');
}

/** All-caps text: capitals carry no signal, so only watchlist forms and lexicon names count. */
function findInShouting(ctx: ArticleContext, s: Sentence, out: ActorSpan[]): void {
  const { tokens } = ctx;
  for (let i = s.first; i < s.last; i++) {
    const t = tokens[i]!;
    if (!t.word) continue;
    const hit = matchAt(ctx.watch, tokens, i, s.last, true);
    if (hit) {
      out.push({ first: i, last: i + hit.length, type: hit.entry.type, confidence: 'watchlist', entry: hit.entry, demonym: hit.demonym });
      i += hit.length - 1;
      continue;
    }
    // Multi-word lexicon names first ("NEW YORK"), then single words.
    let done = false;
    for (let n = 3; n >= 2 && !done; n--) {
      if (i + n > s.last || !tokens.slice(i, i + n).every((x) => x.word)) continue;
      const type = lexiconType(tokens.slice(i, i + n).map((x) => x.text.toLowerCase()).join(' '));
      if (type) {
        out.push({ first: i, last: i + n, type, confidence: 'rule' });
        i += n - 1;
        done = true;
      }
    }
    if (done) continue;
    const l = t.text.toLowerCase();
    if (FUNCTION_WORDS.has(l) || isCommonWord(l)) continue;
    const type = lexiconType(l);
    if (type) out.push({ first: i, last: i + 1, type, confidence: 'rule' });
  }
}

function lexiconType(l: string): ActorType | null {
  const c = lexClasses(l);
  if (c.includes('common')) return null;
  if (c.includes('place')) return 'place';
  if (c.includes('org') || c.includes('team')) return 'organization';
  if (c.includes('person') || c.includes('last') || c.includes('first')) return 'person';
  return null;
}

function findInSentence(ctx: ArticleContext, s: Sentence, mode: Mode, out: ActorSpan[]): void {
  const { tokens } = ctx;
  // The first word token of the sentence, after opening quotes or brackets.
  let initial = s.first;
  while (initial < s.last && !tokens[initial]!.word) initial++;
  let i = s.first;
  while (i < s.last) {
    const t = tokens[i]!;
    // Watchlist forms are found wherever they are, capitalised or not.
    if (!nameWord(t)) {
      const hit = t.word ? matchAt(ctx.watch, tokens, i, s.last, false) : null;
      if (hit) {
        out.push({ first: i, last: i + hit.length, type: hit.entry.type, confidence: 'watchlist', entry: hit.entry, demonym: hit.demonym });
        i += hit.length;
      } else i++;
      continue;
    }
    // In a title-case headline a capitalised verb of saying is not part of a name:
    // "Sanders Calls Clinton Unqualified", "Absent Trump Derides Debate".
    if (mode === 'headline' && isCueWord(t.text.toLowerCase())) {
      i++;
      continue;
    }
    // Grow a run of name words, allowing particles between them ("Bank of England").
    let j = i + 1;
    while (j < s.last) {
      const n = tokens[j]!;
      if (mode === 'headline' && isCueWord(n.text.toLowerCase())) break;
      if (nameWord(n) && n.start - tokens[j - 1]!.end <= 1) {
        j++;
        continue;
      }
      const after = tokens[j + 1];
      if (NAME_CONNECTORS.has(n.text) && after && nameWord(after) && !FUNCTION_WORDS.has(n.text)) {
        j += 2;
        continue;
      }
      // "of" joins only where the first part asks for it: "Bank of England", "Secretary of State",
      // "Gulf of Mexico" — not "Mitch McConnell of Kentucky".
      if (n.text === 'of' && after && nameWord(after) && OF_HEADS.has(tokens[j - 1]!.text.toLowerCase())) {
        j += 2;
        continue;
      }
      break;
    }
    // A watchlist form may go on past the capitals ("Western governments", "Friends of the
    // Earth"): the reader listed it, so it is found whole.
    const listed = matchAt(ctx.watch, tokens, i, s.last, false);
    if (listed && i + listed.length > j) {
      out.push({ first: i, last: i + listed.length, type: listed.entry.type, confidence: 'watchlist', entry: listed.entry, demonym: listed.demonym });
      i += listed.length;
      continue;
    }
    let first = i;
    // Ordinary words capitalised only because they open the sentence.
    while (first === initial && first < j && initialIsCommon(tokens[first]!, ctx) && !startsKnownName(ctx, first, j)) {
      first++;
      while (first < j && !nameWord(tokens[first]!)) first++;
      initial = -1;
    }
    if (first < j) classifyRun(ctx, first, j, first === initial, mode, out);
    i = j;
  }
}

// A lone unknown capitalised word that no full name in the article explains: in news, people are
// introduced by their full name first, so what remains is more often a company, team or body.
const SINGLE_DEFAULT: ActorType = 'organization';
/** Capitalised abbreviations that are units, times, measures or things, not actors. */
const NOT_ACTOR_ACRONYMS = new Set(
  'GMT UTC EDT EST PST CET BST AM PM GDP GNP CPI PPI TV PC DNA HIV AIDS CEO CFO COO IPO EPS VAT OK ID PR AI IT GPS SMS USB PDF CD DVD FM AM ATM RBI PS BC AD KM KG MW OPEC'.split(' ').filter((a) => a !== 'OPEC'),
);
/** Suffixes of abstract nouns, which never end a person's name ("Amendment", "Socialism"). */
const ABSTRACT_NOUN = /(?:ment|tion|sion|ism|ity|ness|ance|ence|ship|hood)$/;
const ADJECTIVE_LIKE = /(?:ian|ean|ese|ish|ic|ical|ist|ists|ans|ians|eans|ites|ite|i|ism)$/;

/** Does a watchlist form or a multi-word lexicon name ("New York") start at token i? */
function startsKnownName(ctx: ArticleContext, i: number, end: number): boolean {
  if (matchAt(ctx.watch, ctx.tokens, i, end, false)) return true;
  for (let n = Math.min(3, end - i); n >= 2; n--) {
    if (lexiconType(ctx.tokens.slice(i, i + n).map((t) => t.text.toLowerCase()).join(' '))) return true;
  }
  return false;
}

/** Nationality words ("Iraqi", "Serbs") and ordinary vocabulary are not actors when alone. */
function notAloneName(l: string, ctx: ArticleContext): boolean {
  if (isCommonWord(l) || ctx.lowerSeen.has(l)) return true;
  return hasClass(l, 'demonym') || (l.endsWith('s') && hasClass(l.slice(0, -1), 'demonym'));
}

function isAcronym(text: string): boolean {
  const bare = text.replace(/\./g, '');
  return bare.length >= 2 && bare.length <= 6 && isAllCaps(bare) && /^\p{L}+$/u.test(bare);
}

/** Classifies one capitalised run [a, b): whole-run rules, then titles, then watchlist pieces. */
function classifyRun(ctx: ArticleContext, a: number, b: number, atInitial: boolean, mode: Mode, out: ActorSpan[]): void {
  const { tokens } = ctx;
  // The whole run as a watchlist form ("U.S. Department of State", "Kim Jong-un").
  const whole = matchAt(ctx.watch, tokens, a, b, false);
  if (whole && whole.length === b - a) {
    out.push({ first: a, last: b, type: whole.entry.type, confidence: 'watchlist', entry: whole.entry, demonym: whole.demonym });
    return;
  }
  const lastL = lower(tokens[b - 1]);
  const firstL = lower(tokens[a]);
  // "Liberation Day", "World Cup", "Minsk Agreement": events and texts, not actors.
  if (b - a >= 2 && EVENT_HEADS.has(lastL)) return;
  // "Defense Ministry", "Bank of England", "Leicestershire County Cricket Club".
  if (b - a >= 2 && (ORG_HEADS.has(lastL) || (ORG_FIRSTS.has(firstL) && lower(tokens[a + 1]) === 'of'))) {
    out.push({ first: a, last: b, type: 'organization', confidence: 'rule' });
    return;
  }
  // "Denzel Washington", "Paris Hilton"-like pairs: a given name then a place-named surname.
  if (b - a === 2 && hasClass(firstL, 'first') && !hasClass(firstL, 'place') && !matchAt(ctx.watch, tokens, a, a + 1, false)) {
    const hit = matchAt(ctx.watch, tokens, a + 1, b, false);
    if (hit && hit.entry.type === 'place' && !hit.demonym && hit.entry.demonyms === undefined) {
      out.push({ first: a, last: b, type: 'person', confidence: 'rule' });
      return;
    }
  }
  // Titles: "North Korean Defense Minister Kang Sun-nam" → demonym, then the person.
  let titleEnd = -1;
  for (let k = a; k < b - 1; k++) {
    const l = lower(tokens[k]);
    if (TITLE_HEADS.has(l)) titleEnd = k + 1;
    else if (!TITLE_WORDS.has(l) && l !== 'of' && !matchAt(ctx.watch, tokens, k, b, false)) {
      // A name word that is not part of a title: the title, if any, ended before it.
      if (titleEnd !== -1) break;
    }
  }
  if (titleEnd !== -1 && titleEnd < b) {
    let nameStart = titleEnd;
    while (nameStart < b && (TITLE_WORDS.has(lower(tokens[nameStart])) || NAME_CONNECTORS.has(tokens[nameStart]!.text))) nameStart++;
    emitPieces(ctx, a, titleEnd, false, mode, out, true);
    if (nameStart < b) {
      const hit = matchAt(ctx.watch, tokens, nameStart, b, false);
      if (hit && hit.length === b - nameStart) {
        out.push({ first: nameStart, last: b, type: hit.entry.type, confidence: 'watchlist', entry: hit.entry, titled: true });
      } else out.push({ first: nameStart, last: b, type: 'person', confidence: 'rule', titled: true });
    }
    return;
  }
  emitPieces(ctx, a, b, atInitial, mode, out, false);
}

/** Splits a run at watchlist forms and classifies the pieces between them. */
function emitPieces(ctx: ArticleContext, a: number, b: number, atInitial: boolean, mode: Mode, out: ActorSpan[], titleOnly: boolean): void {
  const { tokens } = ctx;
  let pieceStart = a;
  const flush = (end: number) => {
    let s = pieceStart;
    let e = end;
    while (s < e && (NAME_CONNECTORS.has(tokens[s]!.text) || tokens[s]!.text === 'of')) s++;
    while (e > s && (NAME_CONNECTORS.has(tokens[e - 1]!.text) || tokens[e - 1]!.text === 'of')) e--;
    if (s < e && !titleOnly) classifyUnknown(ctx, s, e, atInitial && s === a, mode, out);
  };
  for (let k = a; k < b; ) {
    const hit = matchAt(ctx.watch, tokens, k, b, false);
    if (hit) {
      flush(k);
      out.push({ first: k, last: k + hit.length, type: hit.entry.type, confidence: 'watchlist', entry: hit.entry, demonym: hit.demonym });
      k += hit.length;
      pieceStart = k;
    } else k++;
  }
  flush(b);
}

function classifyUnknown(ctx: ArticleContext, a: number, b: number, atInitial: boolean, mode: Mode, out: ActorSpan[]): void {
  const { tokens } = ctx;
  const words = tokens.slice(a, b).map((t) => t.text.toLowerCase());
  const n = words.length;
  const firstL = words[0]!;
  const lastL = words[n - 1]!;
  // Lone title or compass words ("President", "North") and lone all-caps function words are nobody.
  if (n === 1 && (TITLE_WORDS.has(firstL) || COMPASS.has(firstL) || HOLIDAYS.has(firstL))) return;
  if (words.every((w) => TITLE_WORDS.has(w))) return;

  const push = (type: ActorType, confidence: Confidence): void => {
    out.push({ first: a, last: b, type, confidence });
  };
  const phrase = words.join(' ');
  const phraseType = n > 1 ? lexiconType(phrase) : null;
  if (phraseType) return push(phraseType, 'rule');
  // A known multi-word name at the front ("South Carolina" in "South Carolina Republican"):
  // take it, and read what follows on its own.
  for (let len = Math.min(3, n - 1); len >= 2; len--) {
    const t = lexiconType(words.slice(0, len).join(' '));
    if (t) {
      out.push({ first: a, last: a + len, type: t, confidence: 'rule' });
      classifyUnknown(ctx, a + len, b, false, mode, out);
      return;
    }
  }
  if (n >= 2 && ORG_HEADS.has(lastL)) return push('organization', 'rule');
  if (n >= 2 && PLACE_HEADS.has(lastL)) return push('place', 'rule');
  if (n >= 2 && COMPASS.has(firstL) && lexiconType(words.slice(1).join(' ')) === 'place') return push('place', 'rule');

  const prev = tokens[a - 1];
  const prevL = prev?.word ? prev.text.toLowerCase() : '';
  const prevLower = prev?.word && !isCapitalized(prev.text);

  if (n === 1) {
    const raw = tokens[a]!.text;
    if (isAcronym(raw) && !NOT_ACTOR_ACRONYMS.has(raw.replace(/\./g, ''))) {
      const t = lexiconType(firstL);
      return push(t === 'place' ? 'place' : 'organization', 'rule');
    }
    if (prevLower && LOWER_PERSON_CUES.has(prevL)) return push('person', 'rule');
    if (ctx.surnames.has(firstL)) return push('person', 'rule');
    const t = lexiconType(firstL);
    if (t) return push(t, 'rule');
    if (isAcronym(raw)) return;
    // "Commission", "Parliament": a body named by its head word alone.
    if (ORG_HEADS.has(firstL) && !atInitial) return push('organization', 'guess');
    if (mode === 'headline') return;
    if (atInitial && !ctx.midCaps.has(firstL)) return;
    if (notAloneName(firstL, ctx)) return;
    // Adjectives and group nouns of nationality, religion or politics ("Kurdish", "Serbs", "Olympic").
    if (ADJECTIVE_LIKE.test(firstL)) return;
    if (prevLower && PLACE_PREPOSITIONS.has(prevL)) return push('place', 'guess');
    return push(SINGLE_DEFAULT, 'guess');
  }
  if (mode === 'headline' && !hasClass(firstL, 'first') && words.some((w) => isCommonWord(w) || ctx.lowerSeen.has(w))) return;
  if (prevLower && LOWER_PERSON_CUES.has(prevL)) return push('person', 'rule');
  if (hasClass(firstL, 'first') && !hasClass(firstL, 'place')) return push('person', 'rule');
  // "J. Crawley": an initial and a name.
  if (/^\p{Lu}\.$/u.test(tokens[a]!.text)) return push('person', 'rule');
  if (hasClass(lastL, 'last') || hasClass(lastL, 'person')) return push('person', 'rule');
  // A place name with another name that is not a given name: a club or firm named after its
  // home ("Bayern Munich", "Hansa Rostock", "Chicago Bulls").
  if (words.some((w) => lexiconType(w) === 'place' || matchAt(ctx.watch, tokens, a + words.indexOf(w), a + words.indexOf(w) + 1, false)?.entry.type === 'place'))
    return push('organization', 'guess');
  // "First Amendment", "National Socialism": ordinary words capitalised are a thing, not an actor.
  if (words.every((w) => isCommonWord(w) || ctx.lowerSeen.has(w) || ADJECTIVE_LIKE.test(w) || ABSTRACT_NOUN.test(w) || TITLE_WORDS.has(w))) return;
  if (n <= 3 && words.every((w) => /^\p{L}[\p{L}\p{M}'’-]*$/u.test(w))) return push('person', 'guess');
  return push('organization', 'guess');
}

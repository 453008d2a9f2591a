/**
 * Features of each token for the actor tagger. Pure: token texts in, hashed feature keys out,
 * so the same code serves training on CoNLL-2003 (its own tokens) and tagging an article (our
 * tokenizer's). Groups can be switched off one at a time, for the ablation table in `npm run eval`.
 *
 * - base: the word, its lower-case form and shape, prefixes and suffixes, a ±2 window, word
 *   pairs, the sentence's position and kind (headline, all caps), quotation, title words before.
 * - lex: compromise's lexicon classes (first name, last name, city, organisation...) of the word
 *   and its neighbours.
 * - gaz: gazetteers shipped with the model (cities, countries and capitals, people's names).
 * - watch: the watchlist in force (the defaults, or the reader's), by type.
 * - doc: what the rest of the article says about the word: seen capitalised mid-sentence, seen in
 *   lower case, seen as the last word of a longer name ("Sullivan" after "Jake Sullivan").
 */
import { hashString, mix, templateId } from './learn/hash';
import type { FeatureSeq } from './learn/linear-chain';
import { FUNCTION_WORDS, MONTHS, WEEKDAYS, isCommonWord, lexClasses } from './lexicon';
import { ORG_HEADS, PLACE_HEADS, TITLE_HEADS, TITLE_WORDS } from './names';
import type { PhraseHit, PhraseIndex } from './phrase-index';

/** Bump when a feature changes meaning: a model trained on other features is refused. */
export const ACTOR_FEATURE_VERSION = 2;

export type ActorFeatureGroup = 'lex' | 'gaz' | 'watch' | 'doc';
export const ACTOR_FEATURE_GROUPS: readonly ActorFeatureGroup[] = ['lex', 'gaz', 'watch', 'doc'];

export interface ActorFeatureContext {
  groups: ReadonlySet<ActorFeatureGroup>;
  /**
   * Skip plain words: in ordinary prose a lower-case word with lower-case neighbours is not
   * part of a name, so its features are not computed and the tagger calls it O. Tagging then
   * looks at a third of the tokens (see `active`); CoNLL valid F1 is unchanged by it.
   */
  skipPlainWords?: boolean;
  /**
   * Leave out the features that depend on the word alone and return the words instead
   * (`own`): the tagger keeps their summed scores per word, so a word met again costs one
   * look-up instead of a dozen.
   */
  separateOwn?: boolean;
  gazetteer?: PhraseIndex;
  watchlist?: PhraseIndex;
}

const T = (name: string) => templateId(name);
const TPL = {
  bias: T('bias'), w: T('w'), lw: T('lw'), lwm1: T('lw-1'), lwm2: T('lw-2'), lwp1: T('lw+1'), lwp2: T('lw+2'),
  bi1: T('lw-1|lw'), bi2: T('lw|lw+1'), shape: T('shape'), shm1: T('shape-1'), shp1: T('shape+1'),
  shbi1: T('shape-1|shape'), shbi2: T('shape|shape+1'), shtri: T('shape-1|shape|shape+1'), pre: T('pre'), suf: T('suf'),
  first: T('first'), firstShape: T('first|shape'), mode: T('mode'), modeShape: T('mode|shape'), modeLw: T('mode|lw'),
  quote: T('quote'), title1: T('title-1'), title2: T('title-2'), titleHead1: T('titlehead-1'), len: T('len'),
  cls: T('cls'), clsm1: T('cls-1'), clsp1: T('cls+1'), clsShape: T('cls|shape'), func: T('func'),
  orgHead: T('orghead'), orgHeadP: T('orghead+1..3'), placeHead: T('placehead'), monthDay: T('monthday'),
  gaz: T('gaz'), gazCap: T('gaz|cap'), gazm1: T('gaz-1'), gazp1: T('gaz+1'), watch: T('watch'), watchCap: T('watch|cap'),
  docMidCap: T('doc:midcap'), docLower: T('doc:lower'), docLast: T('doc:last'), docLastFirst: T('doc:last-first'),
  docFirstOfRun: T('doc:firstofrun'), docMode: T('doc|mode'), docAllCapsSeen: T('doc:titlecase-seen'),
};

const CAP = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const HAS_LETTER = /\p{L}/u;

/** "Washington" → "Xxx", "U.S." → "X.X.", "1996-08-30" → "dd-dd-dd": runs cut at two. */
export function wordShape(w: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of w) {
    const code = ch.charCodeAt(0);
    let c: string;
    if (code >= 65 && code <= 90) c = 'X';
    else if (code >= 97 && code <= 122) c = 'x';
    else if (code >= 48 && code <= 57) c = 'd';
    else if (code < 128) c = ch;
    else c = UPPER.test(ch) ? 'X' : LOWER.test(ch) ? 'x' : DIGIT.test(ch) ? 'd' : ch;
    if (c === last) {
      if (++run > 2) continue;
    } else {
      last = c;
      run = 1;
    }
    out += c;
  }
  return out;
}

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{N}/u;

/** What a word contributes on its own, hashed once and kept: news text repeats its words. */
export interface WordInfo {
  lower: string;
  hLower: number;
  hWord: number;
  hShape: number;
  cap: boolean;
  letter: boolean;
  hasLower: boolean;
  /** Any capital letter in the word ("iPhone" too). */
  hasUpper: boolean;
  /** Keys of the word's own features that do not depend on its neighbours. */
  own: number[];
  /** hashString of each compromise lexicon class of the word. */
  hClasses: number[];
  /** The summed scores of `own` under a model, kept by the tagger (actor-tagger.ts). */
  ownScores?: Float32Array;
  scoredBy?: object;
}

const wordCache = new Map<string, WordInfo>();
const WORD_CACHE_LIMIT = 100_000;

function wordInfo(w: string): WordInfo {
  let info = wordCache.get(w);
  if (info) return info;
  const lower = w.toLowerCase();
  const hLower = hashString(lower);
  const hShape = hashString(wordShape(w));
  const own: number[] = [TPL.bias, mix(TPL.w, hashString(w)), mix(TPL.lw, hLower), mix(TPL.shape, hShape), mix(TPL.len, Math.min(lower.length, 12))];
  for (let k = 1; k <= 4 && k < lower.length; k++) {
    own.push(mix(mix(TPL.pre, k), hashString(lower.slice(0, k))));
    own.push(mix(mix(TPL.suf, k), hashString(lower.slice(-k))));
  }
  if (FUNCTION_WORDS.has(lower)) own.push(TPL.func);
  if (ORG_HEADS.has(lower)) own.push(TPL.orgHead);
  if (PLACE_HEADS.has(lower)) own.push(TPL.placeHead);
  if (MONTHS.has(lower) || WEEKDAYS.has(lower)) own.push(TPL.monthDay);
  info = { lower, hLower, hWord: hashString(w), hShape, cap: CAP.test(w), letter: HAS_LETTER.test(w), hasLower: HAS_LOWER.test(w), hasUpper: UPPER.test(w), own, hClasses: lexClasses(lower).map(hashString) };
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(w, info);
  return info;
}

type Mode = 'normal' | 'caps' | 'title';

// What the sentence's kind and the skipping of plain words need to know of a word, as bits.
const LETTER = 1;
const HAS_LOWER_BIT = 2;
const CAP_BIT = 4;
const HAS_UPPER_BIT = 8;
const LONG = 16;

/**
 * The bits of a word, read from its characters: most words are plain ASCII, so the word's
 * cached record (a map look-up) is needed only for the others.
 */
function wordBits(w: string): number {
  let bits = w.length > 3 ? LONG : 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) bits |= LETTER | HAS_LOWER_BIT;
    else if (c >= 65 && c <= 90) bits |= LETTER | HAS_UPPER_BIT | (i === 0 ? CAP_BIT : 0);
    else if (c >= 128) {
      const x = wordInfo(w);
      return (x.letter ? LETTER : 0) | (x.hasLower ? HAS_LOWER_BIT : 0) | (x.cap ? CAP_BIT : 0) | (x.hasUpper ? HAS_UPPER_BIT : 0) | (x.lower.length > 3 ? LONG : 0);
    }
  }
  return bits;
}

function sentenceMode(bits: ArrayLike<number>): Mode {
  let letters = 0;
  let caps = 0;
  let titled = 0;
  let long = 0;
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i]!;
    if (!(b & LETTER)) continue;
    letters++;
    if (!(b & HAS_LOWER_BIT)) caps++;
    if (b & LONG) {
      long++;
      if (b & CAP_BIT) titled++;
    }
  }
  if (letters >= 2 && caps / letters > 0.6) return 'caps';
  if (long >= 3 && titled / long > 0.8) return 'title';
  return 'normal';
}

/** What the whole document says about each lower-case word; built once per document. */
export interface DocFacts {
  midCap: Set<string>;
  lower: Set<string>;
  /** Last word of a capitalised run of 2+ words → did the run start with a known first name? */
  runLast: Map<string, boolean>;
  runFirst: Set<string>;
}

export function documentFacts(sentences: readonly (readonly string[])[]): DocFacts {
  const facts: DocFacts = { midCap: new Set(), lower: new Set(), runLast: new Map(), runFirst: new Set() };
  for (const s of sentences) {
    const bits = s.map(wordBits);
    if (sentenceMode(bits) !== 'normal') continue;
    let runStart = -1;
    const closeRun = (end: number) => {
      if (runStart >= 0 && end - runStart >= 2) {
        const last = s[end - 1]!.toLowerCase();
        const firstIsName = lexClasses(s[runStart]!.toLowerCase()).includes('first');
        facts.runLast.set(last, (facts.runLast.get(last) ?? false) || firstIsName);
        facts.runFirst.add(s[runStart]!.toLowerCase());
      }
      runStart = -1;
    };
    for (let i = 0; i < s.length; i++) {
      const b = bits[i]!;
      const cap = (b & CAP_BIT) !== 0;
      const lw = cap || b & HAS_UPPER_BIT ? s[i]!.toLowerCase() : s[i]!;
      const capital = cap && !FUNCTION_WORDS.has(lw);
      if (capital && i > 0) facts.midCap.add(lw);
      if (b & HAS_LOWER_BIT && !cap) facts.lower.add(lw);
      if (capital) {
        if (runStart < 0) runStart = i;
      } else {
        closeRun(i);
      }
    }
    closeRun(s.length);
  }
  return facts;
}

function pushPhrase(keys: number[], h: PhraseHit, tpl: number, tplCap: number, cap: boolean): void {
  keys.push(mix(tpl, h.hTagPart));
  keys.push(mix(mix(tplCap, h.hTagPart), cap ? 1 : 0));
}

const QUOTES_OPEN = new Set(['\u201c', '``']);
const QUOTES_CLOSE = new Set(['\u201d', "''"]);

/**
 * Feature keys for one sentence. `inQuote` carries an open quotation from the previous
 * sentence; the returned `inQuote` is the state after it.
 */
export function actorSentenceFeatures(
  words: readonly string[],
  doc: DocFacts | null,
  ctx: ActorFeatureContext,
  inQuote = false,
): { seq: FeatureSeq; inQuote: boolean; active: Uint8Array | null; own: readonly WordInfo[] | null } {
  const n = words.length;
  const bits = words.map(wordBits);
  const mode = sentenceMode(bits);
  let active: Uint8Array | null = null;
  let infos: WordInfo[];
  if (ctx.skipPlainWords && mode === 'normal') {
    active = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (bits[i]! & HAS_UPPER_BIT) {
        active[i] = 1;
        if (i > 0) active[i - 1] = 1;
        if (i + 1 < n) active[i + 1] = 1;
      }
    }
    // Only the looked-at words and the two on each side (the window) need their records.
    infos = new Array<WordInfo>(n);
    for (let i = 0; i < n; i++) {
      if (active[i]) for (let j = Math.max(0, i - 2); j <= Math.min(n - 1, i + 2); j++) infos[j] ??= wordInfo(words[j]!);
    }
  } else {
    infos = words.map(wordInfo);
  }
  // Truecasing: in a title-case headline every word wears a capital, so an ordinary word the
  // article never capitalises mid-sentence ("Stance", "Talks") is read in lower case.
  if (mode === 'title') {
    infos = infos.map((x, i) =>
      x.cap && i > 0 && isCommonWord(x.lower) && !doc?.midCap.has(x.lower) ? wordInfo(x.lower) : x,
    );
  }
  const lower = words.map((w, i) => infos[i]?.lower ?? w.toLowerCase());
  const hLower = infos.map((x) => x.hLower);
  const hShape = infos.map((x) => x.hShape);
  const caps = infos.map((x) => x.cap);
  const hMode = hashString(mode);
  const withLex = ctx.groups.has('lex');
  const gaz = ctx.groups.has('gaz') && ctx.gazetteer ? ctx.gazetteer.match(lower, active) : null;
  const watch = ctx.groups.has('watch') && ctx.watchlist ? ctx.watchlist.match(lower, active) : null;
  const START = hashString('<s>');
  const END = hashString('</s>');
  const at = (i: number) => (i < 0 ? START : i >= n ? END : hLower[i]!);
  const shapeAt = (i: number) => (i < 0 ? START : i >= n ? END : hShape[i]!);
  const keys: number[] = [];
  const offsets = new Uint32Array(n + 1);
  let quote = inQuote;
  const push = (k: number) => keys.push(k);
  for (let i = 0; i < n; i++) {
    offsets[i] = keys.length;
    const w = words[i]!;
    const lw = lower[i]!;
    if (w === '"') quote = !quote;
    else if (QUOTES_OPEN.has(w)) quote = true;
    else if (QUOTES_CLOSE.has(w)) quote = false;
    if (active && !active[i]) continue;
    if (!ctx.separateOwn) for (const k of infos[i]!.own) push(k);
    push(mix(TPL.lwm1, at(i - 1)));
    push(mix(TPL.lwm2, at(i - 2)));
    push(mix(TPL.lwp1, at(i + 1)));
    push(mix(TPL.lwp2, at(i + 2)));
    push(mix(mix(TPL.bi1, at(i - 1)), hLower[i]!));
    push(mix(mix(TPL.bi2, hLower[i]!), at(i + 1)));
    push(mix(TPL.shm1, shapeAt(i - 1)));
    push(mix(TPL.shp1, shapeAt(i + 1)));
    push(mix(mix(TPL.shbi1, shapeAt(i - 1)), hShape[i]!));
    push(mix(mix(TPL.shbi2, hShape[i]!), shapeAt(i + 1)));
    push(mix(mix(mix(TPL.shtri, shapeAt(i - 1)), hShape[i]!), shapeAt(i + 1)));
    if (i === 0) {
      push(TPL.first);
      push(mix(TPL.firstShape, hShape[i]!));
    }
    push(mix(TPL.mode, hMode));
    push(mix(mix(TPL.modeShape, hMode), hShape[i]!));
    if (mode !== 'normal') push(mix(mix(TPL.modeLw, hMode), hLower[i]!));
    if (quote) push(TPL.quote);
    if (i > 0 && TITLE_WORDS.has(lower[i - 1]!)) push(TPL.title1);
    if (i > 1 && TITLE_WORDS.has(lower[i - 2]!)) push(TPL.title2);
    if (i > 0 && TITLE_HEADS.has(lower[i - 1]!)) push(TPL.titleHead1);
    for (let k = 1; k <= 3 && i + k < n; k++) if (ORG_HEADS.has(lower[i + k]!) && caps[i + k]) push(mix(TPL.orgHeadP, k));
    if (withLex) {
      for (const hc of infos[i]!.hClasses) {
        push(mix(TPL.cls, hc));
        push(mix(mix(TPL.clsShape, hc), hShape[i]!));
      }
      if (i > 0) for (const hc of infos[i - 1]!.hClasses) push(mix(TPL.clsm1, hc));
      if (i + 1 < n) for (const hc of infos[i + 1]!.hClasses) push(mix(TPL.clsp1, hc));
    }
    if (gaz) {
      const here = gaz[i];
      if (here) for (const h of here) pushPhrase(keys, h, TPL.gaz, TPL.gazCap, caps[i]!);
      const before = i > 0 ? gaz[i - 1] : undefined;
      if (before) for (const h of before) push(mix(TPL.gazm1, h.hTag));
      const after = i + 1 < n ? gaz[i + 1] : undefined;
      if (after) for (const h of after) push(mix(TPL.gazp1, h.hTag));
    }
    if (watch) {
      const here = watch[i];
      if (here) for (const h of here) pushPhrase(keys, h, TPL.watch, TPL.watchCap, caps[i]!);
    }
    if (doc && ctx.groups.has('doc')) {
      const f: number[] = [];
      if (doc.midCap.has(lw)) f.push(TPL.docMidCap);
      if (doc.lower.has(lw)) f.push(TPL.docLower);
      const last = doc.runLast.get(lw);
      if (last !== undefined) f.push(last ? TPL.docLastFirst : TPL.docLast);
      if (doc.runFirst.has(lw)) f.push(TPL.docFirstOfRun);
      for (const k of f) {
        push(k);
        push(mix(mix(TPL.docMode, k), hMode));
        push(mix(mix(TPL.docMode, k), caps[i] ? 1 : 0));
      }
    }
  }
  offsets[n] = keys.length;
  return { seq: { keys: Uint32Array.from(keys), offsets }, inQuote: quote, active, own: ctx.separateOwn ? infos : null };
}

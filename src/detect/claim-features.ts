/**
 * Features of each token for the attribution tagger (Source / Cue / Content, BIO). Pure: token
 * texts and a few per-token facts in, hashed feature keys out, so the same code serves training
 * on PolNeAR and tagging an article. Every key is a template id mixed with hashes of the values
 * it reads; no feature string is built.
 *
 * What a token is described by: its word and neighbours (±2, pairs), suffix and shape, its part
 * of speech as compromise's lexicon gives it (no pipeline run), whether it is a reporting or
 * stance cue (cues.ts, plus the reader's added cues), how far the nearest cue is on either side,
 * whether it stands inside a quotation, the actor tagger's type for it, whether it is a pronoun
 * or an "officials"/"statement"-type noun, its place in the sentence, and whether the previous
 * sentence held a cue or left a quotation open (quotes that run on).
 */
import { type CueHit, cueAt } from './cues';
import { hashString, mix, templateId } from './learn/hash';
import type { FeatureSeq } from './learn/linear-chain';
import { posTag } from './lexicon';
import type { ReaderCueTable } from './reader-cues';

/** Bump when a feature changes meaning: a model trained on other features is refused. */
export const CLAIM_FEATURE_VERSION = 3;

const T = templateId;
const TPL = {
  bias: T('c:bias'), lw: T('c:lw'), lwm1: T('c:lw-1'), lwm2: T('c:lw-2'), lwp1: T('c:lw+1'), lwp2: T('c:lw+2'),
  bi1: T('c:lw-1|lw'), bi2: T('c:lw|lw+1'), suf: T('c:suf3'), shape: T('c:shape'), shbi: T('c:shape-1|shape'),
  pos: T('c:pos'), posm1: T('c:pos-1'), posp1: T('c:pos+1'), posbi1: T('c:pos-1|pos'), posbi2: T('c:pos|pos+1'), postri: T('c:pos-1|pos|pos+1'),
  cue: T('c:cue'), cueLemma: T('c:cue|lemma'), cuem1: T('c:cue-1'), cuep1: T('c:cue+1'), cueQuote: T('c:cue|quote'), cueFirst: T('c:cue|first'),
  distL: T('c:dist-left'), distR: T('c:dist-right'), distLR: T('c:dist-left|right'), distLQ: T('c:dist-left|quote'), distRQ: T('c:dist-right|quote'),
  distLpos: T('c:dist-left|pos'), distRpos: T('c:dist-right|pos'), distRactor: T('c:dist-right|actor'), distLactor: T('c:dist-left|actor'),
  quote: T('c:quote'), quotePos: T('c:quote|pos'), quoteMark: T('c:quotemark'),
  actor: T('c:actor'), actorm1: T('c:actor-1'), actorp1: T('c:actor+1'),
  cls: T('c:class'), clsDistR: T('c:class|dist-right'), clsDistL: T('c:class|dist-left'),
  first: T('c:first'), last: T('c:last'), rel: T('c:relpos'), relQuote: T('c:relpos|quote'), firstWord: T('c:firstword'),
  sentCue: T('c:sent-has-cue'), sentCueQuote: T('c:sent-has-cue|quote'), sentQuote: T('c:sent-has-quote'),
  prev: T('c:prev'), prevRel: T('c:prev|relpos'), prevQuote: T('c:prev|quote'), prevCue: T('c:prev|sent-has-cue'),
  commaL: T('c:comma-between-left-cue'), commaR: T('c:comma-between-right-cue'),
  lemmaL: T('c:left-cue-lemma|dist'), lemmaR: T('c:right-cue-lemma|dist'), shapeDistR: T('c:shape|dist-right'),
  afterClose: T('c:after-closing-quote'), beforeOpen: T('c:before-opening-quote'),
};

const START = hashString('<s>');
/** Lexicon tags are few: their hashes are kept. */
const tagHashes = new Map<string, number>();
function tagHash(tag: string): number {
  let h = tagHashes.get(tag);
  if (h === undefined) {
    h = hashString(tag);
    tagHashes.set(tag, h);
  }
  return h;
}
/** Reused between sentences: feature keys are written here, then copied out. */
let scratch = new Uint32Array(1 << 14);
const END = hashString('</s>');

/** Kinds of word a Source is often made of (claims.ts keeps the full sets for sourcing). */
export type WordClass = 'pronoun' | 'vague' | 'statement' | 'institution' | 'unattributed' | 'title';

/** What the tagger needs to know about each token of a sentence besides its text. */
export interface ClaimSentenceInput {
  /** Lower-case token texts. */
  lower: readonly string[];
  /** Original token texts (for shape). */
  words: readonly string[];
  /** The actor tagger's span per token: e.g. "B-person", "I-organization", or '' when none. */
  actors: readonly string[];
  /** Word class per token, or '' (see WordClass). */
  classes: readonly string[];
}

/** What the previous sentence left: read by the next sentence's features. */
export interface SentenceCarry {
  /** A quotation opened and not closed. */
  inQuote: boolean;
  /** The previous sentence held a Cue (as tagged). */
  hadCue: boolean;
  /** The previous sentence ended inside Content (as tagged). */
  endedInContent: boolean;
}

export const NO_CARRY: SentenceCarry = Object.freeze({ inQuote: false, hadCue: false, endedInContent: false });

const QUOTE_OPEN = new Set(['\u201c', '``', '\u00ab']);
const QUOTE_CLOSE = new Set(['\u201d', "''", '\u00bb']);
const QUOTE_END = new Set(['\u201d', "''", '\u00bb', '"']);
const QUOTE_START = new Set(['\u201c', '``', '\u00ab', '"']);

/** FNV-1a over the last `k` code units of `s`: a suffix hash without building the suffix. */
function hashTail(s: string, k: number): number {
  let h = 0x811c9dc5;
  for (let i = Math.max(0, s.length - k); i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Coarse shape from the first code unit and length: cheap and enough for this task. */
function shapeOf(w: string): number {
  const c = w.charCodeAt(0);
  if (c >= 48 && c <= 57) return 1; // digit
  const ch = w[0]!;
  if (ch.toLowerCase() !== ch) return w.length > 1 && w.toUpperCase() === w ? 2 : 3; // ALLCAPS / Capitalised
  if (ch.toUpperCase() !== ch) return 4; // lower
  return 5; // punctuation or other
}

function bucket(d: number): number {
  if (d < 0) return 0;
  if (d <= 3) return d;
  if (d <= 5) return 4;
  if (d <= 9) return 5;
  if (d <= 15) return 6;
  return 7;
}

/** Cue hits over a sentence's lower-case words (built-in and the reader's). */
export function sentenceCues(lower: readonly string[], reader?: ReaderCueTable): (CueHit | null)[] {
  const out: (CueHit | null)[] = new Array(lower.length).fill(null);
  for (let i = 0; i < lower.length; i++) {
    const hit = cueAt(lower, i, reader);
    if (!hit) continue;
    const last = Math.min(hit.last, lower.length);
    for (let j = i; j < last; j++) out[j] = hit;
    i = last - 1;
  }
  return out;
}

/**
 * Feature keys for one sentence, and what it leaves for the next (the quotation state; the
 * caller fills in `hadCue` and `endedInContent` from the tags it decodes).
 */
export function claimSentenceFeatures(
  input: ClaimSentenceInput,
  cues: readonly (CueHit | null)[],
  carry: SentenceCarry,
): { seq: FeatureSeq; inQuote: boolean } {
  const { lower, words, actors, classes } = input;
  const n = lower.length;
  const hLower = new Uint32Array(n);
  const hPos = new Uint32Array(n);
  const hShape = new Uint32Array(n);
  const hActor = new Uint32Array(n);
  const hCue = new Uint32Array(n);
  const quote = new Uint8Array(n);
  let anyCue = false;
  let anyQuote = false;
  let q = carry.inQuote;
  for (let i = 0; i < n; i++) {
    const lw = lower[i]!;
    hLower[i] = hashString(lw);
    const shape = shapeOf(words[i]!);
    hShape[i] = shape;
    const p = posTag(lw);
    hPos[i] = p === undefined ? mix(0x1234, shape) : tagHash(p);
    hActor[i] = actors[i] ? hashString(actors[i]!) : 0;
    const c = cues[i];
    hCue[i] = c ? hashString(c.kind) : 0;
    if (c) anyCue = true;
    // The mark itself counts as inside: it belongs to the quotation.
    if (lw === '"') {
      anyQuote = true;
      if (q) {
        quote[i] = 1;
        q = false;
      } else {
        q = true;
        quote[i] = 1;
      }
    } else if (QUOTE_OPEN.has(lw)) {
      anyQuote = true;
      q = true;
      quote[i] = 1;
    } else if (QUOTE_CLOSE.has(lw)) {
      anyQuote = true;
      quote[i] = 1;
      q = false;
    } else quote[i] = q ? 1 : 0;
  }
  // Distance to the nearest cue on each side, and whether a comma lies between.
  const distL = new Int16Array(n).fill(-1);
  const distR = new Int16Array(n).fill(-1);
  const commaL = new Uint8Array(n);
  const commaR = new Uint8Array(n);
  const lemmaL = new Uint32Array(n);
  const lemmaR = new Uint32Array(n);
  let lastCue = -1;
  let comma = false;
  for (let i = 0; i < n; i++) {
    if (cues[i]) {
      lastCue = i;
      comma = false;
      continue;
    }
    if (lastCue >= 0) {
      distL[i] = Math.min(i - lastCue, 999);
      commaL[i] = comma ? 1 : 0;
      lemmaL[i] = hashString(cues[lastCue]!.lemma);
    }
    if (lower[i] === ',') comma = true;
  }
  let nextCue = -1;
  comma = false;
  for (let i = n - 1; i >= 0; i--) {
    if (cues[i]) {
      nextCue = i;
      comma = false;
      continue;
    }
    if (nextCue >= 0) {
      distR[i] = Math.min(nextCue - i, 999);
      commaR[i] = comma ? 1 : 0;
      lemmaR[i] = hashString(cues[nextCue]!.lemma);
    }
    if (lower[i] === ',') comma = true;
  }
  const hPrev = mix(mix(carry.inQuote ? 1 : 0, carry.hadCue ? 1 : 0), carry.endedInContent ? 1 : 0);
  const hFirst = n > 0 ? hLower[0]! : START;
  const at = (i: number) => (i < 0 ? START : i >= n ? END : hLower[i]!);
  const posAt = (i: number) => (i < 0 ? START : i >= n ? END : hPos[i]!);
  // At most 64 keys a token.
  if (scratch.length < n * 64) scratch = new Uint32Array(n * 64);
  const buf = scratch;
  let len = 0;
  const offsets = new Uint32Array(n + 1);
  // Keys that are the same for every token of the sentence.
  const kFirstWord = mix(TPL.firstWord, hFirst);
  const kSentQuote = mix(TPL.sentQuote, anyQuote ? 1 : 0);
  const kPrev = mix(TPL.prev, hPrev);
  for (let i = 0; i < n; i++) {
    offsets[i] = len;
    const lw = lower[i]!;
    const qi = quote[i]!;
    buf[len++] = TPL.bias;
    buf[len++] = mix(TPL.lw, hLower[i]!);
    buf[len++] = mix(TPL.lwm1, at(i - 1));
    buf[len++] = mix(TPL.lwm2, at(i - 2));
    buf[len++] = mix(TPL.lwp1, at(i + 1));
    buf[len++] = mix(TPL.lwp2, at(i + 2));
    buf[len++] = mix(mix(TPL.bi1, at(i - 1)), hLower[i]!);
    buf[len++] = mix(mix(TPL.bi2, hLower[i]!), at(i + 1));
    if (lw.length > 3) buf[len++] = mix(TPL.suf, hashTail(lw, 3));
    buf[len++] = mix(TPL.shape, hShape[i]!);
    buf[len++] = mix(TPL.pos, hPos[i]!);
    buf[len++] = mix(TPL.posm1, posAt(i - 1));
    buf[len++] = mix(TPL.posp1, posAt(i + 1));
    buf[len++] = mix(mix(TPL.posbi1, posAt(i - 1)), hPos[i]!);
    buf[len++] = mix(mix(TPL.posbi2, hPos[i]!), posAt(i + 1));
    buf[len++] = mix(mix(mix(TPL.postri, posAt(i - 1)), hPos[i]!), posAt(i + 1));
    const c = cues[i];
    if (c) {
      buf[len++] = mix(TPL.cue, hCue[i]!);
      buf[len++] = mix(TPL.cueLemma, hashString(c.lemma));
      buf[len++] = mix(mix(TPL.cueQuote, hCue[i]!), qi);
      buf[len++] = mix(mix(TPL.cueFirst, hCue[i]!), i === c.first ? 1 : 0);
    }
    if (i > 0 && hCue[i - 1]) buf[len++] = mix(TPL.cuem1, hCue[i - 1]!);
    if (i + 1 < n && hCue[i + 1]) buf[len++] = mix(TPL.cuep1, hCue[i + 1]!);
    const dl = bucket(distL[i]!);
    const dr = bucket(distR[i]!);
    buf[len++] = mix(TPL.distL, dl);
    buf[len++] = mix(TPL.distR, dr);
    buf[len++] = mix(mix(TPL.distLR, dl), dr);
    buf[len++] = mix(mix(TPL.distLQ, dl), qi);
    buf[len++] = mix(mix(TPL.distRQ, dr), qi);
    buf[len++] = mix(mix(TPL.distLpos, dl), hPos[i]!);
    buf[len++] = mix(mix(TPL.distRpos, dr), hPos[i]!);
    buf[len++] = mix(mix(TPL.commaL, dl), commaL[i]!);
    buf[len++] = mix(mix(TPL.commaR, dr), commaR[i]!);
    if (lemmaL[i]) buf[len++] = mix(mix(TPL.lemmaL, lemmaL[i]!), Math.min(dl, 4));
    if (lemmaR[i]) buf[len++] = mix(mix(TPL.lemmaR, lemmaR[i]!), Math.min(dr, 4));
    buf[len++] = mix(mix(TPL.shapeDistR, hShape[i]!), dr);
    if (i > 0 && QUOTE_END.has(lower[i - 1]!) && quote[i] === 0) buf[len++] = TPL.afterClose;
    if (i + 1 < n && QUOTE_START.has(lower[i + 1]!) && quote[i] === 0) buf[len++] = TPL.beforeOpen;
    buf[len++] = mix(TPL.quote, qi);
    buf[len++] = mix(mix(TPL.quotePos, qi), hPos[i]!);
    if (hActor[i]) {
      buf[len++] = mix(TPL.actor, hActor[i]!);
      buf[len++] = mix(mix(TPL.distRactor, dr), hActor[i]!);
      buf[len++] = mix(mix(TPL.distLactor, dl), hActor[i]!);
    }
    if (i > 0 && hActor[i - 1]) buf[len++] = mix(TPL.actorm1, hActor[i - 1]!);
    if (i + 1 < n && hActor[i + 1]) buf[len++] = mix(TPL.actorp1, hActor[i + 1]!);
    const cls = classes[i];
    if (cls) {
      const hc = hashString(cls);
      buf[len++] = mix(TPL.cls, hc);
      buf[len++] = mix(mix(TPL.clsDistR, hc), dr);
      buf[len++] = mix(mix(TPL.clsDistL, hc), dl);
    }
    if (i === 0) buf[len++] = TPL.first;
    if (i === n - 1) buf[len++] = TPL.last;
    const rel = n <= 1 ? 0 : Math.min(3, Math.floor((4 * i) / n));
    buf[len++] = mix(TPL.rel, rel);
    buf[len++] = mix(mix(TPL.relQuote, rel), qi);
    buf[len++] = kFirstWord;
    buf[len++] = mix(mix(TPL.sentCue, anyCue ? 1 : 0), hPos[i]!);
    buf[len++] = mix(mix(mix(TPL.sentCueQuote, anyCue ? 1 : 0), anyQuote ? 1 : 0), qi);
    buf[len++] = kSentQuote;
    buf[len++] = kPrev;
    buf[len++] = mix(mix(mix(TPL.prevRel, hPrev), rel), qi);
    buf[len++] = mix(mix(TPL.prevCue, hPrev), anyCue ? 1 : 0);
  }
  offsets[n] = len;
  return { seq: { keys: buf.slice(0, len), offsets }, inQuote: q };
}

/**
 * Near-identical sentences: the same wire copy carried by several outlets, lightly edited
 * ("said on Tuesday" / "said Tuesday", a trailing clause cut, another attribution tail).
 *
 * A sentence becomes a set of word pairs (shingles) after normalising case, quotes, dashes,
 * punctuation and a few filler words; two sentences are near-identical when their sets
 * overlap enough (see `isNearDuplicate`). To find candidates without comparing a sentence
 * with every stored one, each set gets a MinHash signature cut into LSH bands: sentences
 * that share any band key are candidates, found through a multiEntry index, then verified
 * on their shingles. Pure: no DOM, no storage.
 */
// The same FNV-1a and Murmur3 finaliser as detection's feature hashing: band keys are stored,
// so these must never change.
import { fmix32, hashString } from '../detect/learn/hash';

/** Words per shingle. Pairs, not triples: one edited word in a 20-word sentence then costs 2 of ~19 shingles, not 3 of ~18. */
export const SHINGLE_WORDS = 2;
/** MinHash functions: BANDS bands of ROWS rows. */
export const BANDS = 16;
export const ROWS = 2;
/**
 * Sentences with fewer shingles than this ("He said it would.") are too generic to call the
 * same wire copy: they get no band keys and match nothing.
 */
export const MIN_SHINGLES = 6;
/** Verification thresholds, chosen with the variants in tests/unit/ledger/near-duplicate.test.ts. */
export const MIN_JACCARD = 0.5;
/** A sentence cut short (a trailing clause dropped) is contained in the longer one… */
export const MIN_CONTAINMENT = 0.8;
/** …as long as the shorter one keeps at least this share of the longer one's shingles. */
export const MIN_LENGTH_RATIO = 0.4;

/**
 * Words whose presence an editor changes without changing the claim ("said on Tuesday",
 * "the U.S."): dropped before shingling. Kept short on purpose — "not" or "no" change a claim.
 */
const FILLER = new Set(['a', 'an', 'the', 'on', 'that', 'had', 'has', 'have', 'was', 'is']);

const QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g;
const MARKS = /\p{M}+/gu;
/** "9,000" and "9 000" and "9000" are one number; "3.5" stays one token too. */
const DIGIT_GROUPS = /(\d)[,.\u00a0\u202f\u2009 ](?=\d)/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Lower case, accents and apostrophes folded, digit groups joined, punctuation and dashes as spaces. */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(QUOTES, "'")
    // Possessive and contracted forms lose the apostrophe, not the letter: "russia's" → "russias".
    .replace(/(\p{L})'(\p{L})/gu, '$1$2')
    .replace(DIGIT_GROUPS, '$1')
    .replace(NOT_WORD, ' ')
    .trim();
}

export function wordsOf(text: string): string[] {
  const normal = normalise(text);
  return normal ? normal.split(' ').filter((w) => !FILLER.has(w)) : [];
}

/** The distinct word-pair shingles of a sentence. */
export function shingles(text: string): Set<string> {
  const words = wordsOf(text);
  const out = new Set<string>();
  if (words.length < SHINGLE_WORDS) {
    if (words.length) out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) out.add(words.slice(i, i + SHINGLE_WORDS).join(' '));
  return out;
}

export interface Overlap {
  jaccard: number;
  containment: number;
  /** Shorter set's size over the longer's. */
  lengthRatio: number;
}

export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): Overlap {
  if (!a.size || !b.size) return { jaccard: 0, containment: 0, lengthRatio: 0 };
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return {
    jaccard: shared / (a.size + b.size - shared),
    containment: shared / small.size,
    lengthRatio: small.size / large.size,
  };
}

export function isNearDuplicateSets(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (Math.min(a.size, b.size) < MIN_SHINGLES) return false;
  const o = overlap(a, b);
  return o.jaccard >= MIN_JACCARD || (o.containment >= MIN_CONTAINMENT && o.lengthRatio >= MIN_LENGTH_RATIO);
}

export function isNearDuplicate(a: string, b: string): boolean {
  return isNearDuplicateSets(shingles(a), shingles(b));
}

/** Fixed seeds, so band keys written by one version of Claimlens are found by the next. */
const SEEDS: readonly number[] = Array.from({ length: BANDS * ROWS }, (_, i) => fmix32(0x9e3779b9 ^ Math.imul(i + 1, 0x27d4eb2f)));

export function minhash(set: ReadonlySet<string>): Uint32Array {
  const signature = new Uint32Array(SEEDS.length).fill(0xffffffff);
  for (const shingle of set) {
    const h = hashString(shingle);
    for (let i = 0; i < SEEDS.length; i++) {
      const v = fmix32(h ^ SEEDS[i]!);
      if (v < signature[i]!) signature[i] = v;
    }
  }
  return signature;
}

/**
 * The LSH band keys of a sentence ("band:hash"), or none when it is too short to match.
 * Two sentences with Jaccard similarity J share at least one key with probability
 * 1 − (1 − J^ROWS)^BANDS: 0.99 at J = 0.5, 0.94 at 0.4, 0.78 at 0.3.
 */
export function bandKeys(text: string): string[] {
  return bandKeysOf(shingles(text));
}

export function bandKeysOf(set: ReadonlySet<string>): string[] {
  if (set.size < MIN_SHINGLES) return [];
  const signature = minhash(set);
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h = band + 1;
    for (let row = 0; row < ROWS; row++) h = fmix32(h ^ Math.imul(signature[band * ROWS + row]!, 0x9e3779b1));
    keys.push(`${band.toString(36)}:${h.toString(36)}`);
  }
  return keys;
}

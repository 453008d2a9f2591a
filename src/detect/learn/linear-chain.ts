/**
 * A trained linear-chain tagger at run time: hashed feature keys → per-label weights, a
 * label-transition matrix, and Viterbi decoding under the label scheme's constraints. Weights
 * sit behind an open-addressing table of 32-bit keys, so a lookup is a few array reads, and rows are stored sparsely (a feature usually weighs on a few labels), so a model of 200,000
 * features holds a few MB.
 */
import { type Scheme, allowed, allowedEnd } from './labels';

/** The features of a sequence: token t's keys are keys[offsets[t] .. offsets[t+1]). */
export interface FeatureSeq {
  keys: ArrayLike<number>;
  offsets: ArrayLike<number>;
}

export interface ModelParts {
  labels: string[];
  scheme: Scheme;
  /** Sorted or not; unique 32-bit feature keys. */
  keys: Uint32Array;
  /** keys.length × labels.length weights, row by row (empty when `quantised` is given). */
  weights: Float32Array;
  /**
   * The same weights as the model file stores them: row r's non-zero (label, weight / scale)
   * pairs are entries[2·rowStart[r] .. 2·rowStart[r+1]). Given, the chain is built from it
   * directly, which spares the background a dense pass over a million weights at start-up.
   */
  quantised?: { scale: number; rowStart: Int32Array; entries: Int16Array };
  /** (labels.length + 1) × labels.length: row 0 is the start, row p+1 follows label p. */
  transitions: Float32Array;
}

const NEG = -1e30;

export class LinearChain {
  readonly labels: string[];
  readonly scheme: Scheme;
  readonly featureCount: number;
  /**
   * Open addressing, two ints a slot: the key, and (first entry << 5 | entry count), count 0
   * for an empty slot. A feature's non-zero weights are (label, weight) pairs of 16-bit ints in
   * `entries`. Small and packed because a lookup costs its cache misses: the tables are larger
   * than the cache, and a token looks up some thirty features.
   */
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly entries: Int16Array;
  /** Weights are stored as integers; transitions are divided by this scale instead. */
  private readonly scale: number;
  private readonly trans: Float32Array;
  /** For each label, the labels allowed before it (most transitions are forbidden in BILOU). */
  private readonly preds: Int32Array[];
  private readonly endOk: Float32Array;

  constructor(parts: ModelParts) {
    this.labels = parts.labels;
    this.scheme = parts.scheme;
    this.featureCount = parts.keys.length;
    const L = parts.labels.length;
    if (L > 31) throw new Error('a linear chain holds at most 31 labels');
    let cap = 1;
    while (cap < parts.keys.length * 2) cap <<= 1;
    this.mask = cap - 1;
    this.table = new Int32Array(cap * 2);
    const q = parts.quantised;
    if (q) {
      this.scale = q.scale;
      this.entries = q.entries;
      for (let r = 0; r < parts.keys.length; r++) {
        const first = q.rowStart[r]!;
        const count = q.rowStart[r + 1]! - first;
        if (count === 0) continue;
        const key = parts.keys[r]! | 0;
        let slot = key & this.mask;
        while (this.table[slot * 2 + 1] !== 0) slot = (slot + 1) & this.mask;
        this.table[slot * 2] = key;
        this.table[slot * 2 + 1] = (first << 5) | count;
      }
    } else {
      [this.scale, this.entries] = this.pack(parts);
    }
    // Forbidden transitions are folded into the matrix once, so decoding needs no checks.
    this.trans = new Float32Array(parts.transitions).map((x) => x / this.scale);
    for (let p = -1; p < L; p++) {
      for (let n = 0; n < L; n++) {
        if (!allowed(this.scheme, p < 0 ? null : this.labels[p]!, this.labels[n]!)) this.trans[(p + 1) * L + n] = NEG;
      }
    }
    this.endOk = new Float32Array(L).map((_, i) => (allowedEnd(this.scheme, this.labels[i]!) ? 0 : NEG));
    this.preds = this.labels.map((next) => Int32Array.from(this.labels.map((_, p) => p).filter((p) => allowed(this.scheme, this.labels[p]!, next))));
  }

  /** Float weights → the table and 16-bit sparse rows (models fresh from training). */
  private pack(parts: ModelParts): [number, Int16Array] {
    const L = parts.labels.length;
    // Most features carry weight for a few labels only: summing sparse rows is several times faster.
    let nnz = 0;
    let maxAbs = 0;
    const weights = parts.weights;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      if (w !== 0) {
        nnz++;
        if (w > maxAbs) maxAbs = w;
        else if (-w > maxAbs) maxAbs = -w;
      }
    }
    const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
    const entries = new Int16Array(nnz * 2);
    let at = 0;
    for (let r = 0; r < parts.keys.length; r++) {
      const first = at;
      for (let y = 0; y < L; y++) {
        const w = weights[r * L + y]!;
        if (w === 0) continue;
        const q = Math.round(w / scale);
        if (q !== 0) {
          entries[at * 2] = y;
          entries[at * 2 + 1] = q;
          at++;
        }
      }
      if (at === first) continue;
      const key = parts.keys[r]! | 0;
      let slot = key & this.mask;
      while (this.table[slot * 2 + 1] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot * 2] = key;
      this.table[slot * 2 + 1] = (first << 5) | (at - first);
    }
    return [scale, entries];
  }

  /** Per-token label scores from the features alone (in units of the weight scale): n × labels. */
  emissions(seq: FeatureSeq, n: number): Float32Array {
    const out = new Float32Array(n * this.labels.length);
    for (let t = 0; t < n; t++) this.addScores(seq.keys, seq.offsets[t]!, seq.offsets[t + 1]!, out, t * this.labels.length);
    return out;
  }

  /** Adds the scores of keys[from .. to) to out[base .. base + labels). */
  addScores(keys: ArrayLike<number>, from: number, to: number, out: Float32Array, base: number): void {
    const { table, entries, mask } = this;
    {
      for (let k = from; k < to; k++) {
        const key = keys[k]! | 0;
        let slot = (key & mask) << 1;
        let packed = table[slot + 1]!;
        while (packed !== 0 && table[slot]! !== key) {
          slot = (slot + 2) & (mask * 2 + 1);
          packed = table[slot + 1]!;
        }
        if (packed === 0) continue;
        const first = (packed >>> 5) * 2;
        const end = first + (packed & 31) * 2;
        for (let j = first; j < end; j += 2) out[base + entries[j]!]! += entries[j + 1]!;
      }
    }
  }

  /** The best label index sequence. `bias` (optional, n × labels, real units) is added to the emissions. */
  /**
   * The best label index sequence. `only` (optional) pins tokens to one label: where
   * `only[t] >= 0` token t gets that label and Viterbi considers nothing else for it.
   */
  decode(seq: FeatureSeq, n: number, only?: Int8Array): Int32Array {
    return this.best(this.emissions(seq, n), n, only);
  }

  /** The best label index sequence with `bias` (n × labels, in the weights' own units) added to the emissions. */
  decodeBiased(seq: FeatureSeq, n: number, bias: Float32Array): Int32Array {
    const em = this.emissions(seq, n);
    for (let i = 0; i < em.length; i++) em[i]! += bias[i]! / this.scale;
    return this.best(em, n);
  }

  /** Viterbi over emissions the caller computed (and may have added to). */
  best(em: Float32Array, n: number, only?: Int8Array): Int32Array {
    return viterbi(em, n, this.labels.length, this.trans, this.endOk, this.preds, only);
  }
}

/** Viterbi over emissions (n × L) and transitions ((L+1) × L, start row first). */
export function viterbi(
  em: Float32Array | Float64Array,
  n: number,
  L: number,
  trans: ArrayLike<number>,
  endOk?: ArrayLike<number>,
  preds?: readonly Int32Array[],
  only?: Int8Array,
): Int32Array {
  const path = new Int32Array(n);
  if (n === 0) return path;
  const back = new Int32Array(n * L);
  let prev = new Float64Array(L);
  let cur = new Float64Array(L);
  for (let y = 0; y < L; y++) prev[y] = trans[y]! + em[y]! + (only && only[0]! >= 0 && only[0] !== y ? -1e30 : 0);
  for (let t = 1; t < n; t++) {
    const pinned = only ? only[t]! : -1;
    if (pinned >= 0) cur.fill(-1e30);
    for (let y = pinned >= 0 ? pinned : 0; y < (pinned >= 0 ? pinned + 1 : L); y++) {
      let best = -Infinity;
      let arg = 0;
      if (preds) {
        const ps = preds[y]!;
        for (let j = 0; j < ps.length; j++) {
          const p = ps[j]!;
          const s = prev[p]! + trans[(p + 1) * L + y]!;
          if (s > best) {
            best = s;
            arg = p;
          }
        }
      } else {
        for (let p = 0; p < L; p++) {
          const s = prev[p]! + trans[(p + 1) * L + y]!;
          if (s > best) {
            best = s;
            arg = p;
          }
        }
      }
      cur[y] = best + em[t * L + y]!;
      back[t * L + y] = arg;
    }
    [prev, cur] = [cur, prev];
  }
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < L; y++) {
    const s = prev[y]! + (endOk ? endOk[y]! : 0);
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  for (let t = n - 1; t >= 0; t--) {
    path[t] = arg;
    arg = back[t * L + arg]!;
  }
  return path;
}

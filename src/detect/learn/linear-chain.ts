/**
 * A trained linear-chain tagger at run time: hashed feature keys → per-label weights, a
 * label-transition matrix, and Viterbi decoding under the label scheme's constraints. Weights
 * sit in one Float32Array behind an open-addressing table of 32-bit keys, so a lookup is a few
 * array reads and a model of 200,000 features holds well under 20 MB.
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
  /** keys.length × labels.length weights, row by row. */
  weights: Float32Array;
  /** (labels.length + 1) × labels.length: row 0 is the start, row p+1 follows label p. */
  transitions: Float32Array;
}

const NEG = -1e30;

export class LinearChain {
  readonly labels: string[];
  readonly scheme: Scheme;
  readonly featureCount: number;
  private readonly table: Int32Array;
  private readonly tableKeys: Uint32Array;
  private readonly mask: number;
  private readonly weights: Float32Array;
  private readonly trans: Float32Array;
  private readonly endOk: Float32Array;

  constructor(parts: ModelParts) {
    this.labels = parts.labels;
    this.scheme = parts.scheme;
    this.featureCount = parts.keys.length;
    this.weights = parts.weights;
    const L = parts.labels.length;
    let cap = 1;
    while (cap < parts.keys.length * 2) cap <<= 1;
    this.mask = cap - 1;
    this.table = new Int32Array(cap).fill(-1);
    this.tableKeys = new Uint32Array(cap);
    for (let i = 0; i < parts.keys.length; i++) {
      const key = parts.keys[i]!;
      let slot = key & this.mask;
      while (this.table[slot] !== -1) slot = (slot + 1) & this.mask;
      this.table[slot] = i;
      this.tableKeys[slot] = key;
    }
    // Forbidden transitions are folded into the matrix once, so decoding needs no checks.
    this.trans = new Float32Array(parts.transitions);
    for (let p = -1; p < L; p++) {
      for (let n = 0; n < L; n++) {
        if (!allowed(this.scheme, p < 0 ? null : this.labels[p]!, this.labels[n]!)) this.trans[(p + 1) * L + n] = NEG;
      }
    }
    this.endOk = new Float32Array(L).map((_, i) => (allowedEnd(this.scheme, this.labels[i]!) ? 0 : NEG));
  }

  /** The row of a feature key, or -1 when the model does not know it. */
  row(key: number): number {
    let slot = key & this.mask;
    for (;;) {
      const r = this.table[slot]!;
      if (r === -1) return -1;
      if (this.tableKeys[slot] === key >>> 0) return r;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Per-token label scores from the features alone: n × labels. */
  emissions(seq: FeatureSeq, n: number): Float32Array {
    const L = this.labels.length;
    const out = new Float32Array(n * L);
    for (let t = 0; t < n; t++) {
      const base = t * L;
      for (let k = seq.offsets[t]!; k < seq.offsets[t + 1]!; k++) {
        const r = this.row(seq.keys[k]!);
        if (r < 0) continue;
        const w = r * L;
        for (let y = 0; y < L; y++) out[base + y]! += this.weights[w + y]!;
      }
    }
    return out;
  }

  /** The best label index sequence. `bias` (optional, n × labels) is added to the emissions. */
  decode(seq: FeatureSeq, n: number, bias?: Float32Array): Int32Array {
    const em = this.emissions(seq, n);
    if (bias) for (let i = 0; i < em.length; i++) em[i]! += bias[i]!;
    return viterbi(em, n, this.labels.length, this.trans, this.endOk);
  }
}

/** Viterbi over emissions (n × L) and transitions ((L+1) × L, start row first). */
export function viterbi(em: Float32Array | Float64Array, n: number, L: number, trans: ArrayLike<number>, endOk?: ArrayLike<number>): Int32Array {
  const path = new Int32Array(n);
  if (n === 0) return path;
  const back = new Int32Array(n * L);
  let prev = new Float64Array(L);
  let cur = new Float64Array(L);
  for (let y = 0; y < L; y++) prev[y] = trans[y]! + em[y]!;
  for (let t = 1; t < n; t++) {
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        const s = prev[p]! + trans[(p + 1) * L + y]!;
        if (s > best) {
          best = s;
          arg = p;
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

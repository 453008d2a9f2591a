/**
 * Training a linear-chain tagger: the averaged structured perceptron (Collins 2002). Each
 * sentence is decoded with the current weights; where the best path differs from the gold one,
 * gold features gain and predicted features lose. The returned weights are the average over
 * every step (kept lazily, Daumé's trick), which generalises far better than the last ones.
 * Deterministic for a seed: the only randomness is the seeded order of sentences per epoch.
 */
import { type Scheme, allowed, allowedEnd } from './labels';
import { type FeatureSeq, LinearChain, type ModelParts, viterbi } from './linear-chain';

export interface TrainingSeq extends FeatureSeq {
  /** Gold label index per token. */
  gold: ArrayLike<number>;
}

export interface TrainOptions {
  labels: string[];
  scheme: Scheme;
  seed: number;
  maxEpochs: number;
  /** Stop after this many epochs without a better score on `evaluate`. */
  patience?: number;
  /** Features seen fewer times than this in training are dropped (they only memorise). */
  minCount?: number;
  /** Scores a candidate model on held-out data (higher is better); none: train `maxEpochs`. */
  evaluate?: (model: LinearChain) => number;
  /** Rows whose largest averaged weight is below this are pruned from the result. */
  pruneBelow?: number;
  log?: (line: string) => void;
}

export interface TrainResult {
  parts: ModelParts;
  epochs: number;
  score: number | null;
  /** Features kept after counting and pruning. */
  featureCount: number;
}

/** mulberry32: a small seeded generator, so the training order is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trainPerceptron(data: readonly TrainingSeq[], opts: TrainOptions): TrainResult {
  const L = opts.labels.length;
  const log = opts.log ?? (() => {});
  // Dictionary of features frequent enough to learn from.
  const counts = new Map<number, number>();
  for (const seq of data) {
    for (let k = 0; k < seq.offsets[seq.gold.length]!; k++) {
      const key = seq.keys[k]! >>> 0;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const minCount = opts.minCount ?? 1;
  const index = new Map<number, number>();
  const keyOf: number[] = [];
  for (const [key, c] of counts) {
    if (c >= minCount) {
      index.set(key, keyOf.length);
      keyOf.push(key);
    }
  }
  counts.clear();
  const F = keyOf.length;
  log(`features: ${F} (min count ${minCount})`);
  // Each sequence as dense feature rows.
  const rows = data.map((seq) => {
    const n = seq.gold.length;
    const offsets = new Int32Array(n + 1);
    const out: number[] = [];
    for (let t = 0; t < n; t++) {
      offsets[t] = out.length;
      for (let k = seq.offsets[t]!; k < seq.offsets[t + 1]!; k++) {
        const r = index.get(seq.keys[k]! >>> 0);
        if (r !== undefined) out.push(r);
      }
    }
    offsets[n] = out.length;
    return { feats: Int32Array.from(out), offsets, gold: Int32Array.from(seq.gold as ArrayLike<number>) };
  });

  const T = (L + 1) * L;
  const w = new Float64Array(F * L);
  const u = new Float64Array(F * L);
  const tw = new Float64Array(T);
  const tu = new Float64Array(T);
  // Forbidden transitions never win, so the perceptron never wastes updates on them.
  const mask = new Float64Array(T);
  for (let p = -1; p < L; p++) {
    for (let n = 0; n < L; n++) if (!allowed(opts.scheme, p < 0 ? null : opts.labels[p]!, opts.labels[n]!)) mask[(p + 1) * L + n] = -1e30;
  }
  const endOk = new Float64Array(L).map((_, i) => (allowedEnd(opts.scheme, opts.labels[i]!) ? 0 : -1e30));
  let c = 1;

  const averaged = (): ModelParts => {
    const weights = new Float32Array(F * L);
    for (let i = 0; i < weights.length; i++) weights[i] = w[i]! - u[i]! / c;
    const transitions = new Float32Array(T);
    for (let i = 0; i < T; i++) transitions[i] = tw[i]! - tu[i]! / c;
    return { labels: opts.labels, scheme: opts.scheme, keys: Uint32Array.from(keyOf), weights, transitions };
  };

  const order = rows.map((_, i) => i);
  const random = seededRandom(opts.seed);
  const transNow = new Float64Array(T);
  let best: { parts: ModelParts; score: number; epoch: number } | null = null;
  let sinceBest = 0;
  let epoch = 0;
  for (epoch = 1; epoch <= opts.maxEpochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let mistakes = 0;
    for (const idx of order) {
      const { feats, offsets, gold } = rows[idx]!;
      const n = gold.length;
      if (n === 0) continue;
      const em = new Float64Array(n * L);
      for (let t = 0; t < n; t++) {
        for (let k = offsets[t]!; k < offsets[t + 1]!; k++) {
          const base = feats[k]! * L;
          for (let y = 0; y < L; y++) em[t * L + y]! += w[base + y]!;
        }
      }
      for (let i = 0; i < T; i++) transNow[i] = tw[i]! + mask[i]!;
      const pred = viterbi(em, n, L, transNow, endOk);
      let wrong = false;
      for (let t = 0; t < n; t++) {
        const g = gold[t]!;
        const p = pred[t]!;
        if (g !== p) {
          wrong = true;
          for (let k = offsets[t]!; k < offsets[t + 1]!; k++) {
            const base = feats[k]! * L;
            w[base + g]! += 1;
            u[base + g]! += c;
            w[base + p]! -= 1;
            u[base + p]! -= c;
          }
        }
        const gPrev = t === 0 ? -1 : gold[t - 1]!;
        const pPrev = t === 0 ? -1 : pred[t - 1]!;
        if (g !== p || gPrev !== pPrev) {
          const gi = (gPrev + 1) * L + g;
          const pi = (pPrev + 1) * L + p;
          tw[gi]! += 1;
          tu[gi]! += c;
          tw[pi]! -= 1;
          tu[pi]! -= c;
        }
      }
      if (wrong) mistakes++;
      c++;
    }
    if (!opts.evaluate) {
      log(`epoch ${epoch}: ${mistakes} sentences wrong`);
      continue;
    }
    const parts = averaged();
    const score = opts.evaluate(new LinearChain(parts));
    log(`epoch ${epoch}: ${mistakes} sentences wrong; held-out ${score.toFixed(4)}`);
    if (!best || score > best.score) {
      best = { parts, score, epoch };
      sinceBest = 0;
    } else if (++sinceBest >= (opts.patience ?? 3)) {
      break;
    }
  }
  const chosen = best ?? { parts: averaged(), score: null, epoch: opts.maxEpochs };
  const parts = prune(chosen.parts, opts.pruneBelow ?? 0);
  return { parts, epochs: chosen.epoch, score: chosen.score, featureCount: parts.keys.length };
}

/** Drops feature rows whose every weight is below `below` in magnitude. */
export function prune(parts: ModelParts, below: number): ModelParts {
  const L = parts.labels.length;
  const keep: number[] = [];
  for (let r = 0; r < parts.keys.length; r++) {
    let max = 0;
    for (let y = 0; y < L; y++) max = Math.max(max, Math.abs(parts.weights[r * L + y]!));
    if (max > below && max > 0) keep.push(r);
  }
  keep.sort((a, b) => parts.keys[a]! - parts.keys[b]!);
  const keys = new Uint32Array(keep.length);
  const weights = new Float32Array(keep.length * L);
  keep.forEach((r, i) => {
    keys[i] = parts.keys[r]!;
    weights.set(parts.weights.subarray(r * L, r * L + L), i * L);
  });
  return { ...parts, keys, weights };
}

/**
 * The learned attribution tagger: one linear-chain pass per sentence over BIO tags for the three
 * roles of an attribution in PolNeAR — SRC (who), CUE (the reporting verb or phrase) and CNT
 * (what) — over the features of `claim-features.ts`. Sentences are tagged in order, because each
 * one reads what the previous one left (an open quotation, a cue, content running on).
 *
 * The reader's cues act on decoding, not on the weights: an added cue's tokens get a large bonus
 * for the CUE tags (so it is always a cue, and the Source and Content around it are tagged to
 * fit), a cue turned off gets a large penalty (so it never is).
 */
import { CLAIM_FEATURE_VERSION, type ClaimSentenceInput, NO_CARRY, type SentenceCarry, claimSentenceFeatures } from './claim-features';
import type { CueHit } from './cues';
import { LinearChain } from './learn/linear-chain';
import { type ModelFile, type ModelHeader, ModelFormatError } from './learn/model-file';

export const CLAIM_ROLES = ['SRC', 'CUE', 'CNT'] as const;
export type ClaimRole = (typeof CLAIM_ROLES)[number];

export interface RoleSpan {
  /** Token range [first, last) inside its sentence. */
  first: number;
  last: number;
  role: ClaimRole;
}

/** Per-token decoding constraints from the reader's cues: +1 must be a cue, -1 must not. */
export type CueForce = Int8Array | undefined;

const FORCE = 1000;

export class ClaimTagger {
  readonly header: ModelHeader;
  readonly chain: LinearChain;
  private readonly cueLabels: number[];

  constructor(model: ModelFile) {
    if (model.header.kind !== 'claims') throw new ModelFormatError(`expected a claims model, got "${model.header.kind}"`);
    if (model.header.featureVersion !== CLAIM_FEATURE_VERSION) {
      throw new ModelFormatError(`claims model was trained on features v${model.header.featureVersion}; this code computes v${CLAIM_FEATURE_VERSION}: run npm run train -- claims`);
    }
    this.header = model.header;
    this.chain = new LinearChain(model.parts);
    this.cueLabels = this.chain.labels.flatMap((l, i) => (l.endsWith('-CUE') ? [i] : []));
  }

  /** Tags an article's sentences in order; `force[k]` constrains sentence k's cue tags. */
  tagArticle(inputs: readonly ClaimSentenceInput[], cues: readonly (readonly (CueHit | null)[])[], force?: readonly CueForce[]): RoleSpan[][] {
    return tagSentences(this.chain, inputs, cues, force, this.cueLabels);
  }
}

const infos = new WeakMap<string[], { role: (ClaimRole | null)[]; begin: boolean[] }>();

/** Each label's role (null for O) and whether it opens a span, computed once per label list. */
function labelInfo(labels: string[]) {
  let info = infos.get(labels);
  if (!info) {
    info = { role: labels.map((l) => (l === 'O' ? null : (l.slice(2) as ClaimRole))), begin: labels.map((l) => l.startsWith('B-')) };
    infos.set(labels, info);
  }
  return info;
}

/** Shared by the tagger and training (held-out scoring with a model in the making). */
export function tagSentences(
  chain: LinearChain,
  inputs: readonly ClaimSentenceInput[],
  cues: readonly (readonly (CueHit | null)[])[],
  force?: readonly CueForce[],
  cueLabels: readonly number[] = chain.labels.flatMap((l, i) => (l.endsWith('-CUE') ? [i] : [])),
): RoleSpan[][] {
  let carry: SentenceCarry = NO_CARRY;
  const L = chain.labels.length;
  const info = labelInfo(chain.labels);
  const out: RoleSpan[][] = [];
  inputs.forEach((input, k) => {
    const n = input.lower.length;
    if (n === 0) {
      out.push([]);
      return;
    }
    const f = claimSentenceFeatures(input, cues[k]!, carry);
    const fk = force?.[k];
    let bias: Float32Array | undefined;
    if (fk) {
      bias = new Float32Array(n * L);
      for (let t = 0; t < n; t++) {
        if (fk[t] === 0) continue;
        // Forced in: every non-cue label pays; forced out: every cue label pays.
        for (let y = 0; y < L; y++) {
          const isCue = cueLabels.includes(y);
          if ((fk[t]! > 0 && !isCue) || (fk[t]! < 0 && isCue)) bias[t * L + y] = -FORCE;
        }
      }
    }
    const path = bias ? chain.decodeBiased(f.seq, n, bias) : chain.decode(f.seq, n);
    // Spans straight from label indices (BIO: a B, or an I of another role, opens one).
    const spans: RoleSpan[] = [];
    let open: RoleSpan | null = null;
    for (let t = 0; t < n; t++) {
      const role = info.role[path[t]!]!;
      if (role === null) {
        open = null;
        continue;
      }
      if (open && !info.begin[path[t]!] && open.role === role) {
        open.last = t + 1;
        continue;
      }
      open = { first: t, last: t + 1, role };
      spans.push(open);
    }
    const isContent = (t: number) => info.role[path[t]!] === 'CNT';
    out.push(spans);
    carry = {
      inQuote: f.inQuote && n < 200,
      hadCue: spans.some((s) => s.role === 'CUE'),
      endedInContent: isContent(n - 1) || (n > 1 && isContent(n - 2)),
    };
  });
  return out;
}

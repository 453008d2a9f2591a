/**
 * Trains the attribution tagger on PolNeAR train only; dev chooses the epoch. Writes
 * src/detect/models/claims.bin. Articles go through the same steps as detect() (tokens,
 * sentences, the shipped actor model), so the features agree with those seen at run time.
 * Gold roles come from the first annotator's file of each article; where attributions nest,
 * a token takes Cue over Source over Content. Deterministic for a seed (the header's date aside).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildContext } from '../../src/detect/actors';
import { trailingChromeStart } from '../../src/detect/chrome';
import { CLAIM_FEATURE_VERSION, type ClaimSentenceInput, NO_CARRY, type SentenceCarry, claimSentenceFeatures } from '../../src/detect/claim-features';
import { CLAIM_ROLES, type RoleSpan, tagSentences } from '../../src/detect/claim-tagger';
import type { CueHit } from '../../src/detect/cues';
import type { DetectionModels } from '../../src/detect/detection-models';
import { encodeSpans, labelsFor } from '../../src/detect/learn/labels';
import type { LinearChain } from '../../src/detect/learn/linear-chain';
import { encodeModel } from '../../src/detect/learn/model-file';
import { type TrainingSeq, trainPerceptron } from '../../src/detect/learn/perceptron';
import { findActorSpansLearned } from '../../src/detect/learned-actors';
import { claimInputs } from '../../src/detect/learned-claims';
import { compileWatchlist } from '../../src/detect/matcher';
import { type Sentence, splitSentences } from '../../src/detect/sentences';
import { tokenize, type Token } from '../../src/detect/tokens';
import { DEFAULT_WATCHLIST } from '../../src/detect/watchlist';
import { findActorSpans } from '../../src/detect/actors';
import { type PolnearArticle, readPolnear } from '../eval/polnear';
import { goldDir, repoRoot } from '../eval/paths';

export const CLAIMS_MODEL_FILE = path.join(repoRoot, 'src/detect/models/claims.bin');
const SCHEME = 'BIO' as const;
export const CLAIM_LABELS = labelsFor(SCHEME, [...CLAIM_ROLES]);

export interface PreparedArticle {
  text: string;
  tokens: readonly Token[];
  sentences: Sentence[];
  inputs: ClaimSentenceInput[];
  cues: (CueHit | null)[][];
  /** Gold label names per sentence. */
  gold: string[][];
  /** Gold character spans per role (overlap scoring). */
  goldSpans: Record<'SRC' | 'CUE' | 'CNT', { start: number; end: number }[]>;
}

const PRIORITY = { CNT: 1, SRC: 2, CUE: 3 } as const;
const ROLE_OF = ['', 'CNT', 'SRC', 'CUE'] as const;

/** detect()'s steps up to the actor spans, then the tagger's inputs. */
export function articleInputs(text: string, models: DetectionModels) {
  const all = tokenize(text);
  const cut = trailingChromeStart(text, all);
  const tokens = cut < all.length ? all.slice(0, cut) : all;
  const sentences = splitSentences(text, tokens);
  const ctx = buildContext(text, tokens, sentences, compileWatchlist(DEFAULT_WATCHLIST));
  const spans = models.actors ? findActorSpansLearned(ctx, sentences, models.actors, DEFAULT_WATCHLIST) : findActorSpans(ctx, sentences);
  const { inputs, cues } = claimInputs(ctx, sentences, spans);
  return { tokens, sentences, inputs, cues };
}

/** The tagger's Source, Cue and Content spans for a text, in characters (the evaluation's tagger rows). */
export function roleSpans(text: string, models: DetectionModels): { role: 'SRC' | 'CUE' | 'CNT'; start: number; end: number }[] {
  if (!models.claims) return [];
  const { tokens, sentences, inputs, cues } = articleInputs(text, models);
  const tagged = models.claims.tagArticle(inputs, cues);
  const out: { role: 'SRC' | 'CUE' | 'CNT'; start: number; end: number }[] = [];
  sentences.forEach((s, k) => {
    for (const r of tagged[k]!) out.push({ role: r.role, start: tokens[s.first + r.first]!.start, end: tokens[s.first + r.last - 1]!.end });
  });
  return out;
}

/** Runs detect()'s steps up to the actor spans, then reads the tagger's inputs and the gold roles. */
export function prepareArticle(a: PolnearArticle, models: DetectionModels): PreparedArticle {
  const { text } = a;
  const { tokens, sentences, inputs, cues } = articleInputs(text, models);
  // Character roles, highest priority wins.
  const charRole = new Uint8Array(text.length);
  const goldSpans: PreparedArticle['goldSpans'] = { SRC: [], CUE: [], CNT: [] };
  for (const att of a.attributions) {
    for (const [role, frags] of [['CNT', att.content], ['SRC', att.source], ['CUE', att.cue]] as const) {
      for (const f of frags) {
        for (let c = f.start; c < f.end && c < text.length; c++) if (charRole[c]! < PRIORITY[role]) charRole[c] = PRIORITY[role];
      }
    }
  }
  const seen = new Set<string>();
  for (const att of a.attributions) {
    for (const [role, frags] of [['CNT', att.content], ['SRC', att.source], ['CUE', att.cue]] as const) {
      if (frags.length === 0) continue;
      const span = { start: Math.min(...frags.map((f) => f.start)), end: Math.max(...frags.map((f) => f.end)) };
      const key = `${role}:${span.start}:${span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      goldSpans[role].push(span);
    }
  }
  const gold = sentences.map((s) => {
    const roles: string[] = [];
    for (let i = s.first; i < s.last; i++) {
      let best = 0;
      for (let c = tokens[i]!.start; c < tokens[i]!.end; c++) best = Math.max(best, charRole[c]!);
      roles.push(ROLE_OF[best]!);
    }
    const spans: { first: number; last: number; type: string }[] = [];
    roles.forEach((r, i) => {
      if (!r) return;
      const open = spans[spans.length - 1];
      if (open && open.last === i && open.type === r) open.last = i + 1;
      else spans.push({ first: i, last: i + 1, type: r });
    });
    return encodeSpans(SCHEME, roles.length, spans);
  });
  return { text, tokens, sentences, inputs, cues, gold, goldSpans };
}

/** Gold carry (what the previous sentence left) for teacher-forced training features. */
function goldCarry(labels: readonly string[], inQuote: boolean): SentenceCarry {
  const n = labels.length;
  return {
    inQuote: inQuote && n < 200,
    hadCue: labels.some((l) => l.endsWith('CUE')),
    endedInContent: n > 0 && (labels[n - 1]!.endsWith('CNT') || (n > 1 && labels[n - 2]!.endsWith('CNT'))),
  };
}

export function trainingSeqs(articles: readonly PreparedArticle[]): TrainingSeq[] {
  const index = new Map(CLAIM_LABELS.map((l, i) => [l, i]));
  const out: TrainingSeq[] = [];
  for (const a of articles) {
    let carry: SentenceCarry = NO_CARRY;
    a.inputs.forEach((input, k) => {
      if (input.lower.length === 0) return;
      const f = claimSentenceFeatures(input, a.cues[k]!, carry);
      out.push({ ...f.seq, gold: a.gold[k]!.map((l) => index.get(l)!) });
      carry = goldCarry(a.gold[k]!, f.inQuote);
    });
  }
  return out;
}

interface Counts { tp: number; fp: number; fn: number; recallTp: number }
const f1Of = (c: Counts) => {
  const p = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const r = c.recallTp + c.fn === 0 ? 0 : c.recallTp / (c.recallTp + c.fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
};

/** Held-out scores straight from the tags: sentence holds a Cue, and role spans by overlap. */
export function scoreTagging(chain: LinearChain, articles: readonly PreparedArticle[]) {
  const sent: Counts = { tp: 0, fp: 0, fn: 0, recallTp: 0 };
  const role: Record<string, Counts> = { SRC: { tp: 0, fp: 0, fn: 0, recallTp: 0 }, CUE: { tp: 0, fp: 0, fn: 0, recallTp: 0 }, CNT: { tp: 0, fp: 0, fn: 0, recallTp: 0 } };
  const ov = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
  for (const a of articles) {
    const tagged: RoleSpan[][] = tagSentences(chain, a.inputs, a.cues);
    const pred: Record<string, { start: number; end: number }[]> = { SRC: [], CUE: [], CNT: [] };
    a.sentences.forEach((s, k) => {
      for (const r of tagged[k]!) pred[r.role]!.push({ start: a.tokens[s.first + r.first]!.start, end: a.tokens[s.first + r.last - 1]!.end });
      const p = tagged[k]!.some((r) => r.role === 'CUE');
      const g = a.goldSpans.CUE.some((c) => ov(c, s));
      if (p && g) sent.tp++;
      else if (p) sent.fp++;
      else if (g) sent.fn++;
    });
    for (const r of ['SRC', 'CUE', 'CNT'] as const) {
      const P = pred[r]!;
      const G = a.goldSpans[r];
      const tp = P.filter((x) => G.some((g) => ov(x, g))).length;
      const rtp = G.filter((g) => P.some((x) => ov(x, g))).length;
      role[r]!.tp += tp;
      role[r]!.fp += P.length - tp;
      role[r]!.recallTp += rtp;
      role[r]!.fn += G.length - rtp;
    }
  }
  sent.recallTp = sent.tp;
  return { sentence: f1Of(sent), source: f1Of(role.SRC!), cue: f1Of(role.CUE!), content: f1Of(role.CNT!) };
}

export interface ClaimTrainOptions {
  seed: number;
  maxEpochs: number;
  models: DetectionModels;
  out?: string;
  /** Train on this many articles only (smoke runs). */
  limit?: number;
  log: (line: string) => void;
}

export function trainClaims(opts: ClaimTrainOptions) {
  const t0 = Date.now();
  const trainArticles = readPolnear('train', opts.limit ?? Infinity).map((a) => prepareArticle(a, opts.models));
  const devArticles = readPolnear('dev', opts.limit ?? Infinity).map((a) => prepareArticle(a, opts.models));
  const data = trainingSeqs(trainArticles);
  opts.log(`prepared ${trainArticles.length} train articles (${data.length} sentences) and ${devArticles.length} dev articles in ${Date.now() - t0} ms`);
  let lastScores: ReturnType<typeof scoreTagging> | null = null;
  const result = trainPerceptron(data, {
    labels: CLAIM_LABELS,
    scheme: SCHEME,
    seed: opts.seed,
    maxEpochs: opts.maxEpochs,
    patience: 3,
    minCount: 2,
    // Averaged weights are sums over updates; rows whose largest weight is under 12 change
    // almost no decision (dev F1 within 0.1) and pruning them brings the file from 3.7 MB to under 1 MB.
    pruneBelow: 12,
    evaluate: (m) => {
      const s = scoreTagging(m, devArticles);
      lastScores = s;
      const f = (x: { p: number; r: number; f1: number }) => `${(x.f1 * 100).toFixed(1)} (P ${(x.p * 100).toFixed(1)} R ${(x.r * 100).toFixed(1)})`;
      opts.log(`  dev: sentence ${f(s.sentence)}, source ${f(s.source)}, cue ${f(s.cue)}, content ${f(s.content)}`);
      return (s.sentence.f1 + s.source.f1 + s.cue.f1 + s.content.f1) / 4;
    },
    log: opts.log,
  });
  void lastScores;
  const trainDir = path.join(goldDir, 'polnear', 'train');
  const hash = createHash('sha256');
  const files: string[] = [];
  for (const sub of ['text', 'attributions']) {
    for (const f of readdirSync(path.join(trainDir, sub)).sort()) {
      files.push(`polnear/train/${sub}/${f}`);
      hash.update(f).update(readFileSync(path.join(trainDir, sub, f)));
    }
  }
  const bytes = encodeModel(
    {
      kind: 'claims',
      featureVersion: CLAIM_FEATURE_VERSION,
      trainingData: { files: ['polnear/train/text/*.txt', 'polnear/train/attributions/*.ann'], sha256: hash.digest('hex') },
      seed: opts.seed,
      date: new Date().toISOString().slice(0, 10),
      epochs: result.epochs,
      heldOut: { name: 'PolNeAR dev: mean of sentence-Cue F1 and Source/Cue/Content overlap F1 (tags)', score: Math.round((result.score ?? 0) * 10000) / 10000 },
      groups: [],
    },
    result.parts,
  );
  if (opts.out) writeFileSync(opts.out, bytes);
  return { bytes, score: result.score ?? 0, epochs: result.epochs, features: result.featureCount, files: files.length };
}

/**
 * Trains the actor tagger on CoNLL-2003 train only; valid chooses the epoch. Writes
 * src/detect/models/actors.bin. Deterministic for a seed: the same data, seed and code give the
 * same bytes (the date in the header aside).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ACTOR_FEATURE_VERSION, type ActorFeatureGroup, actorSentenceFeatures, documentFacts } from '../../src/detect/actor-features';
import { ACTOR_TYPES, parseGazetteer, watchlistIndex } from '../../src/detect/actor-tagger';
import { encodeSpans, labelsFor, spansOf } from '../../src/detect/learn/labels';
import type { LinearChain } from '../../src/detect/learn/linear-chain';
import { encodeModel } from '../../src/detect/learn/model-file';
import { type TrainingSeq, trainPerceptron } from '../../src/detect/learn/perceptron';
import type { PhraseIndex } from '../../src/detect/phrase-index';
import { DEFAULT_WATCHLIST } from '../../src/detect/watchlist';
import { groupStories, readConll, type Sent } from '../eval/conll';
import { goldDir, repoRoot } from '../eval/paths';

export const ACTORS_MODEL_FILE = path.join(repoRoot, 'src/detect/models/actors.bin');
const GAZETTEER_FILE = path.join(repoRoot, 'src/detect/models/gazetteer.txt');

export interface ActorTrainOptions {
  seed: number;
  groups: Set<ActorFeatureGroup>;
  maxEpochs: number;
  out?: string;
  log: (line: string) => void;
}

/** IOB2 tags → spans → the scheme's label names. */
function goldLabels(tags: readonly string[], scheme: 'BILOU'): string[] {
  const bio = tags.map((t) => (t === 'O' ? 'O' : `${t.startsWith('B-') ? 'B' : 'I'}-${t.slice(2)}`));
  // conlleval: an I- after O or another type opens a new entity.
  const fixed = bio.map((t, i) => (t.startsWith('I-') && (i === 0 || bio[i - 1]!.slice(2) !== t.slice(2)) ? `B-${t.slice(2)}` : t));
  return encodeSpans(scheme, tags.length, spansOf(fixed));
}

function featurise(stories: Sent[][], groups: Set<ActorFeatureGroup>, gazetteer: PhraseIndex, watch: PhraseIndex) {
  const out: { seq: ReturnType<typeof actorSentenceFeatures>['seq']; sent: Sent }[] = [];
  for (const story of stories) {
    const words = story.map((s) => s.tokens);
    const doc = groups.has('doc') ? documentFacts(words) : null;
    let inQuote = false;
    for (const s of story) {
      const f = actorSentenceFeatures(s.tokens, doc, { groups, gazetteer, watchlist: watch }, inQuote);
      inQuote = f.inQuote;
      out.push({ seq: f.seq, sent: s });
    }
  }
  return out;
}

/** Micro F1 over PER/ORG/LOC, exact span and type, on CoNLL's own tokens. */
export function conllF1(model: LinearChain, data: ReturnType<typeof featurise>): { f1: number; byType: Record<string, number> } {
  const tp: Record<string, number> = {};
  const fp: Record<string, number> = {};
  const fn: Record<string, number> = {};
  for (const { seq, sent } of data) {
    const path = model.decode(seq, sent.tokens.length);
    const pred = spansOf(Array.from(path, (y) => model.labels[y]!)).filter((s) => s.type !== 'MISC');
    const gold = spansOf(goldLabels(sent.tags, 'BILOU')).filter((s) => s.type !== 'MISC');
    const g = new Set(gold.map((s) => `${s.first}:${s.last}:${s.type}`));
    for (const s of pred) {
      const k = `${s.first}:${s.last}:${s.type}`;
      if (g.has(k)) {
        tp[s.type] = (tp[s.type] ?? 0) + 1;
        g.delete(k);
      } else fp[s.type] = (fp[s.type] ?? 0) + 1;
    }
    for (const k of g) {
      const t = k.split(':')[2]!;
      fn[t] = (fn[t] ?? 0) + 1;
    }
  }
  const f = (a: number, b: number, c: number) => (a === 0 ? 0 : (2 * a) / (2 * a + b + c));
  const sum = (r: Record<string, number>) => Object.values(r).reduce((x, y) => x + y, 0);
  const byType = Object.fromEntries(['PER', 'ORG', 'LOC'].map((t) => [t, f(tp[t] ?? 0, fp[t] ?? 0, fn[t] ?? 0)]));
  return { f1: f(sum(tp), sum(fp), sum(fn)), byType };
}

export function trainActors(opts: ActorTrainOptions): { bytes: Uint8Array; score: number; epochs: number; features: number } {
  const trainFile = path.join(goldDir, 'conll2003', 'train.txt');
  const validFile = path.join(goldDir, 'conll2003', 'valid.txt');
  const gazetteer = parseGazetteer(readFileSync(GAZETTEER_FILE, 'utf8'));
  const watch = watchlistIndex(DEFAULT_WATCHLIST);
  const labels = labelsFor('BILOU', [...ACTOR_TYPES]);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const t0 = Date.now();
  const train = featurise(groupStories(readConll(trainFile)), opts.groups, gazetteer, watch);
  const valid = featurise(groupStories(readConll(validFile)), opts.groups, gazetteer, watch);
  opts.log(`featurised ${train.length} train and ${valid.length} valid sentences in ${Date.now() - t0} ms`);
  const data: TrainingSeq[] = train.map(({ seq, sent }) => ({ ...seq, gold: goldLabels(sent.tags, 'BILOU').map((l) => labelIndex.get(l)!) }));
  const result = trainPerceptron(data, {
    labels,
    scheme: 'BILOU',
    seed: opts.seed,
    maxEpochs: opts.maxEpochs,
    patience: 3,
    minCount: 1,
    pruneBelow: 0.05,
    evaluate: (m) => conllF1(m, valid).f1,
    log: opts.log,
  });
  const sha = createHash('sha256').update(readFileSync(trainFile)).digest('hex');
  const bytes = encodeModel(
    {
      kind: 'actors',
      featureVersion: ACTOR_FEATURE_VERSION,
      trainingData: { files: ['conll2003/train.txt'], sha256: sha },
      seed: opts.seed,
      date: new Date().toISOString().slice(0, 10),
      epochs: result.epochs,
      heldOut: { name: 'CoNLL-2003 valid micro F1 (CoNLL tokens)', score: Math.round((result.score ?? 0) * 10000) / 10000 },
      groups: [...opts.groups].sort(),
    },
    result.parts,
  );
  if (opts.out) writeFileSync(opts.out, bytes);
  return { bytes, score: result.score ?? 0, epochs: result.epochs, features: result.featureCount };
}

/**
 * PolNeAR attribution scoring. For each article we read one annotator's brat file (the first in
 * name order). Sentences are our own splitter's sentences over the article text, used as the
 * unit for both gold and predictions: a sentence is gold-positive when it overlaps a Cue span
 * (or, in the variant, a Cue or Content span), predicted-positive when it overlaps a claim's
 * cue. Source and Cue spans are matched by overlap: precision counts predicted spans that
 * overlap some gold span, recall counts gold spans overlapped by some prediction.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type Detector, rulesDetector } from './detector';
import { splitSentences } from '../../src/detect/sentences';
import { tokenize } from '../../src/detect/tokens';
import type { Detections } from '../../src/detect/types';
import { goldDir } from './paths';
import { type PRF, overlaps, prf } from './prf';

interface Span { start: number; end: number }
export interface PolnearArticle { id: string; text: string; cues: Span[]; sources: Span[]; contents: Span[] }

export function readPolnear(split = 'dev', limit = Infinity): PolnearArticle[] {
  const dir = path.join(goldDir, 'polnear', split);
  const annFiles = readdirSync(path.join(dir, 'attributions')).filter((f) => f.endsWith('.ann')).sort();
  const firstAnn = new Map<string, string>();
  for (const f of annFiles) {
    const id = f.replace(/_[^_]+\.ann$/, '');
    if (!firstAnn.has(id)) firstAnn.set(id, f);
  }
  const articles: PolnearArticle[] = [];
  for (const t of readdirSync(path.join(dir, 'text')).filter((f) => f.endsWith('.txt')).sort()) {
    if (articles.length >= limit) break;
    const id = t.replace(/\.txt$/, '');
    const text = readFileSync(path.join(dir, 'text', t), 'utf8');
    const a: PolnearArticle = { id, text, cues: [], sources: [], contents: [] };
    const ann = firstAnn.get(id);
    if (ann) {
      for (const line of readFileSync(path.join(dir, 'attributions', ann), 'utf8').split('\n')) {
        const m = /^T\d+\t(\w+) ([\d; ]+)\t/.exec(line);
        if (!m) continue;
        // Discontinuous spans ("10 20;30 40") count from their first start to their last end.
        const nums = m[2]!.split(/[ ;]/).map(Number);
        const span = { start: Math.min(...nums), end: Math.max(...nums) };
        if (m[1] === 'Cue') a.cues.push(span);
        else if (m[1] === 'Source') a.sources.push(span);
        else if (m[1] === 'Content') a.contents.push(span);
      }
    }
    articles.push(a);
  }
  return articles;
}

export interface PolnearScores {
  sentence: PRF;
  sentenceWithContent: PRF;
  source: PRF;
  cue: PRF;
  articles: number;
  words: number;
  seconds: number;
  wordsPerSecond: number;
}

function spanPRF(pred: readonly Span[], gold: readonly Span[]): { tp: number; fp: number; fn: number } {
  const tpP = pred.filter((p) => gold.some((g) => overlaps(p, g))).length;
  const tpG = gold.filter((g) => pred.some((p) => overlaps(p, g))).length;
  return { tp: tpP, fp: pred.length - tpP, fn: gold.length - tpG };
}

export function scorePolnear(split = 'dev', limit = Infinity, run: Detector = rulesDetector): PolnearScores {
  const articles = readPolnear(split, limit);
  const s = { tp: 0, fp: 0, fn: 0 };
  const sc = { tp: 0, fp: 0, fn: 0 };
  const src = { tp: 0, fp: 0, fn: 0, recallTp: 0 };
  const cue = { tp: 0, fp: 0, fn: 0, recallTp: 0 };
  let words = 0;
  let ms = 0;
  const results: Detections[] = [];
  for (const a of articles) {
    const t0 = performance.now();
    results.push(run(a.text));
    ms += performance.now() - t0;
    words += a.text.split(/\s+/).filter(Boolean).length;
  }
  articles.forEach((a, k) => {
    const { claims } = results[k]!;
    const sentences = splitSentences(a.text, tokenize(a.text));
    const predCues = claims.map((c) => ({ start: c.cueStart, end: c.cueEnd }));
    const predSources = claims.filter((c) => c.speakerStart !== null && c.speakerEnd !== null).map((c) => ({ start: c.speakerStart!, end: c.speakerEnd! }));
    for (const sent of sentences) {
      const gold = a.cues.some((g) => overlaps(g, sent));
      const goldC = gold || a.contents.some((g) => overlaps(g, sent));
      const pred = predCues.some((p) => overlaps(p, sent));
      if (pred && gold) s.tp++;
      else if (pred) s.fp++;
      else if (gold) s.fn++;
      if (pred && goldC) sc.tp++;
      else if (pred) sc.fp++;
      else if (goldC) sc.fn++;
    }
    for (const [acc, pred, gold] of [[src, predSources, a.sources], [cue, predCues, a.cues]] as const) {
      const r = spanPRF(pred, gold);
      acc.tp += r.tp;
      acc.fp += r.fp;
      acc.fn += r.fn;
      acc.recallTp += gold.length - r.fn;
    }
  });
  // Precision from predicted spans, recall from gold spans (they can differ under overlap matching).
  const spanScore = (x: { tp: number; fp: number; fn: number; recallTp: number }): PRF => {
    const p = prf(x.tp, x.fp, 0).precision;
    const r = prf(x.recallTp, 0, x.fn).recall;
    return { tp: x.tp, fp: x.fp, fn: x.fn, precision: p, recall: r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
  };
  const seconds = ms / 1000;
  return {
    sentence: prf(s.tp, s.fp, s.fn),
    sentenceWithContent: prf(sc.tp, sc.fp, sc.fn),
    source: spanScore(src),
    cue: spanScore(cue),
    articles: articles.length,
    words,
    seconds,
    wordsPerSecond: seconds > 0 ? words / seconds : 0,
  };
}

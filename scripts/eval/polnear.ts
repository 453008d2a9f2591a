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
/** One attribution: its roles, each as its fragments (discontinuous spans have several). */
export interface PolnearAttribution { cue: Span[]; source: Span[]; content: Span[] }
export interface PolnearArticle { id: string; text: string; cues: Span[]; sources: Span[]; contents: Span[]; attributions: PolnearAttribution[] }

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
    const a: PolnearArticle = { id, text, cues: [], sources: [], contents: [], attributions: [] };
    const ann = firstAnn.get(id);
    if (ann) {
      const fragments = new Map<string, Span[]>();
      const lines = readFileSync(path.join(dir, 'attributions', ann), 'utf8').split('\n');
      for (const line of lines) {
        const m = /^(T\d+)\t[\w-]+ ([\d; ]+)\t/.exec(line);
        if (m) fragments.set(m[1]!, m[2]!.split(';').map((f) => f.trim().split(' ').map(Number)).map(([start, end]) => ({ start: start!, end: end! })));
      }
      for (const line of lines) {
        const e = /^E\d+\t(.*)$/.exec(line);
        if (!e) continue;
        const roles: PolnearAttribution = { cue: [], source: [], content: [] };
        for (const part of e[1]!.trim().split(/\s+/)) {
          const [role, ref] = part.split(':');
          const frags = fragments.get(ref ?? '') ?? [];
          if (role === 'Cue') roles.cue.push(...frags);
          else if (role === 'Source') roles.source.push(...frags);
          else if (role === 'Content') roles.content.push(...frags);
        }
        if (roles.cue.length) a.attributions.push(roles);
      }
      for (const line of lines) {
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
  /** Content spans by overlap, and exactly (ignoring quotation marks, spaces and punctuation at either end). */
  content: PRF;
  contentExact: PRF;
  /** Of the claims whose cue overlaps a gold Cue: the speaker span overlaps that attribution's Source (or both have none). */
  speakerAccuracy: number;
  speakerMatched: number;
  /** The trained tagger's own spans (every Source and Cue it marks, before claims are made of them). */
  tagger?: { sentence: PRF; source: PRF; cue: PRF };
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

/** Trims what an annotator may or may not include at a span's ends: spaces, quotation marks, punctuation. */
function trimSpan(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /[\s\p{P}]/u.test(text[start]!)) start++;
  while (end > start && /[\s\p{P}]/u.test(text[end - 1]!)) end--;
  return { start, end };
}

export interface RoleSpanChars { role: 'SRC' | 'CUE' | 'CNT'; start: number; end: number }

/**
 * `rolesOf` gives the trained tagger's Source, Cue and Content spans: Content is scored from
 * them, and the tagger's own rows too; without it, the claims' spans stand for their content
 * (the rules have nothing finer).
 */
export function scorePolnear(split = 'dev', limit = Infinity, run: Detector = rulesDetector, rolesOf?: (text: string) => RoleSpanChars[]): PolnearScores {
  const articles = readPolnear(split, limit);
  const s = { tp: 0, fp: 0, fn: 0 };
  const sc = { tp: 0, fp: 0, fn: 0 };
  const src = { tp: 0, fp: 0, fn: 0, recallTp: 0 };
  const cue = { tp: 0, fp: 0, fn: 0, recallTp: 0 };
  const content = { tp: 0, fp: 0, fn: 0, recallTp: 0 };
  const exact = { tp: 0, fp: 0, fn: 0 };
  const tSent = { tp: 0, fp: 0, fn: 0 };
  const tSrc = { tp: 0, fp: 0, fn: 0, recallTp: 0 };
  const tCue = { tp: 0, fp: 0, fn: 0, recallTp: 0 };
  let speakerOk = 0;
  let speakerMatched = 0;
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
    const roles = rolesOf ? rolesOf(a.text) : null;
    const predContent = roles ? roles.filter((r) => r.role === 'CNT') : claims.map((c) => ({ start: c.start, end: c.end }));
    if (roles) {
      const tagCues = roles.filter((r) => r.role === 'CUE');
      for (const sent of sentences) {
        const gold = a.cues.some((g) => overlaps(g, sent));
        const pred = tagCues.some((p) => overlaps(p, sent));
        if (pred && gold) tSent.tp++;
        else if (pred) tSent.fp++;
        else if (gold) tSent.fn++;
      }
      for (const [acc, pred, gold] of [[tSrc, roles.filter((r) => r.role === 'SRC'), a.sources], [tCue, tagCues, a.cues]] as const) {
        const r = spanPRF(pred, gold);
        acc.tp += r.tp;
        acc.fp += r.fp;
        acc.fn += r.fn;
        acc.recallTp += gold.length - r.fn;
      }
    }
    const key = (x: Span) => {
      const t = trimSpan(a.text, x);
      return `${t.start}:${t.end}`;
    };
    const goldExact = new Set(a.contents.map(key));
    const predExact = new Set(predContent.map(key));
    for (const k of predExact) if (goldExact.has(k)) exact.tp++;
    else exact.fp++;
    for (const k of goldExact) if (!predExact.has(k)) exact.fn++;
    for (const c of claims) {
      const at = a.attributions.find((g) => g.cue.some((f) => overlaps(f, { start: c.cueStart, end: c.cueEnd })));
      if (!at) continue;
      speakerMatched++;
      if (c.speakerStart === null || c.speakerEnd === null) {
        if (at.source.length === 0) speakerOk++;
      } else if (at.source.some((f) => overlaps(f, { start: c.speakerStart!, end: c.speakerEnd! }))) speakerOk++;
    }
    for (const [acc, pred, gold] of [[src, predSources, a.sources], [cue, predCues, a.cues], [content, predContent, a.contents]] as const) {
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
    content: spanScore(content),
    contentExact: prf(exact.tp, exact.fp, exact.fn),
    speakerAccuracy: speakerMatched ? speakerOk / speakerMatched : 0,
    speakerMatched,
    tagger: rolesOf ? { sentence: prf(tSent.tp, tSent.fp, tSent.fn), source: spanScore(tSrc), cue: spanScore(tCue) } : undefined,
    articles: articles.length,
    words,
    seconds,
    wordsPerSecond: seconds > 0 ? words / seconds : 0,
  };
}

/**
 * CoNLL-2003 (IOB2) entity scoring with conlleval semantics: an entity is a maximal B-/I- run
 * of one type (an I- after O or another type starts a new entity, as conlleval does); a
 * prediction counts only with the exact span and type; MISC is ignored.
 *
 * Each sentence's text is its tokens joined by single spaces; sentences of one story are joined
 * by newlines and passed to detect() together, as an article. Stories are told apart by their
 * dateline ("LONDON 1996-08-30"): a story starts at the headline just before it. The data has
 * no other document markers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Detector, rulesDetector } from './detector';
import type { ActorType } from '../../src/detect/types';
import { goldDir } from './paths';
import { type PRF, prf } from './prf';

type Tag = 'PER' | 'ORG' | 'LOC';
const TYPE_TAG: Record<ActorType, Tag> = { person: 'PER', organization: 'ORG', place: 'LOC' };

export interface Sent { tokens: string[]; tags: string[] }

export function readConll(file: string): Sent[] {
  const sents: Sent[] = [];
  let cur: Sent = { tokens: [], tags: [] };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (!line.trim() || parts[0] === '-DOCSTART-') {
      if (cur.tokens.length) sents.push(cur);
      cur = { tokens: [], tags: [] };
      continue;
    }
    cur.tokens.push(parts[0]!);
    cur.tags.push(parts[1] ?? 'O');
  }
  if (cur.tokens.length) sents.push(cur);
  return sents;
}

/** Entities as "start:end:TAG" over global token indexes. */
function goldEntities(tags: readonly string[], offset: number, out: Set<string>): void {
  let start = -1;
  let type = '';
  const close = (end: number) => {
    if (start >= 0 && type !== 'MISC') out.add(`${offset + start}:${offset + end}:${type}`);
    start = -1;
    type = '';
  };
  tags.forEach((tag, i) => {
    const [bio, t = ''] = tag.split('-');
    if (bio === 'O') return close(i);
    if (bio === 'B' || t !== type) {
      close(i);
      start = i;
      type = t;
    }
  });
  close(tags.length);
}

function isDateline(s: Sent): boolean {
  return s.tokens.length <= 8 && /^\d{4}-\d\d-\d\d$/.test(s.tokens[s.tokens.length - 1] ?? '');
}

/** Sentences grouped into stories: a story starts at the headline just before a dateline. */
export function groupStories(sents: readonly Sent[]): Sent[][] {
  const docs: Sent[][] = [];
  sents.forEach((s, i) => {
    const next = sents[i + 1];
    const startsStory = docs.length === 0 || (next !== undefined && isDateline(next) && !isDateline(s));
    if (startsStory) docs.push([]);
    docs[docs.length - 1]!.push(s);
  });
  return docs;
}

export interface ConllScores {
  micro: PRF;
  byType: Record<Tag, PRF>;
  sentences: number;
  documents: number;
}

/**
 * `limitDocs` scores only the first N stories (a deterministic subset); `debug` receives one line
 * per false positive and false negative, for error analysis.
 */
export function scoreConll(file = path.join(goldDir, 'conll2003', 'valid.txt'), limitDocs = Infinity, debug?: (lines: string[]) => void, run: Detector = rulesDetector): ConllScores {
  const sents = readConll(file);
  const allTokens = sents.flatMap((s) => s.tokens);
  const docs = groupStories(sents);
  const gold = new Set<string>();
  const pred = new Set<string>();
  let tokenOffset = 0;
  let nSent = 0;
  for (const doc of docs.slice(0, limitDocs)) {
    let text = '';
    const starts = new Map<number, number>();
    const ends = new Map<number, number>();
    let k = tokenOffset;
    for (const s of doc) {
      if (text) text += '\n';
      goldEntities(s.tags, k, gold);
      s.tokens.forEach((tok, j) => {
        if (j > 0) text += ' ';
        starts.set(text.length, k);
        text += tok;
        ends.set(text.length, k + 1);
        k++;
      });
      nSent++;
    }
    for (const m of run(text).actors) {
      if (m.demonym) continue; // CoNLL tags nationalities as MISC, which is not scored
      const a = starts.get(m.start);
      const b = ends.get(m.end);
      // A span not on token boundaries can never match; it still counts as a prediction.
      pred.add(a !== undefined && b !== undefined ? `${a}:${b}:${TYPE_TAG[m.type]}` : `x${m.start}:${m.end}:${tokenOffset}`);
    }
    tokenOffset = k;
  }
  const count = (tag?: Tag) => {
    const g = [...gold].filter((e) => !tag || e.endsWith(`:${tag}`));
    const p = [...pred].filter((e) => !tag || e.endsWith(`:${tag}`));
    const gs = new Set(g);
    const tp = p.filter((e) => gs.has(e)).length;
    return prf(tp, p.length - tp, g.length - tp);
  };
  if (debug) {
    const g2 = new Map<string, string>();
    for (const e of gold) { const [a, b, t] = e.split(':'); g2.set(`${a}:${b}`, t!); }
    const out: string[] = [];
    for (const e of pred) {
      if (gold.has(e)) continue;
      const [a, b, t] = e.split(':');
      out.push(`FP ${t} gold=${g2.get(`${a}:${b}`) ?? '-'} ${allTokens.slice(Number(a), Number(b)).join(' ')}`);
    }
    const p2 = new Set([...pred].map((e) => e.split(':').slice(0, 2).join(':')));
    for (const e of gold) {
      if (pred.has(e)) continue;
      const [a, b, t] = e.split(':');
      out.push(`FN ${t} ${p2.has(`${a}:${b}`) ? 'typed' : 'span'} ${allTokens.slice(Number(a), Number(b)).join(' ')}`);
    }
    debug(out);
  }
  return {
    micro: count(),
    byType: { PER: count('PER'), ORG: count('ORG'), LOC: count('LOC') },
    sentences: nSent,
    documents: Math.min(docs.length, limitDocs),
  };
}

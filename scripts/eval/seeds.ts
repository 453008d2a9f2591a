/**
 * Scores the two sample articles against seeds.json. Actor mentions are compared per surface
 * string and type (counts); claims are matched when the claim span overlaps a gold claim's
 * anchor; `optional` items count neither way; a highlight on a `chrome` string is an error.
 * A speaker is correct when both are null, or one name contains the other as whole words
 * ("Officials" for "Officials in Washington"), case-insensitively; the predicted name is the
 * canonical actor or the text of the predicted speaker span (the gold writes names as the
 * text does: "the EU", not "European Union").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Detector } from './detector';
import type { ActorType } from '../../src/detect/types';
import { goldDir, sharedDir } from './paths';
import { type PRF, overlaps, prf } from './prf';

interface GoldActor { text: string; type: ActorType; count: number; optional?: boolean }
interface GoldClaim { anchor: string; speaker: string | null; sourcing: string; optional?: boolean }
interface GoldDoc { file: string; actors: GoldActor[]; claims: GoldClaim[]; not_claims?: string[]; chrome?: string[] }

/** Which gold file, and the folder its `file` paths are relative to. */
export const SEEDS_GOLD = { gold: 'seeds.json', texts: 'seeds' } as const;
export const NEWS_DEV_GOLD = { gold: 'news-dev.json', texts: 'corpus' } as const;

export interface SeedScores {
  actors: Record<ActorType, PRF>;
  claims: PRF;
  sourcingAccuracy: number;
  speakerAccuracy: number;
  chromeHighlights: number;
  /** Claims predicted on sentences listed as `not_claims`. */
  notClaimHits: number;
  documents: number;
  errors: string[];
}

const TYPES: ActorType[] = ['person', 'organization', 'place'];

function normSpeaker(s: string | null): string {
  return (s ?? '').toLowerCase().replace(/^the\s+/, '').trim();
}

export function speakerMatches(pred: string | null, gold: string | null): boolean {
  if (pred === null || gold === null) return pred === gold;
  const p = normSpeaker(pred);
  const g = normSpeaker(gold);
  if (p === g) return true;
  const contains = (a: string, b: string) => new RegExp(`(^|\\W)${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|\\W)`).test(a);
  return contains(p, g) || contains(g, p);
}

export function scoreSeeds(run: Detector, set: { gold: string; texts: string } = SEEDS_GOLD): SeedScores {
  const gold = JSON.parse(readFileSync(path.join(goldDir, set.gold), 'utf8')) as { documents: GoldDoc[] };
  const counts = Object.fromEntries(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<ActorType, { tp: number; fp: number; fn: number }>;
  let ctp = 0, cfp = 0, cfn = 0, sourcingOk = 0, speakerOk = 0, matched = 0, chrome = 0, notClaimHits = 0;
  const errors: string[] = [];
  for (const doc of gold.documents) {
    const text = readFileSync(path.join(sharedDir, set.texts, doc.file), 'utf8');
    const { actors, claims } = run(text);
    // Actors, per surface string and type.
    const predCount = new Map<string, number>();
    for (const a of actors) predCount.set(`${a.type}\u0000${a.text}`, (predCount.get(`${a.type}\u0000${a.text}`) ?? 0) + 1);
    const optionalTexts = new Set(doc.actors.filter((g) => g.optional).map((g) => g.text));
    for (const g of doc.actors) {
      if (g.optional) continue;
      const key = `${g.type}\u0000${g.text}`;
      const p = predCount.get(key) ?? 0;
      const tp = Math.min(p, g.count);
      counts[g.type].tp += tp;
      counts[g.type].fn += g.count - tp;
      if (g.count > tp) errors.push(`${doc.file}: missed ${g.count - tp}× ${g.type} "${g.text}"`);
      predCount.set(key, p - tp);
    }
    for (const [key, n] of predCount) {
      const [type, text] = key.split('\u0000') as [ActorType, string];
      if (n <= 0 || optionalTexts.has(text)) continue;
      counts[type].fp += n;
      errors.push(`${doc.file}: extra ${n}× ${type} "${text}"`);
    }
    // Claims, by anchor overlap.
    const anchors = doc.claims.map((c) => {
      const start = text.indexOf(c.anchor);
      if (start < 0) throw new Error(`${doc.file}: anchor not found: ${c.anchor}`);
      return { ...c, start, end: start + c.anchor.length, hit: false };
    });
    for (const c of claims) {
      const hits = anchors.filter((a) => overlaps(a, c));
      const open = hits.find((a) => !a.optional && !a.hit);
      if (open) {
        open.hit = true;
        ctp++;
        matched++;
        if (c.sourcing === open.sourcing) sourcingOk++;
        else errors.push(`${doc.file}: sourcing ${c.sourcing} ≠ ${open.sourcing}: ${open.anchor}`);
        // The gold names the speaker as the text does ("the EU", "UK"); Claimlens gives the
        // canonical actor ("European Union") and the span it was named by: either may match.
        const named = c.speakerStart !== null && c.speakerEnd !== null ? text.slice(c.speakerStart, c.speakerEnd) : null;
        if (speakerMatches(c.speaker, open.speaker) || (named !== null && speakerMatches(named, open.speaker))) speakerOk++;
        else errors.push(`${doc.file}: speaker ${c.speaker} ≠ ${open.speaker}: ${open.anchor}`);
      } else if (hits.some((a) => a.optional)) {
        continue;
      } else {
        cfp++;
        errors.push(`${doc.file}: extra claim: ${c.text.slice(0, 70)}`);
      }
    }
    for (const a of anchors) if (!a.optional && !a.hit) {
      cfn++;
      errors.push(`${doc.file}: missed claim: ${a.anchor}`);
    }
    for (const s of doc.not_claims ?? []) {
      const at = text.indexOf(s);
      if (at < 0) continue;
      const span = { start: at, end: at + s.length };
      const n = claims.filter((c) => overlaps(c, span)).length;
      notClaimHits += n;
      if (n) errors.push(`${doc.file}: claim on a not-claim sentence: ${s.slice(0, 70)}`);
    }
    // Highlights on page chrome.
    for (const s of doc.chrome ?? []) {
      for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) {
        const span = { start: at, end: at + s.length };
        const painted = [...actors.filter((a) => overlaps(a, span)).map((a) => `${a.type} "${a.text}"`), ...claims.filter((c) => overlaps(c, span)).map(() => 'a claim')];
        chrome += painted.length;
        for (const p of painted) errors.push(`${doc.file}: ${p} painted on chrome "${s.slice(0, 60)}"`);
      }
    }
  }
  return {
    actors: Object.fromEntries(TYPES.map((t) => [t, prf(counts[t].tp, counts[t].fp, counts[t].fn)])) as Record<ActorType, PRF>,
    claims: prf(ctp, cfp, cfn),
    sourcingAccuracy: matched ? sourcingOk / matched : 0,
    speakerAccuracy: matched ? speakerOk / matched : 0,
    chromeHighlights: chrome,
    notClaimHits,
    documents: gold.documents.length,
    errors,
  };
}

/**
 * Re-anchoring: where is a saved passage in today's version of the page text?
 * Pure string maths, no DOM. Tried cheapest first: the saved position, then the exact
 * quote, then a fuzzy match (Myers' bit-parallel search via approx-string-match) scored on
 * the quote, its prefix and suffix, and the distance from the saved position.
 *
 * Unlike annotation tools that always paint their best guess, a match must clear a minimum
 * score and beat the runner-up clearly; otherwise the passage is an orphan ("no longer on
 * this page"). A missing highlight can be noticed; one on the wrong sentence misleads.
 */
import search from 'approx-string-match';

export interface QuoteSelectorLike {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface PositionSelectorLike {
  start: number;
  end: number;
}

export interface AnchorTarget {
  quote: QuoteSelectorLike;
  position?: PositionSelectorLike;
}

export type AnchorMethod = 'position' | 'exact' | 'fuzzy';

export interface Anchor {
  start: number;
  end: number;
  /** 0..1: how sure the match is (1 = the quote and its context as saved). */
  score: number;
  method: AnchorMethod;
}

/** Weights of the evidence; the quote itself counts most, context next, position least. */
const WEIGHT = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const TOTAL_WEIGHT = WEIGHT.quote + WEIGHT.prefix + WEIGHT.suffix + WEIGHT.position;

export const ANCHOR_THRESHOLDS = {
  /** Share of the quote's characters that may differ in a fuzzy match. */
  maxQuoteErrorRate: 0.2,
  /** Lowest overall score a fuzzy match may have. */
  minFuzzyScore: 0.75,
  /** Below this length an exact match also needs its context to agree (a single word repeats). */
  shortQuote: 24,
  /** Lowest mean prefix/suffix similarity for a short quote or a moved position. */
  minContext: 0.5,
  /**
   * Below this length an exact match away from the saved position also needs its context:
   * a credit line or a stock phrase ("Continue reading the main story") repeats on a page,
   * and a deleted passage must not land on the copy that is left.
   */
  longQuote: 64,
  /** With several exact copies, the chosen one's context must beat the next copy's by this much. */
  minContextMargin: 0.05,
  /** The best candidate must beat the next by this much, or the passage is ambiguous. */
  minMargin: 0.02,
} as const;

/** 1 − edit distance / length, comparing `expected` with the best-aligned part of `actual`. */
function similarity(actual: string, expected: string): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  const matches = search(actual, expected, expected.length);
  const errors = matches.reduce((min, m) => Math.min(min, m.errors), expected.length);
  return 1 - errors / expected.length;
}

function contextScores(text: string, start: number, end: number, quote: QuoteSelectorLike) {
  const prefix = quote.prefix ? similarity(text.slice(Math.max(0, start - quote.prefix.length), start), quote.prefix) : 1;
  const suffix = quote.suffix ? similarity(text.slice(end, end + quote.suffix.length), quote.suffix) : 1;
  return { prefix, suffix, mean: (prefix + suffix) / 2 };
}

function scoreAt(text: string, start: number, end: number, quoteSimilarity: number, target: AnchorTarget) {
  const context = contextScores(text, start, end, target.quote);
  const position = target.position
    ? 1 - Math.min(1, Math.abs(start - target.position.start) / Math.max(1, text.length))
    : 0.5;
  const score =
    (WEIGHT.quote * quoteSimilarity + WEIGHT.prefix * context.prefix + WEIGHT.suffix * context.suffix + WEIGHT.position * position) /
    TOTAL_WEIGHT;
  return { score, context: context.mean };
}

function exactOccurrences(text: string, exact: string, limit = 1000): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(exact); at >= 0 && found.length < limit; at = text.indexOf(exact, at + 1)) found.push(at);
  return found;
}

interface Candidate {
  start: number;
  end: number;
  score: number;
  context: number;
}

function best(candidates: Candidate[]): { top: Candidate; margin: number } | null {
  if (candidates.length === 0) return null;
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  const top = sorted[0]!;
  // Overlapping candidates are the same place found twice, not rivals.
  const rival = sorted.find((c) => c.end <= top.start || c.start >= top.end);
  return { top, margin: rival ? top.score - rival.score : 1 };
}

/** Is there a good fuzzy (edited) match of the quote around its saved position, apart from `exact`? */
function editedCopyNear(text: string, target: AnchorTarget, pos: PositionSelectorLike, exact: { start: number; end: number }): boolean {
  const quote = target.quote.exact;
  const from = Math.max(0, pos.start - quote.length - 200);
  const to = Math.min(text.length, pos.end + quote.length + 200);
  const maxErrors = Math.floor(quote.length * ANCHOR_THRESHOLDS.maxQuoteErrorRate);
  return search(text.slice(from, to), quote, maxErrors).some((m) => {
    const start = from + m.start;
    const end = from + m.end;
    const overlapsExact = start < exact.end && end > exact.start;
    return !overlapsExact && m.errors > 0 && scoreAt(text, start, end, 1 - m.errors / quote.length, target).score >= ANCHOR_THRESHOLDS.minFuzzyScore;
  });
}

export function anchorQuote(text: string, target: AnchorTarget): Anchor | null {
  const { exact } = target.quote;
  if (!exact || exact.length > text.length) return null;
  const t = ANCHOR_THRESHOLDS;
  const short = exact.length < t.shortQuote;

  // 1. The saved position still holds the quote, and the quote is unique or its context agrees.
  const pos = target.position;
  if (pos && pos.end - pos.start === exact.length && text.slice(pos.start, pos.end) === exact) {
    const unique = text.indexOf(exact) === pos.start && text.indexOf(exact, pos.start + 1) < 0;
    if (unique || contextScores(text, pos.start, pos.end, target.quote).mean >= t.minContext) {
      return { start: pos.start, end: pos.end, score: 1, method: 'position' };
    }
  }

  // 2. The exact quote elsewhere: the best-scored occurrence, if it is clearly the best.
  const exacts = exactOccurrences(text, exact).map((start) => ({
    start,
    end: start + exact.length,
    ...scoreAt(text, start, start + exact.length, 1, target),
  }));
  const exactPick = best(exacts);
  if (exactPick) {
    const { top, margin } = exactPick;
    const needsContext = exact.length < t.longQuote || exacts.length > 1;
    // Identical copies with the same context (a caption printed twice) differ only by
    // position, which says little once paragraphs have come and gone: no guess.
    const rival = exacts.length > 1 ? Math.max(...exacts.filter((c) => c !== top).map((c) => c.context)) : 0;
    if (exacts.length > 1 && top.context - rival < t.minContextMargin) return null;
    if ((!needsContext || top.context >= t.minContext) && margin >= t.minMargin) {
      // An exact copy elsewhere, while an edited version of the passage still sits at the old
      // place (a caption repeating a sentence of the story): two candidates, no guess.
      if (!short && pos && top.start !== pos.start && editedCopyNear(text, target, pos, top)) return null;
      return { start: top.start, end: top.end, score: top.score, method: 'exact' };
    }
    if (margin < t.minMargin) return null; // several equally good places: refuse to guess
  }

  // 3. A fuzzy match of the quote, for passages edited since they were saved.
  if (short) return null; // a short quote with a typo matches too much of any page
  const maxErrors = Math.floor(exact.length * t.maxQuoteErrorRate);
  const fuzzy = search(text, exact, maxErrors).map((m) => ({
    start: m.start,
    end: m.end,
    ...scoreAt(text, m.start, m.end, 1 - m.errors / exact.length, target),
  }));
  const fuzzyPick = best(fuzzy);
  if (!fuzzyPick) return null;
  const { top, margin } = fuzzyPick;
  if (top.score < t.minFuzzyScore || margin < t.minMargin) return null;
  return { start: top.start, end: top.end, score: top.score, method: 'fuzzy' };
}

export interface AnchoredAnnotation<T> {
  annotation: T;
  anchor: Anchor | null;
}

/** Anchors many saved passages against one text, computed once by the caller. */
export function anchorAll<T>(text: string, items: readonly T[], targetOf: (item: T) => AnchorTarget | null): AnchoredAnnotation<T>[] {
  return items.map((annotation) => {
    const target = targetOf(annotation);
    return { annotation, anchor: target ? anchorQuote(text, target) : null };
  });
}

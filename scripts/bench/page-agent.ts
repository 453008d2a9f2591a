/**
 * The bench's helper inside the page (main world). Bundled by esbuild into one IIFE string
 * (see `bundle.ts`) and evaluated in the page after Claimlens has painted, so the bench reads
 * the article with the very code the extension runs (`src/page/article.ts`, `text-map.ts`)
 * and times Readability.js, mark.js and re-anchoring on the same live document.
 *
 * Plain data in and out: everything crosses the Playwright boundary as JSON.
 */
import { Readability } from '@mozilla/readability';
import { readArticle } from '../../src/page/article';
import { domPointsAt, type TextMap } from '../../src/page/text-map';
import { anchorQuote, anchorAvailable } from 'claimlens-bench:anchor';
import type { AnchorSelectors, AnchorResult } from './anchor-types';

export interface TimingEntry {
  name: string;
  startTime: number;
  duration: number;
}

export interface Collected {
  marks: TimingEntry[];
  measures: TimingEntry[];
  longTasks: TimingEntry[];
  /** Number of ranges in each `claimlens-*` highlight. */
  highlights: Record<string, number>;
  /** Distinct texts of the person, organization and place ranges (what mark.js gets). */
  actorTerms: string[];
  /** The text of every painted actor and claim range (for the share inside the true body). */
  paintedTexts: string[];
}

interface HighlightRegistry {
  highlights: Map<string, Set<Range>>;
}
type HighlightCtor = new (...ranges: Range[]) => unknown;

declare global {
  interface Window {
    __claimlensBenchLongTasks?: TimingEntry[];
    __claimlensBenchTiming?: TimingEntry[];
    Mark?: new (context: Element) => {
      mark(terms: string[], options: Record<string, unknown>): void;
      unmark(options?: Record<string, unknown>): void;
    };
  }
}

const PREFIX = 'claimlens:';
const MARKS = new Set([`${PREFIX}start`, `${PREFIX}painted`]);
const ACTOR_HIGHLIGHTS = ['claimlens-person', 'claimlens-organization', 'claimlens-place'];
const CLAIM_HIGHLIGHTS = ['claimlens-claim-named', 'claimlens-claim-vague', 'claimlens-claim-unattributed'];

let article: { root: Element; map: TextMap } | null = null;

function registry(): Map<string, Set<Range>> {
  return (CSS as unknown as HighlightRegistry).highlights;
}

function plain(entry: PerformanceEntry): TimingEntry {
  return { name: entry.name, startTime: entry.startTime, duration: entry.duration };
}

/** Our User Timing entries (from the timeline, or from the init script's observer if the page cleared them) and the long tasks seen so far. */
export function collect(): Collected {
  const fromTimeline = [...performance.getEntriesByType('mark'), ...performance.getEntriesByType('measure')]
    .filter((e) => e.name.startsWith(PREFIX))
    .map(plain);
  const observed = (window.__claimlensBenchTiming ?? []).filter((e) => e.name.startsWith(PREFIX));
  const seen = new Set<string>();
  const all: TimingEntry[] = [];
  for (const e of [...fromTimeline, ...observed]) {
    const key = `${e.name}@${e.startTime}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(e);
  }
  const highlights: Record<string, number> = {};
  const terms = new Set<string>();
  const paintedTexts: string[] = [];
  for (const [name, highlight] of registry()) {
    if (!name.startsWith('claimlens-') || name.startsWith('claimlens-bench')) continue;
    highlights[name.slice('claimlens-'.length)] = highlight.size;
    if (ACTOR_HIGHLIGHTS.includes(name)) for (const range of highlight) terms.add(range.toString());
    if (ACTOR_HIGHLIGHTS.includes(name) || CLAIM_HIGHLIGHTS.includes(name)) for (const range of highlight) paintedTexts.push(range.toString());
  }
  return {
    marks: all.filter((e) => MARKS.has(e.name)),
    measures: all.filter((e) => !MARKS.has(e.name)),
    longTasks: [...(window.__claimlensBenchLongTasks ?? [])],
    highlights,
    actorTerms: [...terms].filter((t) => t.trim().length > 0).sort(),
    paintedTexts,
  };
}

export interface ScopeResult {
  found: boolean;
  text: string;
  headline: string | null;
  ms: number;
}

/** The text Claimlens treats as the article: `readArticle(document).map.text`, the same code the content script runs. */
export function readScope(): ScopeResult {
  const t0 = performance.now();
  const found = readArticle(document);
  const ms = performance.now() - t0;
  article = found ? { root: found.scope.root, map: found.map } : null;
  return {
    found: found !== null,
    text: found?.map.text ?? '',
    headline: found?.scope.headline?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
    ms,
  };
}

export function readability(): { found: boolean; text: string; ms: number } {
  const t0 = performance.now();
  const parsed = new Readability(document.cloneNode(true) as Document).parse();
  const ms = performance.now() - t0;
  const text = parsed?.textContent ?? '';
  return { found: text.trim().length > 0, text, ms };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function articleTextNodes(root: Element): Text[] {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => {
      const parent = node.parentElement;
      return parent && /^(SCRIPT|STYLE|NOSCRIPT|TEXTAREA)$/.test(parent.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/**
 * Our way of painting the same terms mark.js gets, from scratch: find every whole-word
 * occurrence in the article's text nodes (one pass, all terms at once), build a Range for
 * each, register one Highlight. More work than the extension's paint step, which gets the
 * offsets from detection and only builds the ranges; the highlight is removed afterwards.
 */
export function paintEquivalent(terms: string[]): { ms: number; ranges: number } {
  if (!article || terms.length === 0) return { ms: 0, ranges: 0 };
  const Ctor = (window as unknown as { Highlight: HighlightCtor }).Highlight;
  const t0 = performance.now();
  const alternation = [...terms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation})(?![\\p{L}\\p{N}])`, 'gu');
  const ranges: Range[] = [];
  for (const node of articleTextNodes(article.root)) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(node.data); m; m = pattern.exec(node.data)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      ranges.push(range);
    }
  }
  registry().set('claimlens-bench', new Ctor(...ranges) as Set<Range>);
  const ms = performance.now() - t0;
  registry().delete('claimlens-bench');
  return { ms, ranges: ranges.length };
}

const PUNCTUATION = [',', '.', ';', ':', '!', '?', '"', "'", '“', '”', '‘', '’', '(', ')', '[', ']', '-', '–', '—', '/'];

/**
 * mark.js on the same article element and terms: whole terms, case-sensitive, no diacritics
 * expansion (we do none either), punctuation allowed at the word edges. Unmarked at once so
 * the page is as it was for the steps that follow.
 */
export function markjs(terms: string[]): { ms: number; marks: number; restored: boolean } {
  if (!article || terms.length === 0 || !window.Mark) return { ms: 0, marks: 0, restored: true };
  const before = article.root.textContent;
  const instance = new window.Mark(article.root);
  let marks = 0;
  const t0 = performance.now();
  instance.mark(terms, {
    separateWordSearch: false,
    caseSensitive: true,
    diacritics: false,
    accuracy: { value: 'exactly', limiters: PUNCTUATION },
    each: () => {
      marks++;
    },
  });
  const ms = performance.now() - t0;
  instance.unmark();
  return { ms, marks, restored: article.root.textContent === before && article.root.querySelector('mark[data-markjs]') === null };
}

// ---------------------------------------------------------------------------------------
// Re-anchoring

export interface AnchorRun {
  available: boolean;
  /** Time to anchor every annotation (page text already computed). */
  anchorMs: number;
  /** ...plus building their ranges over the live DOM and registering one Highlight (unchanged text only). */
  paintMs: number;
  results: (AnchorResult | null)[];
  error?: string;
}

/**
 * Anchors saved selectors against `text` (the live article text when `text` is null), all
 * in one pass with the text computed once, as a revisit does; when anchoring against the
 * live page also paints them.
 */
export function reanchor(selectors: AnchorSelectors[], text: string | null): AnchorRun {
  if (!anchorAvailable) return { available: false, anchorMs: 0, paintMs: 0, results: [] };
  const live = text === null;
  if (live && !article) return { available: true, anchorMs: 0, paintMs: 0, results: [], error: 'no article on the page' };
  const source = live ? article!.map.text : text;
  try {
    const t0 = performance.now();
    const results = selectors.map((s) => anchorQuote(source, s));
    const t1 = performance.now();
    let paintMs = 0;
    if (live) {
      const Ctor = (window as unknown as { Highlight: HighlightCtor }).Highlight;
      const ranges: Range[] = [];
      for (const r of results) {
        if (!r) continue;
        const points = domPointsAt(article!.map, r.start, r.end);
        if (!points) continue;
        const range = document.createRange();
        range.setStart(points.start.node, points.start.offset);
        range.setEnd(points.end.node, points.end.offset);
        ranges.push(range);
      }
      registry().set('claimlens-bench-saved', new Ctor(...ranges) as Set<Range>);
      paintMs = performance.now() - t0;
      registry().delete('claimlens-bench-saved');
    }
    return { available: true, anchorMs: t1 - t0, paintMs, results };
  } catch (error) {
    return { available: true, anchorMs: 0, paintMs: 0, results: [], error: error instanceof Error ? error.message : String(error) };
  }
}

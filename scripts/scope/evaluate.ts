/** Runs our article finder and Readability.js on the same corpus page and scores both. */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { readArticle } from '../../src/page/article';
import { type CorpusPage, parsePage } from './corpus';
import { type Overlap, leadFound, overlap, sameHeadline, shingleOverlap, tokens } from './measure';

export interface PageResult {
  id: string;
  source: string;
  frontPage: boolean;
  /** Words in the text we take as the article (0 when we found none). */
  words: number;
  found: boolean;
  /** The scrapinghub metric: token 4-shingles (see `shingleOverlap`). */
  ours: Overlap | null;
  readability: Overlap | null;
  /** Bag-of-tokens overlap, the figure this script reported before the shingles. */
  oursBag: Overlap | null;
  readabilityBag: Overlap | null;
  /** The page has a true body (its text, or for lead-only pages its first words). */
  hasTrueBody: boolean;
  readabilityFound: boolean;
  probablyReaderable: boolean;
  /** The first words of the body are in our text / Readability's (pages with only a lead). */
  leadOurs: boolean | null;
  leadReadability: boolean | null;
  headline: string | null;
  headlineMatches: boolean | null;
  /** First (cold) run of each; `*Warm` the fastest of the repeats. */
  ms: { ours: number; readability: number; readerable: number; oursWarm: number; readabilityWarm: number };
}

/**
 * Runs `fn` `times` times: the first run's time (cold, as a content script meets a page) and
 * the fastest (warm: least disturbed by GC and other load, but helped by happy-dom's caches).
 */
function timed<T>(times: number, fn: () => T): { result: T; ms: number; warmMs: number } {
  let best = Infinity;
  let first = 0;
  let result!: T;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    result = fn();
    const ms = performance.now() - t0;
    if (i === 0) first = ms;
    best = Math.min(best, ms);
  }
  return { result, ms: first, warmMs: best };
}

export function evaluatePage(page: CorpusPage, options: { readability?: boolean; repeat?: number } = {}): PageResult {
  const { window, document } = parsePage(page);
  const repeat = Math.max(1, options.repeat ?? 1);
  try {
    const ours = timed(repeat, () => readArticle(document));
    const article = ours.result;
    const text = article?.map.text ?? '';
    const headline = article?.scope.headline?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

    let readabilityText = '';
    let readabilityFound = false;
    let probablyReaderable = false;
    let msReadability = 0;
    let msReaderable = 0;
    let msReadabilityWarm = 0;
    if (options.readability !== false) {
      const readerable = timed(repeat, () => isProbablyReaderable(document));
      const parsed = timed(repeat, () => new Readability(document.cloneNode(true) as Document).parse());
      probablyReaderable = readerable.result;
      readabilityText = parsed.result?.textContent ?? '';
      readabilityFound = readabilityText.trim().length > 0;
      msReaderable = readerable.ms;
      msReadability = parsed.ms;
      msReadabilityWarm = parsed.warmMs;
    }
    const scored = !page.frontPage && page.expected !== null;
    return {
      id: page.id,
      source: page.source,
      frontPage: page.frontPage,
      words: tokens(text).length,
      found: article !== null,
      ours: scored ? shingleOverlap(text, page.expected!) : null,
      readability: scored && options.readability !== false ? shingleOverlap(readabilityText, page.expected!) : null,
      oursBag: scored ? overlap(text, page.expected!) : null,
      readabilityBag: scored && options.readability !== false ? overlap(readabilityText, page.expected!) : null,
      hasTrueBody: !page.frontPage && tokens(page.expected ?? page.leadWords ?? '').length > 0,
      readabilityFound,
      probablyReaderable,
      leadOurs: page.leadWords ? leadFound(text, page.leadWords) : null,
      leadReadability: page.leadWords && options.readability !== false ? leadFound(readabilityText, page.leadWords) : null,
      headline,
      headlineMatches: page.frontPage || !page.title ? null : headline !== null && sameHeadline(headline, page.title),
      ms: { ours: ours.ms, readability: msReadability, readerable: msReaderable, oursWarm: ours.warmMs, readabilityWarm: msReadabilityWarm },
    };
  } finally {
    void window.happyDOM.close();
  }
}

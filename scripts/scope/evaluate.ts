/** Runs our article finder and Readability.js on the same corpus page and scores both. */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { readArticle } from '../../src/page/article';
import { type CorpusPage, parsePage } from './corpus';
import { type Overlap, leadFound, overlap, sameHeadline, tokens } from './measure';

export interface PageResult {
  id: string;
  source: string;
  frontPage: boolean;
  /** Words in the text we take as the article (0 when we found none). */
  words: number;
  found: boolean;
  ours: Overlap | null;
  readability: Overlap | null;
  readabilityFound: boolean;
  probablyReaderable: boolean;
  /** The first words of the body are in our text / Readability's (pages with only a lead). */
  leadOurs: boolean | null;
  leadReadability: boolean | null;
  headline: string | null;
  headlineMatches: boolean | null;
  ms: { ours: number; readability: number; readerable: number };
}

export function evaluatePage(page: CorpusPage, options: { readability?: boolean } = {}): PageResult {
  const { window, document } = parsePage(page);
  try {
    const t0 = performance.now();
    const article = readArticle(document);
    const t1 = performance.now();
    const text = article?.map.text ?? '';
    const headline = article?.scope.headline?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

    let readabilityText = '';
    let readabilityFound = false;
    let probablyReaderable = false;
    let msReadability = 0;
    let msReaderable = 0;
    if (options.readability !== false) {
      const t2 = performance.now();
      probablyReaderable = isProbablyReaderable(document);
      const t3 = performance.now();
      const parsed = new Readability(document.cloneNode(true) as Document).parse();
      const t4 = performance.now();
      readabilityText = parsed?.textContent ?? '';
      readabilityFound = readabilityText.trim().length > 0;
      msReaderable = t3 - t2;
      msReadability = t4 - t3;
    }
    const scored = !page.frontPage && page.expected !== null;
    return {
      id: page.id,
      source: page.source,
      frontPage: page.frontPage,
      words: tokens(text).length,
      found: article !== null,
      ours: scored ? overlap(text, page.expected!) : null,
      readability: scored && options.readability !== false ? overlap(readabilityText, page.expected!) : null,
      readabilityFound,
      probablyReaderable,
      leadOurs: page.leadWords ? leadFound(text, page.leadWords) : null,
      leadReadability: page.leadWords && options.readability !== false ? leadFound(readabilityText, page.leadWords) : null,
      headline,
      headlineMatches: page.frontPage || !page.title ? null : headline !== null && sameHeadline(headline, page.title),
      ms: { ours: t1 - t0, readability: msReadability, readerable: msReaderable },
    };
  } finally {
    void window.happyDOM.close();
  }
}

/** Token-level agreement between the text we take as the article and the true article text. */

/** Lowercase runs of letters and digits: the unit both texts are compared in. */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function bag(list: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of list) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

export interface Overlap {
  /** Tokens in the text we found, in the true text, and in both (bag intersection). */
  found: number;
  truth: number;
  both: number;
  precision: number;
  recall: number;
}

/**
 * Bag-of-tokens overlap. An empty answer on a page that has an article scores 0 on both
 * counts: finding nothing is a miss, not a vacuous success.
 */
export function overlap(found: string, truth: string): Overlap {
  const a = tokens(found);
  const b = tokens(truth);
  const truthBag = bag(b);
  let both = 0;
  for (const [t, n] of bag(a)) both += Math.min(n, truthBag.get(t) ?? 0);
  return {
    found: a.length,
    truth: b.length,
    both,
    precision: a.length ? both / a.length : 0,
    recall: b.length ? both / b.length : 0,
  };
}

/** Word tokens as the scrapinghub benchmark cuts them (Python's `\w+`, case kept). */
export function wordTokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}_\p{M}]+/gu) ?? [];
}

function shingles(text: string, n: number): Map<string, number> {
  const t = wordTokens(text);
  const counts = new Map<string, number>();
  // As the benchmark does: a text shorter than n tokens is one shingle of what it has.
  for (let i = 0; i < Math.max(1, t.length - n + 1); i++) {
    const key = t.slice(i, i + n).join(' ');
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * The scrapinghub article-extraction-benchmark metric for one page: token 4-shingles counted
 * as a bag on each side, true positives the shared counts. Precision and recall are averaged
 * over pages and F1 is taken of the means (`f1`). An empty answer on a page with an article
 * scores 0 on both counts; two empty texts score 1.
 */
export function shingleOverlap(found: string, truth: string, n = 4): Overlap {
  const a = shingles(found, n);
  const b = shingles(truth, n);
  let both = 0;
  let foundCount = 0;
  let truthCount = 0;
  for (const [k, c] of a) {
    foundCount += c;
    both += Math.min(c, b.get(k) ?? 0);
  }
  for (const c of b.values()) truthCount += c;
  if (foundCount === 0 && truthCount === 0) return { found: 0, truth: 0, both: 0, precision: 1, recall: 1 };
  return {
    found: foundCount,
    truth: truthCount,
    both,
    precision: foundCount ? both / foundCount : 0,
    recall: truthCount ? both / truthCount : 0,
  };
}

/** F1 of a precision and a recall (the benchmark takes it of the macro means). */
export function f1(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

export function mean(xs: number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0;
}

export function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Whether a heading's text is the page's headline (same words, allowing a site-name suffix). */
export function sameHeadline(heading: string, title: string): boolean {
  const h = tokens(heading).join(' ');
  const t = tokens(title).join(' ');
  if (!h || !t) return false;
  return h === t || t.startsWith(h) || h.startsWith(t) || t.includes(h) && h.length >= 20;
}

/** Whether the first words of the body appear in the text (postlight pages give only these). */
export function leadFound(text: string, leadWords: string): boolean {
  const lead = tokens(leadWords).join(' ');
  return lead.length > 0 && tokens(text).join(' ').includes(lead);
}

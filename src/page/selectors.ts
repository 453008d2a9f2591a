/**
 * W3C selectors for a span of the article text: a TextQuoteSelector (the exact words with a
 * little context either side) and a TextPositionSelector (offsets). Pure string maths.
 */
import type { TextPositionSelector, TextQuoteSelector } from '../annotation/record';

/** Context kept either side of a quote; enough to tell repeated phrases apart. */
export const QUOTE_CONTEXT = 32;

export function selectorsFor(
  text: string,
  start: number,
  end: number,
): { quote: TextQuoteSelector; position: TextPositionSelector } {
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - QUOTE_CONTEXT), start),
      suffix: text.slice(end, end + QUOTE_CONTEXT),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/** Shrinks [start, end) so it neither starts nor ends with white space. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

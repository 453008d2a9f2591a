/**
 * Text fragments (https://wicg.github.io/scroll-to-text-fragment/): `#:~:text=` links that
 * make the browser scroll to and highlight a passage.
 *
 *   #:~:text=[prefix-,]textStart[,textEnd][,-suffix]
 *
 * The directive's own syntax uses "-", "," and "&", so those must be percent-encoded inside
 * each part; encodeURIComponent leaves "-" (and ! ' ( ) * ~) alone, so they are encoded here
 * too — "(" and ")" also because they would end a Markdown link.
 */
import type { TextQuoteSelector } from '../annotation/record';

export function encodeFragmentPart(text: string): string {
  return encodeURIComponent(text).replace(/[-!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Quotes longer than this many words are linked by their first and last words (a range). */
export const RANGE_WORDS = 10;
const EDGE_WORDS = 4;
/** Words of context kept on each side; enough to tell repeated phrases apart. */
const CONTEXT_WORDS = 3;

function words(text: string): string[] {
  return text.split(/\s+/u).filter(Boolean);
}

/**
 * Context words that can be matched: the browser matches prefix and suffix on word
 * boundaries, and a stored prefix usually begins (a suffix ends) in the middle of a word,
 * so the outer, possibly cut, word is dropped unless the context starts (ends) with a space.
 */
function prefixWords(prefix: string): string[] {
  const all = words(prefix);
  return (/^\s/u.test(prefix) ? all : all.slice(1)).slice(-CONTEXT_WORDS);
}

function suffixWords(suffix: string): string[] {
  const all = words(suffix);
  return (/\s$/u.test(suffix) ? all : all.slice(0, -1)).slice(0, CONTEXT_WORDS);
}

const WORD_CHAR_END = /[\p{L}\p{N}]$/u;
const WORD_CHAR_START = /^[\p{L}\p{N}]/u;

/** The `text=` directive value for a quote. */
export function textDirective(quote: Pick<TextQuoteSelector, 'exact' | 'prefix' | 'suffix'>): string {
  const exact = words(quote.exact);
  // A quote that starts or ends inside a word ("ministr|y said") has no usable context on that
  // side: the browser looks for the prefix, then white space or a word boundary, then the text.
  const prefix =
    WORD_CHAR_END.test(quote.prefix) && WORD_CHAR_START.test(quote.exact) ? [] : prefixWords(quote.prefix);
  const suffix =
    WORD_CHAR_START.test(quote.suffix) && WORD_CHAR_END.test(quote.exact) ? [] : suffixWords(quote.suffix);
  const parts: string[] = [];
  if (prefix.length) parts.push(`${encodeFragmentPart(prefix.join(' '))}-`);
  if (exact.length > RANGE_WORDS) {
    parts.push(encodeFragmentPart(exact.slice(0, EDGE_WORDS).join(' ')));
    parts.push(encodeFragmentPart(exact.slice(-EDGE_WORDS).join(' ')));
  } else {
    parts.push(encodeFragmentPart(exact.join(' ')));
  }
  if (suffix.length) parts.push(`-${encodeFragmentPart(suffix.join(' '))}`);
  return parts.join(',');
}

/** The page address with a text fragment for the quote (any existing fragment replaced). */
export function textFragmentUrl(source: string, quote: Pick<TextQuoteSelector, 'exact' | 'prefix' | 'suffix'>): string {
  const hash = source.indexOf('#');
  const base = hash === -1 ? source : source.slice(0, hash);
  return `${base}#:~:text=${textDirective(quote)}`;
}

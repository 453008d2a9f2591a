/**
 * The search vocabulary: how snippet, note, title, actor and tag text becomes index tokens.
 * Records and queries go through the same function, so whatever a reader types matches what
 * was indexed: case, accents and punctuation are folded away.
 */

/** Tokens shorter than this are not indexed ("a", the "s" of "Biden's"). */
export const MIN_TOKEN = 2;
/** Longer tokens (URLs, hashes) are cut here; a query token is cut the same way, so it still matches. */
export const MAX_TOKEN = 40;
/**
 * Distinct tokens indexed per record. A 20,000-character note would otherwise add thousands of
 * index entries; snippets are sentences, and the first 300 distinct words cover them whole.
 */
export const MAX_TOKENS_PER_RECORD = 300;

/**
 * Words so common that an index entry for them costs space and never narrows a search.
 * Dropped from records and from queries alike (except the word still being typed, which
 * is a prefix: "the" may be the start of "theory").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'an and are as at be but by for from had has have he her his if in into is it its ' +
    'of on or our she that the their them they this to was we were which who with you'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;
/** On ASCII text the same words as WORD, without Unicode property lookups. */
const ASCII_WORD = /[a-z0-9]+/g;
const NON_ASCII = /[^\x00-\x7f]/;

/** Folds case and accents: "Élysée" and "elysee" are one word. */
export function foldText(text: string): string {
  // ASCII has no accents to fold; most English news text takes this path (3× faster to tokenise).
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** The distinct index tokens of some texts, in first-seen order, stop words removed. */
export function tokensOf(texts: readonly string[], max = MAX_TOKENS_PER_RECORD): string[] {
  const seen = new Set<string>();
  for (const text of texts) {
    const folded = foldText(text);
    for (const match of folded.matchAll(NON_ASCII.test(folded) ? WORD : ASCII_WORD)) {
      const token = match[0].slice(0, MAX_TOKEN);
      if (token.length < MIN_TOKEN || STOP_WORDS.has(token)) continue;
      seen.add(token);
      if (seen.size >= max) return [...seen];
    }
  }
  return [...seen];
}

export interface QueryTerm {
  text: string;
  /** The last word of a query still being typed matches every word it begins. */
  prefix: boolean;
}

/**
 * A search box's text as terms. Every word must match; the last one is a prefix unless the
 * query ends in white space (the reader has finished typing it).
 */
export function queryTerms(query: string): QueryTerm[] {
  const words = [...foldText(query).matchAll(WORD)].map((m) => m[0].slice(0, MAX_TOKEN));
  const lastIsPrefix = !/\s$/u.test(query);
  const terms: QueryTerm[] = [];
  words.forEach((text, i) => {
    const prefix = lastIsPrefix && i === words.length - 1;
    if (!prefix && (text.length < MIN_TOKEN || STOP_WORDS.has(text))) return;
    if (terms.some((t) => t.text === text && t.prefix === prefix)) return;
    terms.push({ text, prefix });
  });
  return terms;
}

/** Does a record's token list satisfy a term? */
export function termMatches(term: QueryTerm, tokens: readonly string[]): boolean {
  return term.prefix ? tokens.some((t) => t.startsWith(term.text)) : tokens.includes(term.text);
}

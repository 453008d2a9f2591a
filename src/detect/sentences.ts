/**
 * Sentence splitting over tokens. Lines are always boundaries (article text from the page
 * puts blocks on their own lines, and a headline has no full stop); inside a line we split
 * after . ! ? when the next word could start a sentence. Abbreviations keep their dot inside
 * the token, so "U.S. officials" never splits; "the U.S. The ..." splits because "The" is a
 * closed-class word that starts sentences.
 */
import { type Token, isCapitalized } from './tokens';

export interface Sentence {
  start: number;
  end: number;
  /** Token index range [first, last) into the article's tokens. */
  first: number;
  last: number;
}

const CLOSERS = new Set(['"', '\u201d', "'", '\u2019', ')', ']', '\u00bb']);
const STARTERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'in', 'on', 'at', 'but', 'and', 'this', 'that',
  'these', 'those', 'his', 'her', 'their', 'its', 'our', 'there', 'meanwhile', 'however', 'after', 'before',
  'while', 'when', 'as', 'if', 'for', 'some', 'many', 'officials', 'according',
]);
// Long "sentences" (lists, text without punctuation) are cut so later passes stay linear.
const MAX_TOKENS = 120;

export function splitSentences(text: string, tokens: readonly Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (last: number) => {
    if (last > first) {
      sentences.push({ start: tokens[first]!.start, end: tokens[last - 1]!.end, first, last });
    }
    first = last;
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) break;
    // A newline between two tokens ends the sentence.
    if (text.slice(tok.end, next.start).includes('\n')) {
      close(i + 1);
      continue;
    }
    if (i + 1 - first >= MAX_TOKENS && !tok.word) {
      close(i + 1);
      continue;
    }
    if (i + 1 - first >= MAX_TOKENS * 2) {
      close(i + 1);
      continue;
    }
    const t = tok.text;
    const terminal = t === '.' || t === '!' || t === '?' || t === '\u2026';
    const abbrevEnd = tok.word && t.endsWith('.') && t.length > 2 && /\p{L}\.\p{L}/u.test(t);
    if (!terminal && !abbrevEnd) continue;
    // Swallow closing quotes and brackets after the terminal mark.
    let j = i + 1;
    while (j < tokens.length && CLOSERS.has(tokens[j]!.text) && tokens[j]!.start === tokens[j - 1]!.end) j++;
    const after = tokens[j];
    if (!after) break;
    if (tokens[j - 1]!.end === after.start) continue; // "end.Next" or "3.5": no space, no split
    const startsSentence = isCapitalized(after.text) || /^[\p{N}"\u201c'\u2018(]/u.test(after.text);
    if (!startsSentence) continue;
    if (abbrevEnd && !STARTERS.has(after.text.toLowerCase())) continue;
    close(j);
    i = j - 1;
  }
  close(tokens.length);
  return sentences;
}

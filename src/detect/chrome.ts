/**
 * Trailing page furniture in plain text. Text copied or extracted from a page often ends with
 * navigation and teasers ("Previous Article", a list of other headlines, "Write a Comment"):
 * short lines without sentence punctuation after the last real paragraph. A story never ends
 * that way, so from the first such line after the last prose paragraph, nothing is analysed.
 */
import type { Token } from './tokens';

const PROSE_WORDS = 25;

/** Index of the first token of trailing furniture, or tokens.length when there is none. */
export function trailingChromeStart(text: string, tokens: readonly Token[]): number {
  // Walk lines from the end; stop at the first prose paragraph.
  let lineEnd = text.length;
  let cutAt = text.length;
  while (lineEnd > 0) {
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = text.slice(lineStart, lineEnd).trim();
    if (line) {
      const words = line.split(/\s+/).length;
      const prose = words >= PROSE_WORDS || /[.!?:;…"”)]$/.test(line);
      if (prose) break;
      cutAt = lineStart;
    }
    if (lineStart === 0) {
      cutAt = text.length; // the whole text is short lines: a list or a headline, keep it
      break;
    }
    lineEnd = lineStart - 1;
  }
  if (cutAt >= text.length) return tokens.length;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < cutAt) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

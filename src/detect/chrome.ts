/**
 * Trailing page furniture in plain text. Text copied or extracted from a page often ends with
 * navigation and teasers ("Previous Article", a list of other headlines, "Write a Comment"):
 * short lines without sentence punctuation after the last real paragraph. Lists of results or
 * credits also end stories that way, so the trailing block is dropped only when one of its lines
 * is a navigation phrase ("Next Article", "Leave a Comment", "Related", "Share this").
 */
import type { Token } from './tokens';

const PROSE_WORDS = 25;
const NAVIGATION =
  /^(?:previous|next|prev|older|newer)\b.*\b(?:article|post|story|page)s?$|^(?:leave|write|post|add|view|show|read)\b.*\bcomments?$|^comments?(?:\s*\(\d+\))?$|^(?:related|recommended|trending)\b|^more (?:from|on|stories|articles|news)\b|^(?:share|subscribe|sign up|follow us|advertisement|you may also like|read more|see also|most (?:read|popular|viewed))\b/i;

/** Index of the first token of trailing furniture, or tokens.length when there is none. */
export function trailingChromeStart(text: string, tokens: readonly Token[]): number {
  // Walk lines from the end; stop at the first prose paragraph.
  let lineEnd = text.length;
  let cutAt = text.length;
  let navigation = false;
  while (lineEnd > 0) {
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = text.slice(lineStart, lineEnd).trim();
    if (line) {
      const words = line.split(/\s+/).length;
      const prose = words >= PROSE_WORDS || /[.!?:;…"”)]$/.test(line);
      if (prose) break;
      cutAt = lineStart;
      if (NAVIGATION.test(line)) navigation = true;
    }
    if (lineStart === 0) {
      cutAt = text.length; // the whole text is short lines: a list or a headline, keep it
      break;
    }
    lineEnd = lineStart - 1;
  }
  if (cutAt >= text.length || !navigation) return tokens.length;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < cutAt) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

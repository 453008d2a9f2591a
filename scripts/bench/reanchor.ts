/**
 * The re-anchoring scenario, as pure string maths so it can be tested without a page:
 * 100 saved passages chosen deterministically on an article's text, then a scripted new
 * version of that TEXT (paragraphs inserted and removed, words changed next to and inside
 * quotes, quoted sentences lightly rewritten or replaced) whose every edit is known, so the
 * true place of each passage in the new text (or its absence) is known too.
 *
 * The anchoring itself runs in Chromium (`page-agent.ts`, the extension's `anchorQuote`).
 */
import { selectorsFor } from '../../src/page/selectors';
import type { AnchorResult, AnchorSelectors } from './anchor-types';

export interface Span {
  start: number;
  end: number;
}

export interface SavedQuote {
  selectors: AnchorSelectors;
  /** Where the passage is in the text it was saved from. */
  span: Span;
}

/** A deterministic PRNG (mulberry32): the same seed gives the same quotes and edits. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

function words(text: string, span: Span): Span[] {
  const out: Span[] = [];
  const re = /\S+/g;
  const slice = text.slice(span.start, span.end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) out.push({ start: span.start + m.index, end: span.start + m.index + m[0].length });
  return out;
}

/** Paragraphs of an article text (the text map puts a newline at each block boundary). */
export function paragraphs(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      if (i > start) out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out;
}

/** Sentences of five words or more, inside one paragraph, trimmed. */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  for (const p of paragraphs(text)) {
    const re = /[^.!?]+(?:[.!?]+["”’)]*|$)/g;
    const para = text.slice(p.start, p.end);
    for (let m = re.exec(para); m && m[0].length > 0; m = re.exec(para)) {
      let start = p.start + m.index;
      let end = start + m[0].length;
      while (start < end && /\s/.test(text[start]!)) start++;
      while (end > start && /\s/.test(text[end - 1]!)) end--;
      const span = { start, end };
      const n = words(text, span).length;
      if (n >= 5 && end - start <= 400) out.push(span);
    }
  }
  return out;
}

/** Splits the longest candidates in two at a word boundary until there are `wanted` of them. */
function enough(text: string, spans: Span[], wanted: number): Span[] {
  let list = [...spans];
  for (let guard = 0; list.length < wanted && guard < 1000; guard++) {
    const longest = list.reduce((best, s, i) => (s.end - s.start > list[best]!.end - list[best]!.start ? i : best), 0);
    const s = list[longest];
    if (!s) break;
    const w = words(text, s);
    if (w.length < 8) break;
    const mid = Math.floor(w.length / 2);
    const a = { start: s.start, end: w[mid - 1]!.end };
    const b = { start: w[mid]!.start, end: s.end };
    list = [...list.slice(0, longest), a, b, ...list.slice(longest + 1)];
  }
  return list;
}

/**
 * `count` passages spread through the article: the sentences are cut into `count` equal
 * strata in reading order and one is drawn from each; about a third are shortened to a
 * phrase of four to ten words, as readers also save parts of sentences. Selectors are made
 * by the extension's own `selectorsFor`, as a save does.
 */
export function chooseQuotes(text: string, count: number, seed: number): SavedQuote[] {
  const rng = seededRandom(seed);
  const candidates = enough(text, sentences(text), count);
  const n = candidates.length;
  const chosen: Span[] = [];
  for (let i = 0; i < Math.min(count, n); i++) {
    const lo = Math.floor((i * n) / Math.min(count, n));
    const hi = Math.max(lo + 1, Math.floor(((i + 1) * n) / Math.min(count, n)));
    const sentence = candidates[lo + Math.floor(rng() * (hi - lo))]!;
    const w = words(text, sentence);
    if (rng() < 0.3 && w.length >= 6) {
      const k = Math.min(w.length, 4 + Math.floor(rng() * 7));
      const first = Math.floor(rng() * (w.length - k + 1));
      chosen.push({ start: w[first]!.start, end: w[first + k - 1]!.end });
    } else {
      chosen.push(sentence);
    }
  }
  return chosen.map((span) => {
    const { quote, position } = selectorsFor(text, span.start, span.end);
    return {
      selectors: { quote: { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix }, position: { start: position.start, end: position.end } },
      span,
    };
  });
}

// ---------------------------------------------------------------------------------------
// Scripted edits

export type EditKind = 'insert-paragraph' | 'remove-paragraph' | 'remove-quoted-paragraph' | 'word-near-quote' | 'word-in-quote' | 'sentence-reworded' | 'sentence-replaced';

export interface Edit extends Span {
  insert: string;
  kind: EditKind;
}

/** What happened to a saved passage in the new version. */
export type Fate = 'moved' | 'context-changed' | 'word-changed' | 'reworded' | 'replaced' | 'deleted';

export interface EditedVersion {
  text: string;
  edits: Edit[];
  /** Where each passage now truly is, or null when it is no longer in the text. */
  truth: (Span | null)[];
  fate: Fate[];
}

const NEW_PARAGRAPHS = [
  'Editor’s note: This article has been updated to include additional reporting and to correct the spelling of a name.',
  'Subscribe to our morning briefing for the day’s most important stories, delivered to your inbox before breakfast.',
  'The committee is expected to publish its full findings next month, according to a schedule released on Tuesday.',
  'Weather forecasters warned of heavy rain across the region over the weekend, with flooding possible in low-lying areas.',
  'A spokesperson for the agency did not immediately respond to a request for comment on Wednesday evening.',
  'Correction: An earlier version of this story misstated the date of the meeting. It took place on Thursday, not Friday.',
];
const REPLACEMENT_SENTENCES = [
  'None of this was known to investigators when the first inquiry closed its files without a single arrest.',
  'Local bakeries reported brisk sales of seasonal pastries throughout the holiday week, despite rising flour prices.',
  'The museum’s new wing, designed by a small studio from Lisbon, opens to visitors in the spring with free entry.',
];
const SWAP_WORDS = ['several', 'recent', 'regional', 'quietly', 'notably', 'formal', 'earlier', 'broader'];

function overlapsAny(span: Span, spans: readonly Span[]): boolean {
  return spans.some((s) => span.start < s.end && span.end > s.start);
}

function touchesAny(span: Span, spans: readonly Span[]): boolean {
  return spans.some((s) => span.start <= s.end && span.end >= s.start);
}

function differentWord(rng: () => number, word: string): string {
  const options = SWAP_WORDS.filter((w) => w.toLowerCase() !== word.toLowerCase());
  return pick(rng, options);
}

/** The new text with all edits applied (edits must not overlap). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`edits overlap at ${e.start}`);
    out += text.slice(at, e.start) + e.insert;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Where a span of the old text is in the new one. An insertion at either edge stays outside;
 * an edit strictly inside moves only the end; an edit that covers the span removes it.
 */
export function mapSpan(span: Span, edits: readonly Edit[]): Span | null {
  let startShift = 0;
  let endShift = 0;
  for (const e of edits) {
    const delta = e.insert.length - (e.end - e.start);
    const insertion = e.start === e.end;
    if (e.end <= span.start && !(insertion && e.start > span.start)) {
      startShift += delta;
      endShift += delta;
    } else if (e.start >= span.end) {
      continue;
    } else if (!insertion && e.start <= span.start && e.end >= span.end) {
      return null;
    } else if (e.start >= span.start && e.end <= span.end) {
      endShift += delta;
    } else {
      return null;
    }
  }
  return { start: span.start + startShift, end: span.end + endShift };
}

/**
 * One new version of the article, as a page revision would bring: six paragraphs inserted,
 * four removed (no saved passage in them) and one removed with its saved passages; a word
 * changed just before or after 15 passages, inside 10 others; five saved sentences reworded
 * (two words changed, order kept) and three replaced by different sentences.
 */
export function editText(text: string, quotes: readonly SavedQuote[], seed: number): EditedVersion {
  const rng = seededRandom(seed);
  const spans = quotes.map((q) => q.span);
  const edits: Edit[] = [];
  const fate: Fate[] = quotes.map(() => 'moved');
  const claimed = new Set<number>();
  const free = (span: Span) => !overlapsAny(span, edits) && !touchesAny(span, edits.filter((e) => e.start === e.end));
  const shuffled = quotes.map((_, i) => i);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const takeQuotes = (n: number, ok: (i: number) => boolean): number[] => {
    const out: number[] = [];
    for (const i of shuffled) {
      if (out.length >= n) break;
      if (!claimed.has(i) && ok(i)) out.push(i);
    }
    for (const i of out) claimed.add(i);
    return out;
  };
  const isSentence = (i: number) => {
    const s = spans[i]!;
    return /[.!?]["”’)]*$/.test(text.slice(s.start, s.end)) && /^[\p{Lu}"“‘(]/u.test(text.slice(s.start, s.start + 1));
  };

  // Whole sentences replaced by unrelated ones: those passages are gone.
  for (const i of takeQuotes(3, (i) => isSentence(i) && free(spans[i]!))) {
    edits.push({ ...spans[i]!, insert: pick(rng, REPLACEMENT_SENTENCES), kind: 'sentence-replaced' });
    fate[i] = 'replaced';
  }
  // Sentences reworded: two words changed, the rest as it was.
  for (const i of takeQuotes(5, (i) => isSentence(i) && words(text, spans[i]!).length >= 10 && free(spans[i]!))) {
    const w = words(text, spans[i]!);
    const a = w[2 + Math.floor(rng() * Math.floor((w.length - 4) / 2))]!;
    const b = w[Math.floor(w.length / 2) + 1 + Math.floor(rng() * Math.floor((w.length - 4) / 2))]!;
    const region = { start: a.start, end: b.end };
    const middle = text.slice(region.start, region.end);
    const first = text.slice(a.start, a.end);
    const last = text.slice(b.start, b.end);
    const insert = `${differentWord(rng, first)}${middle.slice(first.length, middle.length - last.length)}${differentWord(rng, last)}`;
    edits.push({ ...region, insert, kind: 'sentence-reworded' });
    fate[i] = 'reworded';
  }
  // A word inside the passage changed.
  for (const i of takeQuotes(10, (i) => words(text, spans[i]!).length >= 6 && free(spans[i]!))) {
    const w = words(text, spans[i]!);
    const target = w[1 + Math.floor(rng() * (w.length - 2))]!;
    edits.push({ ...target, insert: differentWord(rng, text.slice(target.start, target.end)), kind: 'word-in-quote' });
    fate[i] = 'word-changed';
  }
  // A word just outside the passage (inside its saved prefix or suffix) changed.
  for (const i of takeQuotes(15, () => true)) {
    const s = spans[i]!;
    const before = rng() < 0.5;
    const region = before ? { start: Math.max(0, s.start - 30), end: s.start } : { start: s.end, end: Math.min(text.length, s.end + 30) };
    const candidates = words(text, region).filter(
      (w) => /^[\p{L}]{3,}$/u.test(text.slice(w.start, w.end)) && !overlapsAny(w, spans) && free(w) && !touchesAny(w, spans),
    );
    if (candidates.length === 0) {
      claimed.delete(i);
      continue;
    }
    const target = before ? candidates[candidates.length - 1]! : candidates[0]!;
    edits.push({ ...target, insert: differentWord(rng, text.slice(target.start, target.end)), kind: 'word-near-quote' });
    fate[i] = 'context-changed';
  }

  const paras = paragraphs(text);
  const withQuote = (p: Span) => overlapsAny(p, spans);
  // One paragraph removed with its saved passages; four without any.
  const removable = paras.filter((p) => p.end < text.length && free({ start: p.start, end: p.end + 1 }));
  const quoted = removable.filter((p) => withQuote(p) && spans.every((s, i) => !overlapsAny(s, [p]) || !claimed.has(i)));
  const plain = removable.filter((p) => !withQuote(p));
  const removed: Span[] = [];
  if (quoted.length) removed.push(pick(rng, quoted));
  for (let k = 0; k < 4 && plain.length; k++) {
    const p = plain.splice(Math.floor(rng() * plain.length), 1)[0]!;
    if (free({ start: p.start, end: p.end + 1 }) && !touchesAny(p, removed)) removed.push(p);
  }
  for (const p of removed) {
    const span = { start: p.start, end: p.end + 1 };
    const kind: EditKind = withQuote(p) ? 'remove-quoted-paragraph' : 'remove-paragraph';
    edits.push({ ...span, insert: '', kind });
    spans.forEach((s, i) => {
      if (overlapsAny(s, [span])) fate[i] = 'deleted';
    });
  }
  // New paragraphs at paragraph starts.
  const starts = paras.map((p) => p.start).filter((at) => at > 0 && free({ start: at, end: at }));
  for (let k = 0; k < 6 && starts.length; k++) {
    const at = starts.splice(Math.floor(rng() * starts.length), 1)[0]!;
    if (!free({ start: at, end: at })) continue;
    edits.push({ start: at, end: at, insert: `${pick(rng, NEW_PARAGRAPHS)}\n`, kind: 'insert-paragraph' });
  }

  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const truth = spans.map((s, i) => (fate[i] === 'replaced' || fate[i] === 'deleted' ? null : mapSpan(s, edits)));
  return { text: applyEdits(text, edits), edits, truth, fate };
}

// ---------------------------------------------------------------------------------------
// Scoring

export type Verdict = 'exact' | 'right' | 'orphan-right' | 'missed' | 'copy' | 'wrong';

/** The shortest saved context that, repeated word for word around a copy, makes it indistinguishable. */
export const IDENTICAL_CONTEXT_CHARS = 20;

/**
 * Is `placed` in `text` an identical copy of the saved passage: the same words, with at least
 * one side of the saved context around it character for character? Pages print some passages
 * twice (a caption repeated under a gallery, two "Continue reading the main story" lines in a
 * row); when the edits move or remove one copy, nothing on the page tells it from the other.
 */
export function isIdenticalCopy(text: string, placed: Span, saved: AnchorSelectors): boolean {
  const { exact, prefix, suffix } = saved.quote;
  if (text.slice(placed.start, placed.end) !== exact) return false;
  const sameSide = (context: string, around: string) =>
    context.length >= IDENTICAL_CONTEXT_CHARS && around === context;
  return (
    sameSide(prefix, text.slice(Math.max(0, placed.start - prefix.length), placed.start)) ||
    sameSide(suffix, text.slice(placed.end, placed.end + suffix.length))
  );
}

/**
 * Right: anchored where the passage truly is (the spans overlap by at least half the longer
 * one: a reworded passage's edges may move a little); or reported as an orphan when it is
 * truly gone. Copy: anchored elsewhere, on an identical copy of the passage with its saved
 * context (see `isIdenticalCopy`; given `copyOf`): counted apart, neither right nor wrong.
 * Wrong: anchored anywhere else, or anchored when it is gone. Missed: reported as an orphan
 * though it is still there (safe, but a failure).
 */
export function verdict(
  result: AnchorResult | null,
  truth: Span | null,
  copyOf?: { text: string; saved: AnchorSelectors },
): Verdict {
  const elsewhere = (): Verdict => (result && copyOf && isIdenticalCopy(copyOf.text, result, copyOf.saved) ? 'copy' : 'wrong');
  if (!truth) return result ? elsewhere() : 'orphan-right';
  if (!result) return 'missed';
  if (result.start === truth.start && result.end === truth.end) return 'exact';
  const common = Math.min(result.end, truth.end) - Math.max(result.start, truth.start);
  const longer = Math.max(result.end - result.start, truth.end - truth.start);
  return common >= longer / 2 ? 'right' : elsewhere();
}

export interface Tally {
  total: number;
  right: number;
  wrong: number;
  /** Placed on an identical copy of the passage (see `verdict`). */
  copies: number;
  missed: number;
  /** right / total. */
  rate: number;
}

export function tally(verdicts: readonly Verdict[]): Tally {
  const right = verdicts.filter((v) => v === 'exact' || v === 'right' || v === 'orphan-right').length;
  const wrong = verdicts.filter((v) => v === 'wrong').length;
  const copies = verdicts.filter((v) => v === 'copy').length;
  return {
    total: verdicts.length,
    right,
    wrong,
    copies,
    missed: verdicts.length - right - wrong - copies,
    rate: verdicts.length ? right / verdicts.length : 0,
  };
}

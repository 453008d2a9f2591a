import { describe, expect, it } from 'vitest';
import { type Edit, applyEdits, chooseQuotes, editText, isIdenticalCopy, mapSpan, paragraphs, seededRandom, sentences, tally, verdict } from '../../../scripts/bench/reanchor';

const WORDS = ['council', 'minister', 'harbour', 'budget', 'village', 'report', 'river', 'school', 'market', 'court', 'station', 'union'];

/** A long article-like text: paragraphs of distinct sentences (numbers keep them unique). */
function article(paragraphCount: number, seed = 7): string {
  const rng = seededRandom(seed);
  const paras: string[] = [];
  let n = 0;
  for (let p = 0; p < paragraphCount; p++) {
    const s: string[] = [];
    for (let k = 0; k < 4; k++) {
      const w = Array.from({ length: 9 + Math.floor(rng() * 8) }, () => WORDS[Math.floor(rng() * WORDS.length)]);
      s.push(`The ${w.join(' ')} item ${++n} was noted.`);
    }
    paras.push(s.join(' '));
  }
  return paras.join('\n');
}

describe('the re-anchoring scenario', () => {
  it('gives the same numbers for the same seed', () => {
    const a = seededRandom(3);
    const b = seededRandom(3);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(seededRandom(4)()).not.toBe(seededRandom(3)());
  });

  it('splits paragraphs on newlines and finds sentences inside them', () => {
    const text = 'One two three four five six.\nSeven eight nine ten eleven twelve. Short one.';
    expect(paragraphs(text).map((p) => text.slice(p.start, p.end))).toEqual(['One two three four five six.', 'Seven eight nine ten eleven twelve. Short one.']);
    expect(sentences(text).map((s) => text.slice(s.start, s.end))).toEqual(['One two three four five six.', 'Seven eight nine ten eleven twelve.']);
  });

  it('chooses 100 distinct passages spread through the article, with selectors over the text', () => {
    const text = article(40);
    const quotes = chooseQuotes(text, 100, 4);
    expect(quotes).toHaveLength(100);
    for (const q of quotes) {
      expect(text.slice(q.span.start, q.span.end)).toBe(q.selectors.quote.exact);
      expect(q.selectors.position).toEqual(q.span);
      expect(text.slice(q.span.start - q.selectors.quote.prefix.length, q.span.start)).toBe(q.selectors.quote.prefix);
    }
    const starts = quotes.map((q) => q.span.start);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(starts[0]!).toBeLessThan(text.length * 0.05);
    expect(starts[99]!).toBeGreaterThan(text.length * 0.9);
    expect(chooseQuotes(text, 100, 4)).toEqual(quotes);
  });

  it('maps spans through edits before, inside, around and after them', () => {
    const edits: Edit[] = [
      { start: 0, end: 0, insert: 'abc', kind: 'insert-paragraph' },
      { start: 12, end: 14, insert: 'xyz', kind: 'word-in-quote' },
      { start: 30, end: 40, insert: '', kind: 'remove-paragraph' },
    ];
    expect(mapSpan({ start: 5, end: 10 }, edits)).toEqual({ start: 8, end: 13 });
    expect(mapSpan({ start: 10, end: 20 }, edits)).toEqual({ start: 13, end: 24 });
    expect(mapSpan({ start: 32, end: 35 }, edits)).toBeNull();
    expect(mapSpan({ start: 41, end: 45 }, edits)).toEqual({ start: 35, end: 39 });
    expect(applyEdits('0123456789abcdefghij', [{ start: 2, end: 4, insert: 'XY', kind: 'word-in-quote' }])).toBe('01XY456789abcdefghij');
  });

  it('knows where every passage is after the scripted edits', () => {
    // Long enough that some paragraphs hold no saved passage and can be removed.
    const text = article(80);
    const quotes = chooseQuotes(text, 100, 4);
    for (const seed of [1, 2, 3]) {
      const version = editText(text, quotes, seed);
      const kinds = new Set(version.edits.map((e) => e.kind));
      for (const kind of ['insert-paragraph', 'remove-paragraph', 'word-near-quote', 'word-in-quote', 'sentence-reworded', 'sentence-replaced']) {
        expect(kinds).toContain(kind);
      }
      version.truth.forEach((span, i) => {
        const fate = version.fate[i];
        const exact = quotes[i]!.selectors.quote.exact;
        if (fate === 'replaced' || fate === 'deleted') {
          expect(span).toBeNull();
          expect(version.text.includes(exact)).toBe(false);
          return;
        }
        expect(span).not.toBeNull();
        const now = version.text.slice(span!.start, span!.end);
        if (fate === 'moved' || fate === 'context-changed') expect(now).toBe(exact);
        else expect(now).not.toBe(exact);
      });
    }
  });

  it('scores placements: right where the passage is, an orphan when it is gone, wrong elsewhere', () => {
    const at = { start: 100, end: 150 };
    expect(verdict({ ...at, score: 1, method: 'position' }, at)).toBe('exact');
    expect(verdict({ start: 102, end: 150, score: 0.9, method: 'fuzzy' }, at)).toBe('right');
    expect(verdict({ start: 300, end: 350, score: 0.9, method: 'exact' }, at)).toBe('wrong');
    expect(verdict(null, at)).toBe('missed');
    expect(verdict(null, null)).toBe('orphan-right');
    expect(verdict({ ...at, score: 0.8, method: 'fuzzy' }, null)).toBe('wrong');
    expect(tally(['exact', 'right', 'orphan-right', 'missed', 'wrong', 'copy'])).toEqual({ total: 6, right: 3, wrong: 1, copies: 1, missed: 1, rate: 0.5 });
  });

  it('tells a placement on an identical copy (same words, same saved context) from a wrong one', () => {
    const line = 'Continue reading the main story';
    const before = 'Tax issues always loom large.';
    const after = 'In the second step, at the closing, the buyer pays.';
    // Saved on the first of two identical lines; an edit then removed that first line.
    const saved = { quote: { exact: line, prefix: `${line}\n\n`.slice(-32), suffix: `\n\n${after}`.slice(0, 32) } };
    const edited = `${before}\n\n${line}\n\n${after}`;
    const copy = { start: edited.indexOf(line), end: edited.indexOf(line) + line.length };
    expect(isIdenticalCopy(edited, copy, saved)).toBe(true);
    expect(verdict({ ...copy, score: 0.8, method: 'exact' }, null, { text: edited, saved })).toBe('copy');
    // The same words with neither side of the saved context around them: wrong.
    const elsewhere = `${before} ${line}. Then something else entirely happened here.`;
    const placed = { start: elsewhere.indexOf(line), end: elsewhere.indexOf(line) + line.length };
    expect(isIdenticalCopy(elsewhere, placed, saved)).toBe(false);
    expect(verdict({ ...placed, score: 0.8, method: 'exact' }, null, { text: elsewhere, saved })).toBe('wrong');
    // Other words, whatever the context: wrong.
    expect(isIdenticalCopy(edited.replace('main', 'full'), copy, saved)).toBe(false);
  });
});

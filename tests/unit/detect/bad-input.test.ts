import { describe, expect, it } from 'vitest';
import { detect } from '../../../src/detect/index';
import { shippedModels } from '../../../src/detect/models/node';
import type { Detections } from '../../../src/detect/types';

/** No offset may split a surrogate pair or fall outside the text. */
function onBoundary(text: string, offset: number): boolean {
  if (offset < 0 || offset > text.length) return false;
  if (offset === 0 || offset === text.length) return true;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return !(before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}

function expectSane(text: string, d: Detections): void {
  for (const a of d.actors) {
    expect(a.start).toBeLessThan(a.end);
    expect(onBoundary(text, a.start) && onBoundary(text, a.end)).toBe(true);
    expect(text.slice(a.start, a.end)).toBe(a.text);
  }
  for (const c of d.claims) {
    for (const [s, e] of [[c.start, c.end], [c.cueStart, c.cueEnd], [c.speakerStart ?? 0, c.speakerEnd ?? 0]] as const) {
      expect(s).toBeLessThanOrEqual(e);
      expect(onBoundary(text, s) && onBoundary(text, e)).toBe(true);
    }
    expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(text.slice(c.cueStart, c.cueEnd)).toBe(c.cue);
  }
}

const sentence = 'Officials in Washington said on Monday that Moscow had warned Kyiv about the talks. ';

describe('bad input', () => {
  it.each([
    ['empty text', ''],
    ['only white space', ' \n\t \n'],
    ['text without sentence punctuation', 'Washington said talks with Moscow would continue and officials in Seoul warned that Pyongyang '.repeat(40)],
    ['an all-caps headline', 'PUTIN SAYS RUSSIA WILL RESPOND TO NATO MOVES IN THE BALTIC, KREMLIN WARNS'],
    ['a non-English page', 'Le gouvernement français a déclaré lundi que la France soutiendrait l’Ukraine. Der Bundeskanzler sagte, Deutschland werde helfen. 北京表示将继续对话。'],
    ['emoji and combining characters', 'Cafe\u0301 owners 👩🏽‍💻 in Paris said 🇫🇷 that Zelenskyy\u0308 had warned Moscow. 👍🏼 Analysts noted that 😀 was everywhere.'],
    ['HTML entities left in the text', 'Officials &amp; analysts said &quot;Washington&quot; had warned Moscow&#8217;s envoy &nbsp; about &lt;sanctions&gt;.'],
    ['lone surrogates and control characters', 'Moscow \ud800 said \u0000 that \udfff Washington\u0007 warned Kyiv.'],
    ['a single long word', 'x'.repeat(100_000)],
    ['punctuation only', '.,;:!?"\'()[]{}—–-…'.repeat(1000)],
  ])('survives %s with offsets inside the text (rules and trained models)', (_name, text) => {
    expectSane(text, detect(text));
    expectSane(text, detect(text, undefined, undefined, shippedModels()));
  });

  it('finds nothing in empty text', () => {
    expect(detect('')).toEqual({ actors: [], claims: [] });
  });

  it.each([
    ['rules', undefined],
    ['trained models', shippedModels()],
  ])('handles 5 MB of text (%s)', (_name, models) => {
    const text = sentence.repeat(Math.ceil((5 * 1024 * 1024) / sentence.length));
    const d = detect(text, undefined, undefined, models);
    expect(d.actors.length).toBeGreaterThan(100_000);
    expect(d.claims.length).toBeGreaterThan(10_000);
    const last = d.actors[d.actors.length - 1]!;
    expect(last.end).toBeLessThanOrEqual(text.length);
  });

  it('still reads claims in text without sentence punctuation', () => {
    const d = detect('Officials in Seoul warned that Pyongyang could test a missile');
    expect(d.claims[0]).toMatchObject({ sourcing: 'vague', cue: 'warned' });
  });

  it('does not call ordinary capitalised words in a title-case headline actors', () => {
    const d = detect('North Korea Deterrence & Moscow Talks: Washington’s Stance');
    expect(d.actors.map((a) => a.text)).toEqual(['North Korea', 'Moscow', 'Washington']);
  });

  it('accepts a non-string at run time without throwing', () => {
    expect(detect(undefined as unknown as string)).toEqual({ actors: [], claims: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { detect } from '../../../src/detect/index';
import { CUE_LIMITS, cueProblem, readCueEdits, type CueEdits } from '../../../src/detect/reader-cues';
import { DEFAULT_WATCHLIST } from '../../../src/detect/watchlist';
import type { DetectionModels } from '../../../src/detect/detection-models';
import { shippedModels } from '../../../src/detect/models/node';

const edits = (added: CueEdits['added'] = [], removed: string[] = []): CueEdits => ({ added, removed });

// The same behaviour with the hand-written rules and with the trained claims model.
describe.each([
  ['rules', undefined],
  ['trained models', shippedModels()],
] as [string, DetectionModels | undefined][])("the reader's claim cues (%s)", (_name, models) => {
  const claims = (text: string, cues?: CueEdits) => detect(text, DEFAULT_WATCHLIST, cues, models).claims;
  it('an added verb makes a claim with that cue, in any regular form', () => {
    const text = 'Lena Okafor grumbled that the talks were a waste of time.';
    expect(claims(text)).toEqual([]);
    const [claim] = claims(text, edits([{ text: 'grumble', speaker: 'before' }]));
    expect(claim).toMatchObject({ cue: 'grumbled', speaker: 'Lena Okafor', sourcing: 'named' });
    expect(claims('Officials grumble that the plan is late.', edits([{ text: 'Grumble', speaker: 'before' }]))[0]).toMatchObject({
      cue: 'grumble',
      sourcing: 'vague',
    });
  });

  it('an added phrase with the speaker after it names that speaker', () => {
    const text = 'The convoy would turn back, according to a memo from Lena Okafor.';
    // Built in, "according to" reads "a memo" as the source.
    expect(claims(text)[0]?.cue).toBe('according to');
    const [claim] = claims(text, edits([{ text: 'according to a memo from', speaker: 'after' }]));
    expect(claim).toMatchObject({ cue: 'according to a memo from', speaker: 'Lena Okafor', sourcing: 'named' });
    expect(text.slice(claim!.cueStart, claim!.cueEnd)).toBe('according to a memo from');
  });

  it('a removed built-in cue stops making claims, in every form', () => {
    expect(claims('Officials cautioned that plans could change.')[0]?.cue).toBe('cautioned');
    expect(claims('Officials cautioned that plans could change.', edits([], ['caution']))).toEqual([]);
    expect(claims('Analysts warn that prices could rise.', edits([], ['warned']))).toEqual([]);
    expect(claims('The convoy turned back, according to Reuters.', edits([], ['According to']))).toEqual([]);
    // Other cues still count.
    expect(claims('Officials stressed that plans could change.', edits([], ['caution']))[0]?.cue).toBe('stressed');
  });

  it('an added cue beats the reader removing the same word', () => {
    const text = 'Officials cautioned that plans could change.';
    expect(claims(text, edits([{ text: 'cautioned', speaker: 'before' }], ['caution']))[0]?.cue).toBe('cautioned');
  });

  it('no edits, or empty edits, leave detection exactly as it was', () => {
    const text = 'Jake Sullivan stressed that Washington would keep working with allies. Rumors suggested a visit.';
    expect(detect(text, DEFAULT_WATCHLIST, edits(), models)).toEqual(detect(text, DEFAULT_WATCHLIST, undefined, models));
  });
});

describe('reading stored cue edits', () => {
  it('drops what does not read and keeps the rest', () => {
    expect(
      readCueEdits({
        added: [{ text: ' Grumbled ', speaker: 'before' }, { text: 42 }, null, { text: '!!!' }, { text: 'as told by', speaker: 'after' }, { text: 'grumbled' }],
        removed: ['warned', 7, '', 'x'.repeat(CUE_LIMITS.chars + 1)],
      }),
    ).toEqual({
      added: [{ text: 'grumbled', speaker: 'before' }, { text: 'as told by', speaker: 'after' }],
      removed: ['warned'],
    });
    expect(readCueEdits('nonsense')).toEqual({ added: [], removed: [] });
    expect(readCueEdits(undefined)).toEqual({ added: [], removed: [] });
  });

  it('keeps at most the bounded number of cues', () => {
    const many = Array.from({ length: CUE_LIMITS.count + 50 }, (_, i) => ({ text: `word${i}x`, speaker: 'before' }));
    expect(readCueEdits({ added: many, removed: [] }).added).toHaveLength(CUE_LIMITS.count);
  });

  it.each([
    ['', /Type a word/],
    ['   ', /Type a word/],
    ['123 !', /no letters/],
    ['one two three four five six seven eight nine', /more than 8 words/],
    ['x'.repeat(CUE_LIMITS.chars + 1), /longer than/],
  ])('says why %j cannot be a cue', (text, problem) => {
    expect(cueProblem(text)).toMatch(problem);
  });
});

import { describe, expect, it } from 'vitest';
import type { WatchlistEdit } from '../../../src/detect/watchlist';
import { builtInEntry, withEntryChanged } from '../../../src/ui/options';
import { isBuiltInCue, withAddedCue, withRemovedCue } from '../../../src/ui/options-cues';

describe('options: editing what the reader added', () => {
  const liberationDay: WatchlistEdit = { op: 'add', entry: { name: 'Liberation Day', type: 'place', aliases: [] } };
  const other: WatchlistEdit = { op: 'remove', name: 'Vladimir Putin' };

  it('replaces an added entry by its edited version, in place of the old name when renamed', () => {
    expect(withEntryChanged([liberationDay, other], liberationDay, { name: 'Liberation Day', type: 'organization', aliases: ['Victory Day'] })).toEqual([
      other,
      { op: 'add', entry: { name: 'Liberation Day', type: 'organization', aliases: ['Victory Day'] } },
    ]);
    expect(withEntryChanged([liberationDay, other], liberationDay, { name: 'Victory Day', type: 'place', aliases: [] }).map((e) => (e.op === 'add' ? e.entry.name : e.name))).toEqual([
      'Vladimir Putin',
      'Victory Day',
    ]);
  });

  it('finds the built-in entry of a typed name, whatever its case and spacing', () => {
    expect(builtInEntry('  vladimir   putin ')).toMatchObject({ name: 'Vladimir Putin', type: 'person', aliases: ['Putin'] });
    expect(builtInEntry('Liberation Day')).toBeUndefined();
    expect(builtInEntry('')).toBeUndefined();
  });

  it.each([
    ['warned', true],
    ['According to', true],
    ['point out', true],
    ['banana', false],
    ['warned loudly', false],
  ])('knows whether %j is a built-in cue', (text, expected) => {
    expect(isBuiltInCue(text)).toBe(expected);
  });

  it('adds and turns off cues without duplicates', () => {
    let edits = withAddedCue({ added: [], removed: [] }, ' Grumbled ', 'before');
    edits = withAddedCue(edits, 'grumbled', 'after');
    edits = withRemovedCue(withRemovedCue(edits, 'Warned'), 'warned');
    expect(edits).toEqual({ added: [{ text: 'grumbled', speaker: 'after' }], removed: ['warned'] });
  });
});

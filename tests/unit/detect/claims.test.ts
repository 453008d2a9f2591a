import { describe, expect, it } from 'vitest';
import { detect } from '../../../src/detect/index';

const claimOf = (text: string) => detect(text).claims[0];

describe('policy claims', () => {
  it.each([
    ['a named subject with a reporting verb', 'Jake Sullivan stressed that Washington would keep working with allies.', 'Jake Sullivan', 'named', 'stressed'],
    ['a pronoun resolved to the last person', 'Defense Minister Lena Okafor arrived in Oslo. She warned that talks could fail.', 'Lena Okafor', 'named', 'warned'],
    ['a capital taking a position', 'Washington is weighing new restrictions on exports.', 'Washington', 'named', 'is weighing'],
    ['vague officials', 'Officials cautioned that plans could change.', 'Officials', 'vague', 'cautioned'],
    ['vague analysts', 'Analysts noted that such talks can affect stability.', 'Analysts', 'vague', 'noted'],
    ['rumours: nobody stands behind them', 'Rumors suggested that the minister planned a visit.', null, 'unattributed', 'suggested'],
    ['an agentless passive', 'It was reported that the convoy turned back.', null, 'unattributed', 'was reported'],
    ['according to a named source', 'The convoy turned back, according to Reuters.', 'Reuters', 'named', 'according to'],
    ['a quote then "X said"', '"We will not back down," Lena Okafor said.', 'Lena Okafor', 'named', 'said'],
    ['an inverted "said X"', '"We will not back down," said Lena Okafor.', 'Lena Okafor', 'named', 'said'],
    ['an institution by common noun', 'The administration underscores the importance of sanctions.', 'administration', 'named', 'underscores'],
    ['a statement naming its author', 'The briefing from Lena Okafor, the foreign minister, stresses cautious optimism.', 'Lena Okafor', 'named', 'stresses'],
  ])('finds %s', (_name, text, speaker, sourcing, cue) => {
    const c = claimOf(text);
    expect(c).toBeDefined();
    expect(c).toMatchObject({ speaker, sourcing, cue });
    expect(text.slice(c!.cueStart, c!.cueEnd)).toBe(cue);
    if (c!.speakerStart !== null) expect(text.slice(c!.speakerStart, c!.speakerEnd!)).toMatch(speaker ? /\S/ : /^/);
  });

  it.each([
    ['coordinated verbs share the subject', 'Lena Okafor greeted supporters in Oslo and told them that the vote was close.', 'Lena Okafor'],
    ['a participle after its object', 'Officials sent a letter to the ministry stating that the demands were met.', 'Officials'],
    ['an appositive between subject and verb', 'Marta Lind, a 55-year-old salesman from Lagos, says the vote was fair.', 'Marta Lind'],
    ['a share of people', 'About four in 10 voters say that taxes matter most.', 'voters'],
  ])('finds the speaker when %s', (_name, text, speaker) => {
    expect(claimOf(text)?.speaker).toBe(speaker);
  });

  it('gives the speaker span of the mention', () => {
    const text = 'Officials in Washington have signaled a cautious approach.';
    const c = claimOf(text)!;
    expect(text.slice(c.speakerStart!, c.speakerEnd!)).toBe('Officials in Washington');
    expect(c.sourcing).toBe('vague');
  });

  it('lets a statement speak for the last named speaker, vaguely', () => {
    const c = detect('The United States indicated that actions would follow. The statement conveyed a readiness to act.').claims[1];
    expect(c).toMatchObject({ speaker: 'United States', sourcing: 'vague' });
  });

  it.each([
    ['appeared to', 'The message appeared to signal a willingness to talk.'],
    ['reportedly', 'Lena Okafor reportedly said the deal was dead.'],
  ])('marks a hedge (%s)', (_name, text) => {
    expect(claimOf(text)?.hedged).toBe(true);
  });

  it.each([
    ['a noun that looks like a verb', 'The remarks came from a deputy spokesman.'],
    ['a gesture, not a statement', 'The gesture added another layer to the diplomacy.'],
    ['a first-person voice inside a quote', 'I think we should go home now.'],
    ['plain narration', 'The delegation arrived in Geneva on Monday.'],
    ['a question', 'What did the prosecutors say?'],
    ['a verb of saying inside a quotation', '“I told them we would never sign,” and the room fell silent.'],
  ])('finds no claim in %s', (_name, text) => {
    expect(detect(text).claims).toEqual([]);
  });
});

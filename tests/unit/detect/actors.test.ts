import { describe, expect, it } from 'vitest';
import { detect } from '../../../src/detect/index';

const actors = (text: string) => detect(text).actors.map((a) => ({ text: a.text, type: a.type, canonical: a.canonical }));

describe('actor mentions', () => {
  it.each([
    ['a watchlist person with title cut off', 'Earlier, National Security Adviser Jake Sullivan met allies.', { text: 'Jake Sullivan', type: 'person' }],
    ['an unknown person after a title', 'Finance Minister Agnes Kowalczyk resigned on Tuesday.', { text: 'Agnes Kowalczyk', type: 'person' }],
    ['a hyphenated Korean name kept whole', 'The envoy met Choe Ryong-hae in Pyongyang last week.', { text: 'Choe Ryong-hae', type: 'person' }],
    ['a capital used as an actor', 'Washington is weighing new restrictions.', { text: 'Washington', type: 'place' }],
    ['a country from world-countries', 'Talks with Uruguay resumed.', { text: 'Uruguay', type: 'place' }],
    ['a news agency acronym', 'The remarks were reported by TASS on Monday.', { text: 'TASS', type: 'organization' }],
    ['an unknown acronym as an organisation', 'The talks were hosted by the OIC in Jeddah.', { text: 'OIC', type: 'organization' }],
    ['an organisation by its head word', 'The Bolivian Mining Ministry denied the report.', { text: 'Bolivian Mining Ministry', type: 'organization' }],
    ['a place with a place head word', 'Ships crossed the Kerch Strait overnight.', { text: 'Kerch Strait', type: 'place' }],
    ['a hyphenated region', 'Security in the Asia-Pacific region was discussed.', { text: 'Asia-Pacific', type: 'place' }],
  ])('finds %s', (_name, text, expected) => {
    expect(actors(text)).toContainEqual(expect.objectContaining(expected));
  });

  it.each([
    ['a month', 'In August, the ministry met twice.', 'August'],
    ['a weekday', 'On Friday, Marta Lind spoke.', 'Friday'],
    ['a compass word', 'North Korean troops moved north.', 'North'],
    ['a title alone', 'The President of the United States spoke.', 'President'],
    ['a sentence-initial common word', 'Stakeholders are urged to monitor developments.', 'Stakeholders'],
    ['an event name', 'Putin sent greetings on Liberation Day.', 'Liberation Day'],
    ['a unit acronym', 'The blast happened at 0400 GMT.', 'GMT'],
    ['a contraction of a pronoun', "I'll tell you what Marta Lind thinks.", "I'll"],
    ['a party-and-state tag', 'Sen. Ben Sasse, R-Neb., agreed.', 'R-Neb'],
    ['a holiday', 'Shops closed for Christmas in Oslo.', 'Christmas'],
    ['capitalised common words', 'He cited the First Amendment in court.', 'First Amendment'],
  ])('does not take %s for an actor', (_name, text, word) => {
    expect(actors(text).map((a) => a.text)).not.toContain(word);
  });

  it('cuts a person off a place joined by "of"', () => {
    const found = actors('Senator Mitch McConnell of Kentucky objected.');
    expect(found).toContainEqual(expect.objectContaining({ text: 'Mitch McConnell', type: 'person' }));
    expect(found).toContainEqual(expect.objectContaining({ text: 'Kentucky', type: 'place' }));
  });

  it('keeps "of" inside organisation names', () => {
    expect(actors('The Bank of England raised rates.')).toContainEqual(expect.objectContaining({ text: 'Bank of England', type: 'organization' }));
  });

  it('separates text glued across page elements', () => {
    expect(actors('They met on Thursday.Anthony Wallace said so.').map((a) => a.text)).toEqual(['Anthony Wallace']);
  });

  it('takes only known names from a non-English page', () => {
    const text = 'Die Bundesregierung hat am Montag neue Regeln für Flughäfen beschlossen. Die Lufthansa und die Gewerkschaft Verdi begrüßten die Entscheidung der Regierung in Berlin, wie ein Sprecher sagte. Auch Frankreich will nachziehen, hieß es aus Paris.';
    const found = actors(text).map((a) => a.text);
    expect(found).toEqual(expect.arrayContaining(['Berlin', 'Paris']));
    for (const noun of ['Bundesregierung', 'Regeln', 'Flughäfen', 'Gewerkschaft', 'Entscheidung', 'Regierung', 'Sprecher']) expect(found).not.toContain(noun);
  });

  it('resolves a surname to the full name seen earlier', () => {
    const found = actors('Defense Minister Lena Okafor arrived. Okafor said the talks went well.');
    expect(found).toContainEqual({ text: 'Okafor', type: 'person', canonical: 'Lena Okafor' });
  });

  it('resolves a Korean family name to the full name', () => {
    const found = actors('Kim Jong-un met Putin. Kim later left.');
    expect(found).toContainEqual({ text: 'Kim', type: 'person', canonical: 'Kim Jong-un' });
  });

  it('treats spelling variants of a name as one actor', () => {
    const found = actors('Kim Jong Un spoke. Later Kim Jong-un left.');
    expect(new Set(found.filter((a) => a.type === 'person').map((a) => a.canonical))).toEqual(new Set(['Kim Jong-un']));
  });

  it('marks nationality adjectives as demonyms of their country', () => {
    const m = detect('Russian officials met North Korean envoys.').actors;
    expect(m).toContainEqual(expect.objectContaining({ text: 'Russian', canonical: 'Russia', demonym: true }));
    expect(m).toContainEqual(expect.objectContaining({ text: 'North Korean', canonical: 'North Korea', demonym: true }));
  });

  it('reads names in an all-caps headline only when known', () => {
    const found = actors('MOSCOW WARNS WASHINGTON OVER NEW SANCTIONS');
    expect(found.map((a) => a.canonical)).toEqual(['Moscow', 'Washington']);
  });

  it('ignores trailing page navigation after the story', () => {
    const text = 'Jake Sullivan said talks would continue next week, officials told reporters on Monday.\n\nNext Article\n\nArtem Dzyuba comments on Karpin\n\nLeave a Comment';
    expect(actors(text).map((a) => a.text)).toEqual(['Jake Sullivan']);
  });
});

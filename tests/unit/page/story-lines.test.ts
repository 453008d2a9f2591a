import { describe, expect, it } from 'vitest';
import { type NotStory, notStoryLine } from '../../../src/page/story-lines';

describe('notStoryLine: short lines inside a body that are not the story', () => {
  const notStory: [NotStory, string][] = [
    ['byline', 'By Jane Doe, AP Political Writer'],
    ['byline', 'By Justine Coleman - 11/18/19 11:04 PM EST'],
    ['byline', 'By Amy Kuperinsky | NJ Advance Media for NJ.com'],
    ['byline', 'By Maria Okafor and Lena Fischer'],
    ['byline', 'Von Anna Beck'],
    ['byline', 'Von Jürgen Müller und Özlem Türeci'],
    ['byline', 'Par Élodie Lefèvre, AFP'],
    ['byline', 'By Łukasz Wróbel'],
    ['byline', 'By Ирина Петрова'],
    ['contributors', 'Heba Habib contributed to this report.'],
    ['contributors', '(Reporting by Greg Roumeliotis; editing by Martin Howell.)'],
    ['dateline', 'Updated at 1:23 p.m.'],
    ['dateline', ' | November 18, 2019 12:01 PM'],
    ['dateline', '15.05.2020, 07:11 | Lesedauer: 8 Minuten'],
    ['dateline', 'Published 3:04 PM ET Tue, 19 Nov 2019'],
    ['credit', 'Photo: Jane Doe/AP'],
    ['credit', 'Image copyright Getty Images'],
    ['credit', 'Credit: Fred R. Conrad/The New York Times'],
    ['credit', 'Alex Wong | Getty Images'],
    ['credit', 'New York State Sex Offender Registry via AP'],
    ['credit', 'J. Scott Applewhite / AP file'],
    ['credit', 'Copyright © 2019 Press TV. All rights reserved.'],
    ['credit', 'Via SyndiGate.info'],
    ['insert', 'Related: Chicago is America’s most segregated city'],
    ['insert', 'READ MORE: Ferry strike enters its third week'],
    ['insert', 'More:'],
    ['insert', 'China furious at Macron for Hong Kong protest jibe [INSIGHT]|'],
    ['promo', 'Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.'],
    ['promo', 'Get the latest updates right in your inbox. Subscribe to our newsletters.'],
    ['promo', 'Let our news meet your inbox. The news and stories that matter, delivered weekday mornings.'],
    ['promo', 'Email Tariq Malik at tmalik@space.com or follow him @tariqjmalik.'],
    ['promo', 'Have a tip? Amy Kuperinsky may be reached by phone.'],
  ];
  it.each(notStory)('%s: %s', (kind, line) => {
    expect(notStoryLine(line)).toBe(kind);
  });

  const story: string[] = [
    'By Tuesday, officials said, the river had risen by two metres.',
    'By the end of the year the ministry expects the treaty to be signed.',
    'The vote is scheduled for Nov. 3, 2020.',
    'The company declined to comment to Reuters.',
    'He spoke to the Associated Press on Monday and said the talks would resume.',
    '“Follow the money,” she told reporters on Twitter, “and you will find the answer.”',
    'Okafor said the talks would resume at 10:00 on Monday after a pause of two months.',
    'More than 200 people were evacuated from the valley overnight.',
    'Related talks in Vienna ended without a statement.',
    // Long blocks are never judged by their words alone.
    `By Jane Doe. ${'The talks continued late into the night as delegates argued over water levels. '.repeat(5)}`,
  ];
  it.each(story)('story: %s', (line) => {
    expect(notStoryLine(line)).toBeNull();
  });
});

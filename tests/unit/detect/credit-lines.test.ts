import { describe, expect, it } from 'vitest';
import { creditLineRanges, isCreditLine } from '../../../src/detect/credit-lines';
import { detect } from '../../../src/detect/index';
import { shippedModels } from '../../../src/detect/models/node';

describe('credit and byline lines', () => {
  it.each([
    'Credit Ashraf Shazly/Agence France-Presse — Getty Images',
    'Photo: Jane Doe/AP',
    'Image copyright Getty Images',
    'By Jane Doe, AP Political Writer',
    'Caroline Hawley, BBC diplomatic correspondent',
    'Pictures by Tom Stoddart',
  ])('"%s" is a credit or a byline', (line) => {
    expect(isCreditLine(line)).toBe(true);
  });

  it.each([
    'Photographers from Getty Images were barred from the summit, officials said.',
    'By Tuesday the ministry had changed its position.',
    'Jake Sullivan, the National Security Adviser, stressed that talks would go on.',
    'Moscow Talks: Washington’s Stance',
  ])('"%s" is not', (line) => {
    expect(isCreditLine(line)).toBe(false);
  });

  it('finds each credit line with its offsets', () => {
    const text = 'Leaders met in Paris.\nPhoto: Jane Doe/AP\nThey agreed.';
    expect(creditLineRanges(text)).toEqual([{ start: 22, end: 40 }]);
  });

  it('nothing on a credit line is highlighted; the same names in prose are', () => {
    const text = 'Credit Ashraf Shazly/Agence France-Presse — Getty Images\nAshraf Shazly told Agence France-Presse that the camp was full.';
    const d = detect(text, undefined, undefined, shippedModels());
    expect(d.actors.every((a) => a.start > text.indexOf('\n'))).toBe(true);
    expect(d.actors.map((a) => a.text)).toEqual(expect.arrayContaining(['Ashraf Shazly', 'Agence France-Presse']));
  });
});

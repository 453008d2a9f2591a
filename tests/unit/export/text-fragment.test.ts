import { describe, expect, it } from 'vitest';
import { encodeFragmentPart, textDirective, textFragmentUrl } from '../../../src/export/text-fragment';

describe('text fragments', () => {
  it.each([
    ['plain words', 'plain%20words'],
    ['well-known', 'well%2Dknown'],
    ['one, two', 'one%2C%20two'],
    ['R&D', 'R%26D'],
    ['50% (half)', '50%25%20%28half%29'],
    ['“quoted” — dash', '%E2%80%9Cquoted%E2%80%9D%20%E2%80%94%20dash'],
    ["it's ~ok!*", 'it%27s%20%7Eok%21%2A'],
    ['a#b?c=d', 'a%23b%3Fc%3Dd'],
  ])('encodes %j as %j', (text, encoded) => {
    expect(encodeFragmentPart(text)).toBe(encoded);
    expect(decodeURIComponent(encoded)).toBe(text);
  });

  it('adds whole-word prefix and suffix context, dropping the possibly cut outer word', () => {
    expect(textDirective({ exact: 'the ceasefire held', prefix: 'ficials in Kyiv said ', suffix: ' through the night, aides' })).toBe(
      'in%20Kyiv%20said-,the%20ceasefire%20held,-through%20the%20night%2C',
    );
  });

  it('leaves out context that runs into the quote mid-word', () => {
    expect(textDirective({ exact: 'inistry said', prefix: 'the M', suffix: 's and' })).toBe('inistry%20said');
    expect(textDirective({ exact: 'He said: ', prefix: 'word. ', suffix: '“We will act”' })).toBe('He%20said%3A,-%E2%80%9CWe%20will');
  });

  it('links long quotes by their first and last words, collapsing white space', () => {
    const exact = 'one two three four five six\nseven eight   nine ten eleven twelve';
    expect(textDirective({ exact, prefix: '', suffix: '' })).toBe('one%20two%20three%20four,nine%20ten%20eleven%20twelve');
  });

  it('replaces an existing fragment on the page address', () => {
    expect(textFragmentUrl('https://news.example/a?x=1#comments', { exact: 'pre-war levels', prefix: '', suffix: '' })).toBe(
      'https://news.example/a?x=1#:~:text=pre%2Dwar%20levels',
    );
  });
});

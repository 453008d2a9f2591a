import { describe, expect, it } from 'vitest';
import { canonicalUrl, siteOf } from '../../../src/annotation/url';

describe('canonicalUrl', () => {
  it.each([
    ['drops utm_* and click ids', 'https://news.example/a?utm_source=x&id=7&fbclid=abc&gclid=q', null, 'https://news.example/a?id=7'],
    ['drops the fragment', 'https://news.example/a#comments', null, 'https://news.example/a'],
    ['prefers <link rel=canonical>', 'https://m.news.example/a?utm_medium=s', 'https://news.example/a', 'https://news.example/a'],
    ['resolves a relative canonical link', 'https://news.example/amp/a', '/a', 'https://news.example/a'],
    ['cleans the canonical link too', 'https://news.example/a', 'https://news.example/a?utm_campaign=z', 'https://news.example/a'],
    ['ignores a non-http canonical link', 'https://news.example/a', 'javascript:alert(1)', 'https://news.example/a'],
    ['ignores a malformed canonical link', 'https://news.example/a', 'http://[bad', 'https://news.example/a'],
    ['keeps meaningful parameters', 'https://news.example/story?id=42&page=2', null, 'https://news.example/story?id=42&page=2'],
  ])('%s', (_name, page, link, expected) => {
    expect(canonicalUrl(page, link)).toBe(expected);
  });
});

describe('siteOf', () => {
  it.each([
    ['https://www.reuters.com/world/x', 'reuters.com'],
    ['https://news.bbc.co.uk/1', 'news.bbc.co.uk'],
    ['not a url', ''],
  ])('%s → %s', (url, site) => expect(siteOf(url)).toBe(site));
});

import { describe, expect, it } from 'vitest';
import { ArgsError, parseArgs } from '../../../scripts/bench/args';

describe('bench options', () => {
  it('reads --json, --pages, --filter and --timeout in both spellings', () => {
    expect(parseArgs([])).toEqual({ json: false, pages: null, filter: null, timeoutMs: 60_000, reanchor: true });
    expect(parseArgs(['--json', '--pages', '3', '--filter=nytimes', '--timeout', '20', '--no-reanchor'])).toEqual({
      json: true,
      pages: 3,
      filter: 'nytimes',
      timeoutMs: 20_000,
      reanchor: false,
    });
  });

  it('says what is wrong with a bad option', () => {
    expect(() => parseArgs(['--pages', 'x'])).toThrow(new ArgsError('--pages wants a whole number above 0, not "x"'));
    expect(() => parseArgs(['--filter'])).toThrow('--filter needs a value');
    expect(() => parseArgs(['--fast'])).toThrow('unknown option "--fast"');
  });
});

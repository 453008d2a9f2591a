import { describe, expect, it } from 'vitest';
import { ArgsError, parseArgs } from '../../../scripts/bench/args';

describe('bench options', () => {
  it('reads --json, --pages, --filter and --timeout in both spellings', () => {
    expect(parseArgs([])).toEqual({ json: false, pages: null, filter: null, repeat: 1, timeoutMs: 60_000, reanchor: true, store: true, storeOnly: false, storeSizes: null, browser: 'chromium' });
    expect(parseArgs(['--json', '--pages', '3', '--filter=nytimes', '--timeout', '20', '--no-reanchor'])).toEqual({
      json: true,
      pages: 3,
      filter: 'nytimes',
      repeat: 1,
      timeoutMs: 20_000,
      reanchor: false,
      store: true,
      storeOnly: false,
      storeSizes: null,
      browser: 'chromium',
    });
  });

  it('reads the store options: --no-store, --store-only, --store-sizes', () => {
    expect(parseArgs(['--no-store'])).toMatchObject({ store: false, storeOnly: false });
    expect(parseArgs(['--store-only', '--store-sizes', '2000,10_000'])).toMatchObject({ store: true, storeOnly: true, storeSizes: [2000, 10_000] });
    expect(() => parseArgs(['--store-only', '--no-store'])).toThrow('cannot be used together');
    expect(() => parseArgs(['--store-sizes', '10,abc'])).toThrow('--store-sizes wants whole numbers');
  });

  it('runs the store part in Firefox with --browser firefox, only with --store-only', () => {
    expect(parseArgs(['--store-only', '--browser', 'firefox'])).toMatchObject({ storeOnly: true, browser: 'firefox' });
    expect(() => parseArgs(['--browser', 'firefox'])).toThrow('add --store-only');
    expect(() => parseArgs(['--store-only', '--browser=safari'])).toThrow('--browser wants chromium or firefox, not "safari"');
  });

  it('loads each page --repeat times (1 to 10)', () => {
    expect(parseArgs(['--repeat', '3'])).toMatchObject({ repeat: 3 });
    expect(() => parseArgs(['--repeat', '0'])).toThrow('--repeat wants a whole number from 1 to 10, not "0"');
    expect(() => parseArgs(['--repeat=2.5'])).toThrow('--repeat wants a whole number');
  });

  it('says what is wrong with a bad option', () => {
    expect(() => parseArgs(['--pages', 'x'])).toThrow(new ArgsError('--pages wants a whole number above 0, not "x"'));
    expect(() => parseArgs(['--filter'])).toThrow('--filter needs a value');
    expect(() => parseArgs(['--fast'])).toThrow('unknown option "--fast"');
  });
});

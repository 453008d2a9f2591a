import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, isScanningOn, readSettings, shouldScan } from '../../src/settings';

describe('when a page is scanned', () => {
  const url = 'https://www.news.example/world/a';
  it.each([
    ['automatic scanning on', { ...DEFAULT_SETTINGS }, false, true],
    ['automatic scanning off, not asked', { ...DEFAULT_SETTINGS, autoScan: false }, false, false],
    ['automatic scanning off, asked from the popup', { ...DEFAULT_SETTINGS, autoScan: false }, true, true],
    ['the site switched off, even when asked', { autoScan: false, disabledSites: ['news.example'] }, true, false],
    ['the site switched off', { autoScan: true, disabledSites: ['news.example'] }, false, false],
  ])('%s', (_name, settings, requested, expected) => {
    expect(shouldScan(settings, url, requested)).toBe(expected);
    if (!requested) expect(isScanningOn(settings, url)).toBe(expected);
  });

  it('reads malformed settings field by field', () => {
    expect(readSettings({ autoScan: 'no', disabledSites: ['a.example', 3, 'a.example'] })).toEqual({ autoScan: true, disabledSites: ['a.example'] });
  });
});

import { describe, expect, it } from 'vitest';
import {
  checkColour,
  COLOUR_CATEGORIES,
  contrast,
  DEFAULT_COLOURS,
  parseHexColour,
  readColours,
} from '../../src/settings-colours';

describe('highlight colours', () => {
  it('reads stored colours leniently: malformed values fall back to their defaults', () => {
    const read = readColours({
      person: '#12AB34',
      organization: 'red',
      place: '#12345',
      'claim-named': '#1234567',
      'claim-vague': 'url(https://evil.example/x)',
      'claim-unattributed': '#abcdef; } body { display: none',
      saved: 42,
      extra: '#000000',
    });
    expect(read).toEqual({ ...DEFAULT_COLOURS, person: '#12ab34' });
    expect(readColours(undefined)).toEqual(DEFAULT_COLOURS);
    expect(readColours('#ffffff')).toEqual(DEFAULT_COLOURS);
    expect(readColours(Object.create({ person: '#000000' }))).toEqual(DEFAULT_COLOURS);
  });

  it.each(['#000000', '#FFffFF', ' #a1b2c3 '])('accepts %j as a colour', (value) => {
    expect(parseHexColour(value)).toMatch(/^#[0-9a-f]{6}$/);
  });

  it.each(['#fff', 'fff000', '#ggg000', 'rgb(0,0,0)', '', null, 7])('refuses %j as a colour', (value) => {
    expect(parseHexColour(value)).toBeNull();
  });

  it('computes WCAG contrast ratios', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrast([119, 119, 119], [255, 255, 255])).toBeCloseTo(4.48, 2);
  });

  it.each(COLOUR_CATEGORIES)('the default for %s reads well on light and dark pages', (category) => {
    expect(checkColour(category, DEFAULT_COLOURS[category]).warning).toBeNull();
  });

  it('warns about a fill that light text on a dark page cannot be read on', () => {
    const check = checkColour('person', '#ffffff');
    expect(check.dark).toBeLessThan(4.5);
    expect(check.warning).toMatch(/^Poor contrast with white text on dark pages \(4\.1:1/);
  });

  it('warns about a fill that barely shows', () => {
    expect(checkColour('saved', '#000000').warning).toMatch(/barely shows on dark pages/);
    expect(checkColour('place', '#fafaf0').warning).toMatch(/white text on dark pages|barely shows on light pages/);
  });

  it('warns about an underline lost on light or dark pages', () => {
    expect(checkColour('claim-named', '#ffff00').warning).toMatch(/hard to see on light pages .*darker shade/);
    expect(checkColour('claim-vague', '#000080').warning).toMatch(/hard to see on dark pages .*lighter shade/);
  });
});

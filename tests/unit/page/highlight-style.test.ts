// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHighlightStyle, highlightCss, STYLE_ATTRIBUTE } from '../../../src/page/highlight-style';
import { followReaderColours } from '../../../src/page/reader-colours';
import { COLOURS_KEY } from '../../../src/settings';
import { DEFAULT_COLOURS, readColours } from '../../../src/settings-colours';

describe('highlight style', () => {
  it('generates one ::highlight rule per category from the colours', () => {
    const css = highlightCss({ ...DEFAULT_COLOURS, person: '#102030', 'claim-vague': '#0a0b0c' });
    expect(css).toContain('::highlight(claimlens-person) { background-color: rgba(16, 32, 48, 0.45); }');
    expect(css).toContain('::highlight(claimlens-claim-vague) { text-decoration: underline 2px #0a0b0c; text-underline-offset: 3px; }');
    expect(css).toContain("mark[data-claimlens-mark='person'] { background-color: rgba(16, 32, 48, 0.45); }");
    expect(css.match(/::highlight\(/g)).toHaveLength(7);
  });

  it('never lets anything but a hex colour into the CSS', () => {
    const css = highlightCss({ person: 'red; } body { display: none } x {', place: '</style><script>', saved: '#ABCDEF' } as never);
    expect(css).not.toMatch(/display|script|red/);
    expect(css).toContain('::highlight(claimlens-person) { background-color: rgba(255, 196, 0, 0.45); }');
    expect(css).toContain('::highlight(claimlens-saved) { background-color: rgba(171, 205, 239, 0.45); }');
    expect(highlightCss(readColours({ person: '#12345' }))).toBe(highlightCss(DEFAULT_COLOURS));
  });

  it('matches the default rules shipped in highlights.css', () => {
    const shipped = readFileSync(path.resolve(__dirname, '../../../entrypoints/content/highlights.css'), 'utf8');
    for (const line of highlightCss(DEFAULT_COLOURS).split('\n')) expect(shipped).toContain(line);
  });

  it('keeps exactly one style element, rewritten on each change, removed on teardown', () => {
    const style = createHighlightStyle(document, 'data-claimlens-ui');
    style.apply({ ...DEFAULT_COLOURS, person: '#111111' });
    style.apply({ ...DEFAULT_COLOURS, person: '#222222' });
    const found = document.querySelectorAll(`style[${STYLE_ATTRIBUTE}]`);
    expect(found).toHaveLength(1);
    expect(found[0]!.hasAttribute('data-claimlens-ui')).toBe(true);
    expect(found[0]!.textContent).toContain('rgba(34, 34, 34, 0.45)');
    style.remove();
    expect(document.querySelectorAll(`style[${STYLE_ATTRIBUTE}]`)).toHaveLength(0);
  });
});

describe("following the reader's colours", () => {
  function fakeStorage(initial: unknown) {
    const listeners = new Set<(changes: Record<string, { newValue?: unknown }>, area: string) => void>();
    return {
      listeners,
      change: (value: unknown) => listeners.forEach((l) => l({ [COLOURS_KEY]: { newValue: value } }, 'local')),
      storage: {
        local: { get: async () => ({ [COLOURS_KEY]: initial }) },
        onChanged: { addListener: (l: never) => listeners.add(l), removeListener: (l: never) => listeners.delete(l) },
      },
    };
  }
  const styleText = () => [...document.querySelectorAll(`style[${STYLE_ATTRIBUTE}]`)].map((s) => s.textContent);

  it('adds a style only for customised colours, follows changes, and cleans up', async () => {
    const fake = fakeStorage(undefined);
    const controller = new AbortController();
    followReaderColours(document, fake, controller.signal);
    await new Promise((r) => setTimeout(r, 0));
    expect(styleText()).toEqual([]);
    fake.change({ place: '#0000ff' });
    expect(styleText()).toEqual([expect.stringContaining('::highlight(claimlens-place) { background-color: rgba(0, 0, 255, 0.45); }')]);
    fake.change({ place: 'not a colour' });
    expect(styleText()).toEqual([]);
    fake.change({ place: '#00ff00' });
    controller.abort();
    expect(styleText()).toEqual([]);
    expect(fake.listeners.size).toBe(0);
  });

  it('applies stored colours at start', async () => {
    const controller = new AbortController();
    followReaderColours(document, fakeStorage({ saved: '#101010' }), controller.signal);
    await new Promise((r) => setTimeout(r, 0));
    expect(styleText()).toEqual([expect.stringContaining('rgba(16, 16, 16, 0.45)')]);
    controller.abort();
  });
});

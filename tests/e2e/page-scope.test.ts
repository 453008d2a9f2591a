/**
 * Issue 13 in real Chromium with the built extension: an article whose markup says nothing
 * (no <article>, no <p>, generated class names, its text also in JSON-LD articleBody) is
 * found and painted, and only there; inside a body, a byline, a photo caption with its
 * credit, a "Related" insert and a pull quote are not painted. (The front page staying quiet
 * is in thin-path.test.ts.)
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support';

/** Every painted actor and claim range, with whether it lies inside / touches the given elements. */
function paintedAgainst(page: Page, inside: string, avoid: string) {
  return page.evaluate(
    ([insideSelector, avoidSelector]) => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      const avoidEls = [...document.querySelectorAll(avoidSelector!)];
      const out: { name: string; text: string; inside: boolean; touches: string | null }[] = [];
      for (const [name, highlight] of registry) {
        if (!name.startsWith('claimlens-') || name === 'claimlens-saved') continue;
        for (const range of highlight) {
          const node = range.commonAncestorContainer;
          const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
          const hit = avoidEls.find((el) => range.intersectsNode(el));
          out.push({ name, text: range.toString(), inside: Boolean(element?.closest(insideSelector!)), touches: hit?.getAttribute('data-furniture') ?? (hit ? hit.className : null) });
        }
      }
      return out;
    },
    [inside, avoid],
  );
}

async function waitForAnyPaint(page: Page): Promise<void> {
  await page.waitForFunction(
    () => [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights].some(([name, h]) => name.startsWith('claimlens-') && h.size > 0),
    null,
    { timeout: 15_000 },
  );
}

describe('the page: the article found, and only the story painted', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('finds and paints a script-built story through its linked data, not the longer comments below it', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(e2e.server.url('/story-in-divs.html'));
    await waitForAnyPaint(page);
    const painted = await paintedAgainst(page, '.s2f8', '.m0v4');
    expect(painted.length).toBeGreaterThanOrEqual(5);
    expect(painted.filter((r) => !r.inside)).toEqual([]);
    expect(painted.map((r) => r.text)).toEqual(expect.arrayContaining(['Moscow', 'Washington']));
    await page.close();
  });

  it('paints none of a byline, a photo caption and credit, a "Related" insert or a pull quote inside the body', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(e2e.server.url('/story-furniture.html'));
    await waitForAnyPaint(page);
    const painted = await paintedAgainst(page, '.body-7f', '[data-furniture]');
    // The story itself is painted: Sullivan, Lavrov, Geneva, Washington, Moscow...
    expect(painted.filter((r) => r.inside).length).toBeGreaterThanOrEqual(8);
    expect(painted.filter((r) => r.touches !== null).map((r) => `${r.touches}: ${r.text}`)).toEqual([]);
    await page.close();
  });
});

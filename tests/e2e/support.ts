/** Shared set-up for end-to-end tests: the fixture server and Chromium with Claimlens. */
import path from 'node:path';
import { type PaintedRange, readPaintedRanges, selectInPage } from '../lib/in-page';
import type { Page } from 'playwright-core';
import { REPO_ROOT, launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { startFixtureServer, type FixtureServer } from '../../scripts/lib/fixture-server';

export type { PaintedRange };

export const FIXTURES_DIR = path.join(REPO_ROOT, 'tests/fixtures');

export interface E2E {
  browser: ExtensionBrowser;
  server: FixtureServer;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  const server = await startFixtureServer(FIXTURES_DIR);
  const browser = await launchWithExtension();
  return {
    browser,
    server,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export function paintedRanges(page: Page): Promise<Record<string, PaintedRange[]>> {
  return page.evaluate(readPaintedRanges);
}

export async function waitForPaint(page: Page, name = 'claimlens-place'): Promise<void> {
  await page.waitForFunction(
    (n) => ((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(n)?.size ?? 0) > 0,
    name,
    { timeout: 15_000 },
  );
}

/** Selects the first occurrence of `phrase` inside `selector`, as a reader's drag would. */
export async function selectPhrase(page: Page, selector: string, phrase: string): Promise<void> {
  const found = await page.evaluate(selectInPage, { selector, phrase });
  if (!found) throw new Error(`"${phrase}" is not in ${selector}`);
}

/** Moves the mouse onto the first occurrence of `phrase` in the article, as a reader would to open the card. */
export async function hoverText(page: Page, phrase: string): Promise<void> {
  const box = await page.evaluate((phrase) => {
    const walker = document.createTreeWalker(document.querySelector('article')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf(phrase);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    return null;
  }, phrase);
  if (!box) throw new Error(`"${phrase}" is not in the article`);
  await page.mouse.move(box.x - 30, box.y - 40);
  await page.mouse.move(box.x, box.y, { steps: 4 });
}

/**
 * Every annotation id in the extension's database, sorted, read straight from IndexedDB in an
 * extension page (the extension's origin), not through our code: what is really stored.
 */
export function storedAnnotationIds(extensionPage: Page): Promise<string[]> {
  return extensionPage.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('claimlens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('annotations').objectStore('annotations').getAllKeys();
          request.onsuccess = () => {
            db.close();
            resolve((request.result as string[]).sort());
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

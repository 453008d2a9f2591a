/**
 * The main job: the built extension at work on the bundled sample articles.
 * With a display, Chromium opens for the reader to try it; without one, the script drives
 * it: visits the samples, saves passages, exports them and takes screenshots, then prints
 * a summary. Output goes to demo-output/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, SetupError, launchWithExtension } from './lib/chromium';
import { startFixtureServer } from './lib/fixture-server';

const OUT = path.join(REPO_ROOT, 'demo-output');
const SAMPLES = ['/russia-dprk-restrictions.html', '/dprk-deterrence.html'];
const TO_SAVE: Record<string, string[]> = {
  '/russia-dprk-restrictions.html': [
    'He stressed that Washington would keep working to persuade North Korea to abandon plans to provide weapons or other support to Russia.',
    'Officials cautioned that plans could change as diplomacy continues',
  ],
  '/dprk-deterrence.html': ['Analysts suggest that the current approach blends engagement with stringent expectations'],
};

type Registry = { highlights: Map<string, Set<Range>> };

async function highlightCounts(page: Page): Promise<Record<string, number>> {
  await page
    .waitForFunction(() => ((CSS as unknown as Registry).highlights.get('claimlens-place')?.size ?? 0) > 0, null, {
      timeout: 15_000,
    })
    .catch(() => undefined);
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const [name, h] of (CSS as unknown as Registry).highlights) out[name.replace('claimlens-', '')] = h.size;
    return out;
  });
}

async function select(page: Page, phrase: string, scroll = true): Promise<void> {
  const ok = await page.evaluate(({ phrase, scroll }) => {
    const walker = document.createTreeWalker(document.querySelector('article') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf(phrase);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      if (scroll) (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return true;
    }
    return false;
  }, { phrase, scroll });
  if (!ok) throw new Error(`The sample page no longer contains: ${phrase}`);
}

async function interactive(): Promise<void> {
  const server = await startFixtureServer(path.join(REPO_ROOT, 'tests/fixtures'));
  const browser = await launchWithExtension({ headless: false });
  for (const sample of SAMPLES) await (await browser.context.newPage()).goto(server.url(sample));
  console.log(`Claimlens is loaded in Chromium. Sample articles: ${SAMPLES.map((s) => server.url(s)).join('  ')}`);
  console.log('Select text and press "Save to Claimlens"; open the toolbar popup to see and export your saves.');
  console.log('Close the browser window to finish.');
  await new Promise<void>((resolve) => browser.context.on('close', () => resolve()));
  await server.close();
}

async function scripted(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const server = await startFixtureServer(path.join(REPO_ROOT, 'tests/fixtures'));
  const browser = await launchWithExtension();
  const summary: string[] = [];
  let saved = 0;
  try {
    for (const sample of SAMPLES) {
      const page = await browser.context.newPage();
      await page.goto(server.url(sample));
      const counts = await highlightCounts(page);
      const actors = (counts.person ?? 0) + (counts.organization ?? 0) + (counts.place ?? 0);
      summary.push(
        `${sample.slice(1)}: ${actors} actor highlights (${counts.person ?? 0} people, ${counts.organization ?? 0} organisations, ${counts.place ?? 0} places), ${(counts['claim-named'] ?? 0) + (counts['claim-vague'] ?? 0) + (counts['claim-unattributed'] ?? 0)} claims`,
      );
      for (const phrase of TO_SAVE[sample] ?? []) {
        await select(page, phrase);
        await page.locator('claimlens-ui .cl-save').click();
        await page.locator('claimlens-ui .cl-toast', { hasText: 'Saved to Claimlens' }).waitFor();
        saved++;
      }
      await page.close();
      if (sample === SAMPLES[0]) {
        // A fresh tab, so the picture shows the page as a reader first sees it.
        const fresh = await browser.context.newPage();
        await fresh.goto(server.url(sample));
        await highlightCounts(fresh);
        await select(fresh, 'Officials in Washington have signaled a cautious approach', false);
        await fresh.locator('claimlens-ui .cl-save').waitFor();
        await fresh.screenshot({ path: path.join(OUT, 'highlighted-article.png') });
        await fresh.close();
      }
    }
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 420, height: 560 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.locator('.annotation').nth(saved - 1).waitFor();
    await popup.screenshot({ path: path.join(OUT, 'popup.png') });
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('#export').click()]);
    const exportPath = path.join(OUT, download.suggestedFilename());
    await download.saveAs(exportPath);
    await writeFile(path.join(OUT, 'summary.txt'), `${summary.join('\n')}\n`);
    console.log('Claimlens demo');
    for (const line of summary) console.log(`  ${line}`);
    console.log(`  annotations saved: ${saved}`);
    console.log('  files written:');
    for (const file of ['highlighted-article.png', 'popup.png', path.basename(exportPath), 'summary.txt']) {
      console.log(`    demo-output/${file}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

const wantsWindow = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI && !process.argv.includes('--headless');
try {
  await (wantsWindow ? interactive() : scripted());
} catch (error) {
  if (error instanceof SetupError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

/**
 * The reader's pages in real Chromium with the built extension: the popup reports on the page
 * at hand and switches scanning for its site; the library finds, filters, edits, deletes and
 * restores, exports each format and imports with a report; user text stays text. Screenshots
 * of both pages in light and dark are saved to test-output/screenshots/ (copy them to
 * docs/screenshots/ when the pages change, so a test run leaves the tree clean).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/chromium';
import { type E2E, paintedRanges, selectPhrase, startE2E, waitForPaint } from './support';

declare const chrome: {
  tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(tabId: number, message: unknown): Promise<unknown> };
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value: any }> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};

const SEED = '/russia-dprk-restrictions.html';
const QUOTE = 'He stressed that Washington would keep working to persuade North Korea';
const SECOND = 'Officials cautioned that plans could change';
const HOSTILE = '<img src=x onerror="window.__pwned=1"> check <b>this</b>';
const SHOTS = path.join(REPO_ROOT, 'test-output/screenshots');

async function readDownload(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('popup and library', () => {
  let e2e: E2E;
  let article: Page;
  let tabId: number;
  beforeAll(async () => {
    e2e = await startE2E();
    article = await e2e.browser.context.newPage();
    await article.goto(e2e.server.url(SEED));
    await waitForPaint(article);
    for (const phrase of [QUOTE, SECOND]) {
      await selectPhrase(article, 'article', phrase);
      await article.locator('claimlens-ui .cl-save').click();
      await article.locator('claimlens-ui .cl-toast', { hasText: 'Saved to Claimlens' }).waitFor();
      await article.locator('claimlens-ui .cl-toast').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    }
    await article.bringToFront();
    tabId = await e2e.browser.serviceWorker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab!.id!;
    });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const libraryUrl = () => `chrome-extension://${e2e.browser.extensionId}/library.html`;

  it('popup: reports the page, lists what was saved from it and switches scanning for the site', async () => {
    const popup = await e2e.browser.context.newPage();
    await popup.setViewportSize({ width: 420, height: 760 });
    await popup.goto(`chrome-extension://${e2e.browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.locator('body[data-ready="true"]').waitFor();
    expect(await popup.locator('#page-summary').textContent()).toMatch(/\d+ actors and \d+ claims? found; 2 passages saved here\./);
    expect(await popup.locator('#page-actors li').count()).toBeGreaterThan(0);
    expect(await popup.locator('#page-claims li').allTextContents()).toEqual([
      expect.stringMatching(/^\d+ named source$/),
      expect.stringMatching(/^\d+ vague source$/),
      expect.stringMatching(/^\d+ unattributed$/),
    ]);
    // This page names another address as its original (<link rel=canonical>); its passages are
    // filed there, and the popup finds them through the canonical link in the page report.
    expect(await article.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel=canonical]')?.href)).toMatch(/^https:\/\/ledger\.example\//);
    expect(await popup.locator('#page-saved-heading').textContent()).toBe('Saved from this page (2)');
    expect(await popup.locator('#page-annotations .snippet').allTextContents()).toEqual([QUOTE, SECOND]);
    expect(await popup.locator('#page-annotations .title').first().getAttribute('href')).toMatch(/^https:\/\/ledger\.example\//);
    // The toolbar badge's number: the claims found on the page.
    const claims = (await popup.locator('#page-claims li strong').allTextContents()).reduce((sum, n) => sum + Number(n), 0);
    expect(await popup.locator('#page-badge').textContent()).toBe(String(claims));
    expect(await popup.locator('#page-badge').getAttribute('aria-label')).toMatch(/claims? on this page: the number on the Claimlens toolbar button$/);
    const recent = popup.locator('#annotations .annotation');
    expect(await recent.locator('.snippet').allTextContents()).toEqual([SECOND, QUOTE]);
    // The title opens the page at the passage.
    expect(await recent.first().locator('.title').getAttribute('href')).toMatch(/^https:\/\/ledger\.example\/.*#:~:text=/);

    const scan = popup.locator('#scan-site');
    expect(await scan.isChecked()).toBe(true);
    await scan.press('Space');
    await expect.poll(() => scan.isChecked()).toBe(false);
    const site = new URL(e2e.server.url(SEED)).hostname;
    const stored = await e2e.browser.serviceWorker.evaluate(() => chrome.storage.local.get('claimlens.settings'));
    expect((stored['claimlens.settings'] as { disabledSites: string[] }).disabledSites).toContain(site);
    await expect.poll(async () => Object.values(await paintedRanges(article)).flat().length).toBe(0);
    await scan.press('Space');
    await expect.poll(async () => Object.values(await paintedRanges(article)).flat().length, { timeout: 15_000 }).toBeGreaterThan(0);

    const [library] = await Promise.all([e2e.browser.context.waitForEvent('page'), popup.locator('#open-library').click()]);
    await library.waitForLoadState();
    expect(library.url()).toBe(libraryUrl());
    await library.close();
    await popup.close();
  });

  it('library: lists, searches as you type, filters, edits in place, deletes and undoes', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(libraryUrl());
    await page.locator('body[data-ready="true"]').waitFor();
    const items = page.locator('#library-list .annotation');
    expect(await items.locator('.snippet').allTextContents()).toEqual([SECOND, QUOTE]);
    expect(await page.locator('#library-status').textContent()).toBe('2 annotations.');

    await page.locator('#search').pressSequentially('caution');
    await expect.poll(() => items.locator('.snippet').allTextContents()).toEqual([SECOND]);
    await page.locator('#search').fill('nothing-like-this');
    await expect.poll(() => page.locator('#library-empty').textContent()).toContain('No annotations match “nothing-like-this”');
    await page.locator('#clear').click();
    await expect.poll(() => items.count()).toBe(2);

    // Filters combine, each shown as a chip; the address keeps them.
    const chips = page.locator('#chips .chip-remove');
    await page.locator('#filter').selectOption('actor:North Korea');
    await expect.poll(() => items.locator('.snippet').allTextContents()).toEqual([QUOTE]);
    await page.locator('#filter').selectOption('kind:claim');
    await expect.poll(() => page.locator('#library-empty .empty-title').textContent()).toBe('No annotations about North Korea, of kind “Claim”.');
    expect(await chips.allTextContents()).toEqual(['Actor: North Korea×', 'Kind: Claim×']);
    // Removing a chip from the keyboard; focus stays in the chip row.
    await chips.nth(1).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => items.locator('.snippet').allTextContents()).toEqual([QUOTE]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Remove filter Actor: North Korea');
    await page.locator('#filter').selectOption('site:ledger.example');
    await expect.poll(() => chips.count()).toBe(2);
    await expect.poll(() => items.locator('.snippet').allTextContents()).toEqual([QUOTE]);
    await expect.poll(() => page.locator('#library-status').textContent()).toBe('1 annotation about North Korea, from ledger.example.');
    expect(new URL(page.url()).search).toBe('?f=actor%3ANorth+Korea&f=site%3Aledger.example');
    // A bookmarked view opens as it was left.
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await chips.allTextContents()).toEqual(['Actor: North Korea×', 'Site: ledger.example×']);
    expect(await items.locator('.snippet').allTextContents()).toEqual([QUOTE]);
    // The empty state offers the way out.
    await page.locator('#filter').selectOption('kind:claim');
    await page.locator('#library-empty .clear-filters').click();
    await expect.poll(() => items.count()).toBe(2);
    expect(await chips.count()).toBe(0);
    expect(new URL(page.url()).search).toBe('');

    // Dates: today holds both saves; a range in the past holds none; a range around today both.
    await page.locator('#date').selectOption('today');
    await expect.poll(() => chips.allTextContents()).toEqual(['Date: Today×']);
    expect(await items.count()).toBe(2);
    await page.locator('#date').selectOption('custom');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('date-from');
    await page.locator('#date-from').fill('2020-01-01');
    await page.locator('#date-to').fill('2020-01-31');
    await expect.poll(() => page.locator('#library-empty .empty-title').textContent()).toBe('No annotations saved from Jan 1, 2020 to Jan 31, 2020.');
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await page.locator('#date-to').fill(today);
    await expect.poll(() => items.count()).toBe(2);
    await page.locator('#date-from').fill(today);
    await page.locator('#filter').selectOption('actor:North Korea');
    await expect.poll(() => items.locator('.snippet').allTextContents()).toEqual([QUOTE]);
    expect(new URL(page.url()).searchParams.get('date')).toBe('custom');
    await page.locator('#clear').click();
    await expect.poll(() => items.count()).toBe(2);

    // Grouped by actor: a passage naming several actors is listed under each, A–Z.
    await page.locator('#group').selectOption('actor');
    await expect.poll(() => page.locator('#library-list .group-heading').count()).toBeGreaterThan(1);
    const headings = await page.locator('#library-list .group-heading').allTextContents();
    expect(headings).toContain('North Korea');
    const named = headings.filter((h) => h !== 'No actor named');
    expect(named).toEqual([...named].sort());
    const quoteUnder = await page.locator('#library-list .group').filter({ has: page.locator('.snippet', { hasText: QUOTE }) }).locator('.group-heading').allTextContents();
    expect(quoteUnder.length).toBeGreaterThan(1);
    expect(quoteUnder).toContain('North Korea');
    await page.locator('#group').selectOption('none');
    await expect.poll(() => page.locator('#library-list .group-heading').count()).toBe(0);

    // Edit in place; a note that looks like HTML stays text.
    const quoteItem = items.filter({ hasText: QUOTE });
    await quoteItem.locator('.edit').click();
    await quoteItem.locator('textarea').fill(HOSTILE);
    await quoteItem.locator('input[type="text"]').fill('wire, #dprk');
    await quoteItem.locator('input[type="text"]').press('Enter');
    await expect.poll(() => quoteItem.locator('.note').textContent()).toBe(HOSTILE);
    expect(await quoteItem.locator('.tag').allTextContents()).toEqual(['#wire', '#dprk']);
    expect(await page.locator('#library-list img, #library-list b').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect.poll(() => page.locator('#filter option[value="tag:dprk"]').count()).toBe(1);
    await page.locator('#filter').selectOption('tag:dprk');
    await expect.poll(() => items.locator('.snippet').allTextContents()).toEqual([QUOTE]);
    await page.locator('#chips .chip-remove', { hasText: 'Tag: #dprk' }).click();
    await expect.poll(() => items.count()).toBe(2);
    // The note is searchable.
    await page.locator('#search').fill('check');
    await expect.poll(() => items.locator('.snippet').allTextContents()).toEqual([QUOTE]);
    await page.locator('#clear').click();
    await expect.poll(() => items.count()).toBe(2);

    // Delete, then undo from the keyboard (focus moves to Undo).
    await items.filter({ hasText: SECOND }).locator('.delete').click();
    await expect.poll(() => items.count()).toBe(1);
    await expect.poll(() => page.locator('#toast').textContent()).toContain('Deleted “Officials cautioned');
    await page.keyboard.press('Enter');
    await expect.poll(() => items.locator('.snippet').allTextContents()).toEqual([SECOND, QUOTE]);
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await items.locator('.snippet').allTextContents()).toEqual([SECOND, QUOTE]);
    expect(await items.filter({ hasText: QUOTE }).locator('.note').textContent()).toBe(HOSTILE);
    await page.close();
  });

  it('library: exports JSON-LD, CSV and Markdown, of everything or of the selection', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(libraryUrl());
    await page.locator('body[data-ready="true"]').waitFor();

    const jsonld = await readDownload(page, () => page.locator('#export-jsonld').click());
    expect(jsonld.name).toMatch(/^claimlens-\d{4}-\d{2}-\d{2}\.jsonld$/);
    const collection = JSON.parse(jsonld.text);
    expect(collection).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 2 });
    expect(collection.first.items.map((a: { target: { selector: { exact?: string }[] } }) => a.target.selector[0]!.exact)).toEqual([SECOND, QUOTE]);
    expect(await page.locator('#export-status').textContent()).toBe(`Exported 2 annotations to ${jsonld.name}.`);

    const csv = await readDownload(page, () => page.locator('#export-csv').click());
    expect(csv.name).toMatch(/\.csv$/);
    const rows = csv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toContain(QUOTE);
    expect(csv.text).toContain('img src=x');

    const markdown = await readDownload(page, () => page.locator('#export-markdown').click());
    expect(markdown.name).toMatch(/\.md$/);
    expect(markdown.text).toMatch(/^# Claimlens annotations\n\n2 annotations from 1 site/);
    expect(markdown.text).toContain('## ledger.example');

    // The selection: a filter narrows the export; "Everything" ignores it.
    await page.locator('#filter').selectOption('actor:North Korea');
    await expect.poll(() => page.locator('#library-list .annotation').count()).toBe(1);
    const narrowed = JSON.parse((await readDownload(page, () => page.locator('#export-jsonld').click())).text);
    expect(narrowed.total).toBe(1);
    await page.locator('#export-scope').selectOption('all');
    const everything = JSON.parse((await readDownload(page, () => page.locator('#export-jsonld').click())).text);
    expect(everything.total).toBe(2);
    await page.close();
  });

  it('library: imports a file and reports what was added, skipped and refused', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(libraryUrl());
    await page.locator('body[data-ready="true"]').waitFor();
    const exported = JSON.parse((await readDownload(page, () => page.locator('#export-jsonld').click())).text);
    const report = page.locator('#import-report');
    const upload = (name: string, content: unknown) =>
      page.locator('#import-file').setInputFiles({
        name,
        mimeType: 'application/ld+json',
        buffer: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)),
      });

    // A new record plus the two already saved.
    const fresh = structuredClone(exported.first.items[0]);
    fresh.id = 'urn:uuid:00000000-0000-4000-8000-000000000001';
    fresh.target.selector[0].exact = 'a passage from another reader';
    fresh.body = [{ type: 'TextualBody', value: 'imported note', purpose: 'commenting' }];
    fresh.motivation = 'commenting';
    exported.first.items.push(fresh);
    await upload('mine.jsonld', exported);
    await expect.poll(() => report.locator('.headline').textContent()).toBe('Imported “mine.jsonld”.');
    expect(await report.locator('li').allTextContents()).toEqual(
      expect.arrayContaining(['3 items in the file', '1 added', expect.stringMatching(/^2 skipped as duplicates/)]),
    );
    await expect.poll(() => page.locator('#library-list .annotation').count()).toBe(3);

    // A broken item: nothing is imported, and the report says which item and why.
    const broken = structuredClone(fresh);
    broken.id = 'urn:uuid:00000000-0000-4000-8000-000000000002';
    delete broken.target.source;
    await upload('broken.jsonld', { ...exported, first: { ...exported.first, items: [broken] } });
    await expect.poll(() => report.locator('.headline').textContent()).toMatch(/^Nothing was imported from “broken\.jsonld”: item 1: `target\.source` is missing/);
    expect(await page.locator('#library-list .annotation').count()).toBe(3);

    // A file of the wrong kind is refused before it is read.
    await page.locator('#import-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect.poll(() => report.locator('.headline').textContent()).toContain('“notes.txt” is not a JSON-LD file');

    await page.close();
  });

  it('library: shows 50 at a time and more on request', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(libraryUrl());
    await page.locator('body[data-ready="true"]').waitFor();
    const exported = JSON.parse((await readDownload(page, () => page.locator('#export-jsonld').click())).text);
    const template = exported.first.items[0];
    exported.first.items = Array.from({ length: 120 }, (_, i) => {
      const copy = structuredClone(template);
      copy.id = `urn:uuid:00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
      copy.created = copy.modified = new Date(Date.parse(template.created) - (i + 1) * 60_000).toISOString();
      copy.target.selector[0].exact = `bulk passage number ${i}`;
      return copy;
    });
    await page.locator('#import-file').setInputFiles({ name: 'bulk.jsonld', mimeType: '', buffer: Buffer.from(JSON.stringify(exported)) });
    await expect.poll(() => page.locator('#import-report .headline').textContent()).toBe('Imported “bulk.jsonld”.');
    const items = page.locator('#library-list .annotation');
    await expect.poll(() => items.count()).toBe(50);
    // The total is counted once the first page is on screen.
    await expect.poll(() => page.locator('#library-status').textContent()).toBe('123 annotations, showing the newest 50.');
    await page.locator('#library-more').click();
    await expect.poll(() => items.count()).toBe(100);
    await page.locator('#library-more').click();
    await expect.poll(() => items.count()).toBe(123);
    expect(await page.locator('#library-more').isHidden()).toBe(true);
    expect(new Set(await items.locator('.snippet').allTextContents()).size).toBe(123);
    await page.close();
  });

  it('library: sorts by site, groups by site and page, and exports what the filters select', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(libraryUrl());
    await page.locator('body[data-ready="true"]').waitFor();
    const exported = JSON.parse((await readDownload(page, () => page.locator('#export-jsonld').click())).text);
    const template = exported.first.items.find((a: { target: { selector: { exact?: string }[] } }) => a.target.selector[0]!.exact === QUOTE);
    const now = Date.now();
    // Three sites; two passages on one page of zulu.example, the newest save on alpha.example.
    const made = [
      ['zulu.example', '/world/talks', 'Zulu Times: talks resume', 'Talks resume in Geneva, officials said', 3],
      ['alpha.example', '/politics/sanctions', 'Alpha Post: new sanctions', 'Sanctions widened to shipping firms', 1],
      ['zulu.example', '/world/talks', 'Zulu Times: talks resume', 'Negotiators met for six hours', 2],
      ['mid.example', '/a', 'Mid Herald', 'A passage from the middle of the alphabet', 4],
    ].map(([site, path, title, exact, minutesAgo], i) => {
      const copy = structuredClone(template);
      copy.id = `urn:uuid:00000000-0000-4000-a000-00000000000${i}`;
      copy.created = copy.modified = new Date(now - Number(minutesAgo) * 60_000).toISOString();
      copy.target.source = `https://${site}${path}`;
      copy.target.title = title;
      copy.target.selector[0].exact = exact;
      copy.body = [{ type: 'TextualBody', value: 'sort-check', purpose: 'tagging' }];
      copy.motivation = 'tagging';
      return copy;
    });
    await page.locator('#import-file').setInputFiles({ name: 'three-sites.jsonld', mimeType: '', buffer: Buffer.from(JSON.stringify({ ...exported, first: { ...exported.first, items: made } })) });
    await expect.poll(() => page.locator('#import-report .headline').textContent()).toBe('Imported “three-sites.jsonld”.');
    const items = page.locator('#library-list .annotation');

    // Site A–Z, newest first within a site, over everything (the walk through each site's range).
    await page.locator('#sort').selectOption('site');
    await expect.poll(() => items.first().locator('.site').textContent()).toBe('alpha.example');
    const sites = await items.locator('.site').allTextContents();
    expect(sites.slice(0, 4)).toEqual(['alpha.example', 'ledger.example', 'ledger.example', 'ledger.example']);
    expect(sites).toEqual([...sites].sort());
    await page.locator('#filter').selectOption('tag:sort-check');
    await expect.poll(() => items.locator('.snippet').allTextContents()).toEqual([
      'Sanctions widened to shipping firms',
      'A passage from the middle of the alphabet',
      'Negotiators met for six hours',
      'Talks resume in Geneva, officials said',
    ]);

    // Grouped by site and page: a heading per site, then the page's title linking to it.
    await page.locator('#group').selectOption('site');
    await expect.poll(() => page.locator('#library-list .group-heading').allTextContents()).toEqual(['alpha.example', 'mid.example', 'zulu.example']);
    const zulu = page.locator('#library-list .group').filter({ hasText: 'zulu.example' });
    expect(await zulu.locator('.page-heading').allTextContents()).toEqual(['Zulu Times: talks resume']);
    expect(await zulu.locator('.page-heading a').getAttribute('href')).toBe('https://zulu.example/world/talks');
    expect(await zulu.locator('.snippet').allTextContents()).toEqual(['Negotiators met for six hours', 'Talks resume in Geneva, officials said']);

    // Markdown of everything, read site by site: sites A–Z, a page once, its passages in reading order.
    await page.locator('#export-scope').selectOption('all');
    const markdown = (await readDownload(page, () => page.locator('#export-markdown').click())).text;
    expect(markdown).toMatch(/^# Claimlens annotations\n\n\d+ annotations from 4 sites/);
    expect(markdown.match(/^## .+$/gm)).toEqual(['## alpha.example', '## ledger.example', '## mid.example', '## zulu.example']);
    const zuluText = markdown.slice(markdown.indexOf('## zulu.example'));
    expect(zuluText.match(/^### .+$/gm)).toEqual(['### [Zulu Times: talks resume](<https://zulu.example/world/talks>)']);
    // Both passages sit at the same position (copies of one record): the earlier save first.
    expect(zuluText.indexOf('> Talks resume in Geneva')).toBeLessThan(zuluText.indexOf('> Negotiators met'));
    await page.locator('#export-scope').selectOption('selection');

    // The export of the selection follows the filters: a tag and a site at once.
    await page.locator('#filter').selectOption('site:zulu.example');
    await expect.poll(() => items.count()).toBe(2);
    const csv = await readDownload(page, () => page.locator('#export-csv').click());
    expect(csv.name).toMatch(/-tag-sort-check-site-zulu\.example\.csv$/);
    expect(csv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n')).toHaveLength(3);
    expect(await page.locator('#export-status').textContent()).toBe(`Exported 2 annotations to ${csv.name}.`);

    // The screenshot: filters as chips, a date preset, grouped by site and page.
    await page.locator('#chips .chip-remove', { hasText: 'Site: zulu.example' }).click();
    await page.locator('#date').selectOption('7d');
    await expect.poll(() => page.locator('#library-list .group-heading').count()).toBe(3);
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.mouse.move(0, 890);
    await screenshots(page, 'library');
    await page.close();
  });

  it('popup: lists the passages saved from this page, marks those no longer on it, and keeps page text as text', async () => {
    const hostile = await e2e.browser.context.newPage();
    await hostile.goto(e2e.server.url('/hostile-page.html'));
    await waitForPaint(hostile);
    const passage = 'Moscow replied with <img src=x onerror="window.__pwned = true"> in its statement';
    await selectPhrase(hostile, 'article', passage);
    await hostile.bringToFront();
    const hostileTab = await e2e.browser.serviceWorker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab!.id!;
    });
    const reply = await e2e.browser.serviceWorker.evaluate(
      (id) => chrome.tabs.sendMessage(id, { claimlens: 1, type: 'selection.save', payload: {} }),
      hostileTab,
    );
    expect(reply).toEqual({ ok: true, value: { saved: true } });

    // A passage saved from this page that its current text no longer contains.
    const library = await e2e.browser.context.newPage();
    await library.goto(libraryUrl());
    const restored = await library.evaluate(async (pageUrl) => {
      const send = (type: string, payload: unknown) => chrome.runtime.sendMessage({ claimlens: 1, type, payload });
      const found = await send('annotation.forPage', { pageUrl, canonicalLink: null });
      const copy = structuredClone(found.value.annotations[0]);
      copy.id = 'urn:uuid:00000000-0000-4000-8000-0000000000aa';
      copy.created = copy.modified = new Date(Date.parse(copy.created) - 60_000).toISOString();
      for (const selector of copy.target.selector) {
        if (selector.type === 'TextQuoteSelector') Object.assign(selector, { exact: 'A sentence the editors later removed', prefix: '', suffix: '' });
        else selector.end = selector.start + 'A sentence the editors later removed'.length;
      }
      return send('annotation.restore', { annotation: copy });
    }, hostile.url());
    expect(restored).toEqual({ ok: true, value: { result: 'restored' } });
    await library.close();
    await hostile.reload();
    await waitForPaint(hostile);

    const popup = await e2e.browser.context.newPage();
    await popup.setViewportSize({ width: 420, height: 760 });
    await expect
      .poll(async () => {
        await popup.goto(`chrome-extension://${e2e.browser.extensionId}/popup.html?tab=${hostileTab}`);
        await popup.locator('body[data-ready="true"]').waitFor();
        return popup.locator('#page-annotations .orphan-label').count();
      }, { timeout: 20_000 })
      .toBe(1);
    const items = popup.locator('#page-annotations .annotation');
    expect(await items.locator('.snippet').allTextContents()).toEqual(['A sentence the editors later removed', passage]);
    expect(await items.first().locator('.orphan-label').textContent()).toBe('Passage no longer on this page');
    expect(await popup.locator('#page-saved-heading').textContent()).toBe('Saved from this page (2)');
    expect(await popup.locator('.annotation img').count()).toBe(0);
    expect(await popup.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
    await screenshots(popup, 'popup');
    await popup.close();
    await hostile.close();
  });
});

/**
 * How fast the library answers at scale, in real Chromium with the built extension:
 * `npx tsx scripts/library-bench.ts [records]` (default 100,000).
 *
 * Fills the extension's database with synthetic annotations (40 sites, 200 actors, a year of
 * dates), then opens the library at several bookmarked views (the address holds the view) and
 * reports how long each takes to show its first 50, and one "Show more". Prints a table; not
 * part of `npm test` (timings on a shared 2-core machine vary).
 */
import { launchWithExtension } from './lib/chromium';

const N = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 3);

const VIEWS: [string, string][] = [
  ['everything, newest first', ''],
  ['last 30 days', '?date=30d'],
  ['one site', '?f=site%3Asite7.example'],
  ['site + actor + sourcing', '?f=site%3Asite7.example&f=actor%3AActor+47&f=sourcing%3Aunattributed'],
  ['kind + sourcing, last 30 days', '?f=kind%3Aclaim&f=sourcing%3Anamed&date=30d'],
  ['sort by site', '?sort=site'],
  ['sort by site, one kind, oldest first in a range', '?f=kind%3Aclaim&date=custom&from=2026-03-01&to=2026-06-30&sort=site'],
  ['group by site and page', '?group=site'],
  ['group by actor', '?group=actor'],
  ['group by actor, one tag', '?f=tag%3Atag8&group=actor'],
  ['rare actor sorted by site', '?f=actor%3AActor+199&sort=site'],
  ['search word + site', '?q=sanctions&f=site%3Asite1.example'],
];

async function main(): Promise<void> {
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    const url = `chrome-extension://${browser.extensionId}/library.html`;
    await page.goto(url);
    await page.locator('body[data-ready="true"]').waitFor();
    const filled = Date.now();
    await page.evaluate(async (n) => {
      const open = indexedDB.open('claimlens');
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const words = ['talks', 'sanctions', 'missile', 'summit', 'ceasefire', 'election', 'inflation', 'tariff'];
      const start = Date.UTC(2026, 0, 1);
      for (let from = 0; from < n; from += 5_000) {
        const tx = db.transaction('annotations', 'readwrite');
        const store = tx.objectStore('annotations');
        for (let i = from; i < Math.min(n, from + 5_000); i++) {
          const created = new Date(start + Math.floor((i / n) * 330 * 86_400_000)).toISOString();
          const id = `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
          const site = `site${i % 40}.example`;
          const actors = [...new Set([`Actor ${i % 200}`, ...(i % 3 === 0 ? [`Actor ${(i * 7) % 200}`] : [])])];
          const tags = i % 4 === 0 ? [`tag${i % 30}`] : [];
          const sourcing = [null, 'named', 'vague', 'unattributed'][i % 4] as string | null;
          const word = words[i % words.length]!;
          const exact = `Officials said the ${word} talks (round ${i}) would continue`;
          store.put({
            '@context': 'http://www.w3.org/ns/anno.jsonld',
            type: 'Annotation',
            id,
            created,
            modified: created,
            motivation: tags.length ? 'tagging' : 'highlighting',
            body: tags.map((value) => ({ type: 'TextualBody', value, purpose: 'tagging' })),
            target: {
              source: `https://www.${site}/story/${i % 500}`,
              title: `Story ${i % 500} on ${site}`,
              selector: [
                { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
                { type: 'TextPositionSelector', start: 0, end: exact.length },
              ],
            },
            claimlens: { kind: ['actor', 'claim', 'manual'][i % 3], actors, speaker: null, sourcing, site },
            derived: {
              actors: actors.map((a) => [a, created, id]),
              tags: tags.map((t) => [t, created, id]),
              sourcing: [sourcing ?? 'none', created, id],
              words: ['officials', 'said', word, 'talks', 'round', String(i), 'would', 'continue']
                .filter((w, k, all) => all.indexOf(w) === k && w.length > 1)
                .map((w) => `${w} ${created}`),
              duplicate: id,
            },
          });
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
    }, N);
    console.log(`${N.toLocaleString('en')} records written in ${((Date.now() - filled) / 1000).toFixed(1)} s`);

    console.log('view | list shown (ms) | filter menu (ms) | page ready (ms) | show more (ms) | shown | status');
    for (const [name, search] of VIEWS) {
      const times: number[] = [];
      const more: number[] = [];
      const lists: number[] = [];
      const filters: number[] = [];
      let shown = 0;
      let status = '';
      for (let run = 0; run < RUNS; run++) {
        const t0 = Date.now();
        await page.goto(`${url}${search}`);
        await page.locator('body[data-ready="true"]').waitFor({ timeout: 120_000 });
        times.push(Date.now() - t0);
        // (No named function inside: tsx would wrap it in a helper the page does not have.)
        const [list, menu] = await page.evaluate(() =>
          ['claimlens:list-shown', 'claimlens:filters-shown'].map((mark) => performance.getEntriesByName(mark).at(-1)?.startTime ?? NaN),
        );
        lists.push(list!);
        filters.push(menu!);
        shown = await page.locator('#library-list .annotation').count();
        status = (await page.locator('#library-status').textContent()) ?? '';
        if (await page.locator('#library-more').isVisible()) {
          const t1 = Date.now();
          await page.locator('#library-more').click();
          await page.waitForFunction((n) => document.querySelectorAll('#library-list .annotation').length > n && !(document.getElementById('library-more') as HTMLButtonElement).disabled, shown, { timeout: 120_000 });
          more.push(Date.now() - t1);
        }
      }
      const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : NaN);
      console.log(`${name} | ${Math.round(median(lists))} | ${Math.round(median(filters))} | ${median(times)} | ${median(more)} | ${shown} | ${status}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

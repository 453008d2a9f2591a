/**
 * How the actor ledger page copes with a full ledger: 20,000 sightings (the cap) from ~600
 * actors on 40 sites, all built on one sentence template, so every record is a near-duplicate
 * candidate of every other (the worst case for "Also carried by"). Prints the time to the
 * actor list and to each page of 40 entries, measured in the page. Needs a build:
 *   npm run -s build && npx tsx scripts/ledger-bench.ts
 */
import { bandKeys } from '../src/ledger/near-duplicate';
import type { Sighting } from '../src/ledger/sighting';
import { launchWithExtension } from './lib/chromium';

const N = 20_000;
const WORDS = 'sanctions deterrence missile summit ceasefire tariffs election inflation allies weapons shipments exports controls talks border troops grain energy pipeline budget'.split(' ');
const FIRST = 'Anna Boris Carla Dmitri Elena Farid Gita Hans Ines Jonas Karim Lena Maria Nadia Omar Pavel Rosa Sergei Tomas Vera'.split(' ');
const LAST = 'Abe Bauer Costa Dahl Evans Fischer Garcia Hoffmann Ivanova Jensen Kowalski Lopez Meyer Novak Olsen Petrov Quinn Rossi Schmidt Tanaka Ueda Vargas Weber Young Zhou Nguyen Mendez Khan Ali Park'.split(' ');

function sightings(): Sighting[] {
  return Array.from({ length: N }, (_, i) => {
    const w = (k: number) => WORDS[(i * 7 + k * 13 + Math.floor(i / 3)) % WORDS.length];
    const text = `The minister said on Tuesday that the government would review ${w(1)} and ${w(2)} policy after talks on ${w(3)} with partners in the region, number ${i % 4000}.`;
    const k = Math.floor(Math.sqrt(i * 3)) % 600;
    const speaker = i % 10 === 0 ? 'Jake Sullivan' : k % 3 === 0 ? `${LAST[k % 30]} Ministry ${k}` : `${FIRST[k % 20]} ${LAST[(k * 7) % 30]} ${k}`;
    const t = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    return {
      id: `s${i}`, speaker, actors: ['Russia'], text, cue: 'said', sourcing: 'named', hedged: false,
      source: `https://site${i % 40}.example/story/${i}`, title: `Story ${i}`, site: `site${i % 40}.example`,
      firstSeen: t, lastSeen: t, bands: bandKeys(text),
    };
  });
}

const browser = await launchWithExtension();
try {
  const page = await browser.context.newPage();
  const url = `chrome-extension://${browser.extensionId}/ledger.html`;
  await page.goto(url);
  await page.locator('body[data-ready="true"]').waitFor();
  const records = sightings();
  for (let k = 0; k < records.length; k += 2000) {
    await page.evaluate(
      (batch) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('claimlens');
          open.onsuccess = () => {
            const tx = open.result.transaction('sightings', 'readwrite');
            for (const r of batch) tx.objectStore('sightings').put(r);
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      records.slice(k, k + 2000),
    );
  }
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  const waitForEntries = (n: number) =>
    page.evaluate<number>(`new Promise((resolve) => {
      const start = performance.now();
      const check = () => document.querySelectorAll('#ledger-days .entry').length >= ${n} ? resolve(performance.now() - start) : requestAnimationFrame(check);
      document.querySelector(${n > 40 ? "'#ledger-more'" : "'#actor-list button'"}).click();
      check();
    })`);
  for (let run = 1; run <= 3; run++) {
    await page.goto('about:blank');
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { polling: 'raf' });
    const ready = await page.evaluate(() => performance.now());
    const first = await waitForEntries(40);
    const second = await waitForEntries(80);
    const actors = await page.locator('#actor-list button').count();
    console.log(`run ${run}: actor list ready ${Math.round(ready)} ms after navigation (${actors} shown); first 40 entries ${Math.round(first)} ms; next 40 ${Math.round(second)} ms`);
  }
} finally {
  await browser.close();
}

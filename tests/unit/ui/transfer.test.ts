/**
 * Export and import as the library runs them, against a real (fake-indexeddb) store: the
 * selection decides what is written, progress is reported, the file round-trips.
 */
import { describe, expect, it } from 'vitest';
import { bulkImport } from '../../../src/store/bulk';
import { EXPORT_BATCH } from '../../../src/store/export-read';
import type { Annotation } from '../../../src/annotation/record';
import { streamMarkdown } from '../../../src/export/markdown';
import { collect } from '../../../src/export/stream';
import { EVERYTHING, queryBatches } from '../../../src/store/library-query';
import { type ExportProgress, type Selection, blobOf, exportSelection, importFile } from '../../../src/ui/transfer';
import { freshDb, makeMany } from '../store/fixtures';

const options = (progress: ExportProgress[] = []) => ({
  now: new Date('2026-11-23T10:00:00Z'),
  newId: () => '11111111-1111-4111-8111-111111111111',
  onProgress: (p: ExportProgress) => progress.push({ ...p }),
});

describe('library export and import', () => {
  it('exports everything as JSON-LD with progress, and the file imports back as duplicates only', async () => {
    const { db } = await freshDb();
    // More than one batch, so progress is reported between batches.
    const n = EXPORT_BATCH + 300;
    await bulkImport(db, makeMany(n));
    const progress: ExportProgress[] = [];
    const file = await exportSelection(db, 'jsonld', EVERYTHING, options(progress));
    expect(file.count).toBe(n);
    expect(file.filename).toBe('claimlens-2026-11-23.jsonld');
    const parsed = JSON.parse(await file.blob.text());
    expect(parsed.total).toBe(n);
    expect(progress[0]).toEqual({ done: 0, total: n });
    expect(progress.at(-1)).toEqual({ done: n, total: n });
    expect(progress.length).toBeGreaterThan(2);

    const again = await importFile(db, new File([file.blob], 'back.jsonld', { type: '' }));
    expect(again).toMatchObject({ ok: true, added: 0 });
    expect(again.lines).toContain(`${n.toLocaleString('en')} skipped as duplicates (already saved, or repeated in the file)`);
  });

  it('exports only the selection: a facet, search words, or both', async () => {
    const { db } = await freshDb();
    await bulkImport(db, makeMany(60));
    const bySite = await exportSelection(db, 'csv', { ...EVERYTHING, filters: [{ by: 'site', value: 'ledger.example' }] }, options());
    expect(bySite.count).toBe(20);
    expect((await bySite.blob.text()).trimEnd().split('\r\n')).toHaveLength(21);
    const words = await exportSelection(db, 'markdown', { ...EVERYTHING, search: 'tariff' }, options());
    const withTariff = makeMany(60).filter((a) => /tariff/.test(`${JSON.stringify(a.target.selector)} ${JSON.stringify(a.body)}`));
    expect(words.count).toBe(withTariff.length);
    const both = await exportSelection(db, 'jsonld', { ...EVERYTHING, filters: [{ by: 'site', value: 'ledger.example' }], search: 'tariff' }, options());
    expect(both.count).toBeLessThan(words.count);
    expect(JSON.parse(await both.blob.text()).first.items.every((a: { claimlens: { site: string } }) => a.claimlens.site === 'ledger.example')).toBe(true);
  });

  it('writes Markdown the same text whichever way it reads: site by site, in one pass, or for search words', async () => {
    const { db } = await freshDb();
    await bulkImport(db, makeMany(90));
    const markdownOf = async (selection: Selection) => {
      const records: Annotation[] = [];
      for await (const batch of queryBatches(db, selection, 500)) records.push(...batch);
      return collect(streamMarkdown(records, { generated: options().now, oldestFirst: selection.sort === 'oldest' }));
    };
    for (const selection of [
      EVERYTHING,
      { ...EVERYTHING, sort: 'oldest' as const },
      { ...EVERYTHING, from: '2026-01-01T00:30:00.000Z' },
      { ...EVERYTHING, filters: [{ by: 'site' as const, value: 'gazette.example' }] },
      { ...EVERYTHING, search: 'tariff' },
    ]) {
      const file = await exportSelection(db, 'markdown', selection, options());
      expect(await file.blob.text()).toBe(await markdownOf(selection));
    }
  });

  it('refuses a file of the wrong kind before reading it, and a broken one without changing the store', async () => {
    const { db } = await freshDb();
    expect(await importFile(db, new File(['x'], 'notes.txt', { type: 'text/plain' }))).toMatchObject({ ok: false, added: 0 });
    const { target: _target, ...broken } = makeMany(1)[0]!;
    const result = await importFile(db, new File([JSON.stringify([broken])], 'broken.json', { type: 'application/json' }));
    expect(result.ok).toBe(false);
    expect(result.headline).toMatch(/^Nothing was imported from “broken\.json”: item 1:/);
    expect(await db.count('annotations')).toBe(0);
  });

  it('builds a large export\'s Blob a few megabytes at a time, with the same text and type', async () => {
    const chunks = ['a'.repeat(1_500_000), 'é'.repeat(1_500_000), 'z'.repeat(1_500_000), 'end'];
    async function* stream() {
      yield* chunks;
    }
    const blob = await blobOf(stream(), 'text/csv');
    expect(blob.type).toBe('text/csv');
    expect(await blob.text()).toBe(chunks.join(''));
    expect(blob.size).toBe(new TextEncoder().encode(chunks.join('')).length);
  });
});

/**
 * Export and import run in the extension page itself, straight against the extension's
 * IndexedDB (the page is the extension's origin): a message is capped near 64 MB, and
 * streaming here keeps 100,000 annotations out of one string and the page responsive.
 */
import type { Annotation } from '../annotation/record';
import { CSV_MIME, streamCsv } from '../export/csv';
import { describeRefusal, checkImportFile } from '../export/import';
import { JSONLD_MIME, streamJsonLd } from '../export/jsonld';
import { MARKDOWN_MIME, markdownBySite, streamMarkdown } from '../export/markdown';
import { type ImportOutcome, importFromText } from '../store/bulk';
import type { ClaimlensDB } from '../store/db';
import { exportBatches, readsBySite, siteBatches } from '../store/export-read';
import { type LibraryQuery, countQuery } from '../store/library-query';
import { formatCount } from './format';

export type ExportFormat = 'jsonld' | 'csv' | 'markdown';

export const EXPORT_FORMATS: Record<ExportFormat, { label: string; extension: string; mime: string }> = {
  jsonld: { label: 'JSON-LD', extension: 'jsonld', mime: JSONLD_MIME },
  csv: { label: 'CSV', extension: 'csv', mime: CSV_MIME },
  markdown: { label: 'Markdown', extension: 'md', mime: MARKDOWN_MIME },
};

/**
 * What is exported: the library's query (filters, date range, search words, sort). Grouping
 * is ignored, so an annotation naming two actors is written once.
 */
export type Selection = LibraryQuery;

/**
 * The selection's records in its order, once each, in batches read in short transactions, the
 * next batch read while the current one is written.
 */
export function selectionBatches(db: ClaimlensDB, selection: Selection): AsyncGenerator<Annotation[]> {
  return exportBatches(db, selection);
}

/** Records between progress reports (and one at the end). */
const REPORT_EVERY = 1_000;

export interface ExportProgress {
  done: number;
  /** Null when not known in advance (search words, or several filters at once). */
  total: number | null;
}

export interface ExportedBlob {
  blob: Blob;
  filename: string;
  count: number;
}

function localDay(time: number): string {
  const date = new Date(time);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export function exportFilename(format: ExportFormat, now: Date, selection: Selection): string {
  const stamp = now.toISOString().slice(0, 10);
  const part = selection.filters.map((f) => `-${f.by}-${f.value}`).join('');
  // Bounds are instants; the reader chose local days (the end is exclusive: the next day's start).
  const from = selection.from && localDay(Date.parse(selection.from));
  const until = selection.to && localDay(Date.parse(selection.to) - 1);
  const dates = from && until ? `-${from}-to-${until}` : from ? `-since-${from}` : until ? `-until-${until}` : '';
  const words = selection.search.trim() ? '-search' : '';
  const safe = `${part}${dates}${words}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/-+/g, '-').slice(0, 60);
  return `claimlens-${stamp}${safe}.${EXPORT_FORMATS[format].extension}`;
}

/** Markdown selections of at most this many records may be grouped in one pass, held whole. */
const GROUPED_AT_ONCE = 5_000;

/**
 * Markdown groups by site and page. Read site by site, one site's snippets are held at a time;
 * but within a date range that takes the site list and a request per site, which costs more
 * than holding a few thousand records (in Chromium, of 10,000 records, 617 in a date range took
 * 475 ms site by site, 128 ms in one pass), so such a selection is grouped in one pass.
 */
function groupsSiteBySite(selection: Selection, total: number | null): boolean {
  if (!readsBySite(selection)) return false;
  const rangePerSite = (selection.from !== null || selection.to !== null) && !selection.filters.length;
  return !rangePerSite || total === null || total > GROUPED_AT_ONCE;
}

/** Streams the selection through a writer into a Blob, reporting progress between batches. */
export async function exportSelection(
  db: ClaimlensDB,
  format: ExportFormat,
  selection: Selection,
  options: { now: Date; newId: () => string; onProgress?: (progress: ExportProgress) => void },
): Promise<ExportedBlob> {
  const total = await countQuery(db, selection);
  let done = 0;
  let reported = 0;
  const report = options.onProgress ?? (() => undefined);
  report({ done, total });
  // Sites come in small batches: reporting each would redraw the page hundreds of times.
  async function* counted<T>(batches: AsyncIterable<T>, size: (batch: T) => number): AsyncGenerator<T> {
    for await (const batch of batches) {
      done += size(batch);
      yield batch;
      if (done - reported >= REPORT_EVERY) report({ done: (reported = done), total });
    }
    if (done !== reported) report({ done, total });
  }
  const records = () => counted(selectionBatches(db, selection), (batch) => batch.length);
  const { mime } = EXPORT_FORMATS[format];
  const stamp = options.now.toISOString().slice(0, 10);
  let blob: Blob;
  if (format === 'jsonld') {
    blob = await blobOf(streamJsonLd(records(), { id: `urn:uuid:${options.newId()}`, label: `Claimlens annotations, exported ${stamp}`, generated: options.now }), mime);
  } else if (format === 'csv') {
    blob = await blobOf(streamCsv(records()), mime);
  } else {
    const markdownOptions = { generated: options.now, oldestFirst: selection.sort === 'oldest' };
    if (groupsSiteBySite(selection, total)) {
      // Grouped by site: read site by site, so only one site's snippets are held at a time.
      const markdown = markdownBySite(counted(siteBatches(db, selection), (batch) => batch.records.length), markdownOptions);
      const body = await blobOf(markdown.body, mime);
      blob = new Blob([markdown.head(), body], { type: mime });
    } else {
      blob = await blobOf(streamMarkdown(records(), markdownOptions), mime);
    }
  }
  return { blob, filename: exportFilename(format, options.now, selection), count: done };
}

/** Characters of text turned into a Blob at a time. */
const BLOB_PART_CHARS = 2_000_000;

/**
 * The chunks as one Blob, built a few megabytes at a time: a Blob is made by encoding its
 * strings to UTF-8 in one go, so handing it 100 MB of strings at the end would freeze the
 * page, and keeping them all until then would fill the heap. A Blob of Blobs only references them.
 */
export async function blobOf(chunks: AsyncIterable<string>, type: string): Promise<Blob> {
  const blobs: Blob[] = [];
  let parts: string[] = [];
  let chars = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    chars += chunk.length;
    if (chars >= BLOB_PART_CHARS) {
      blobs.push(new Blob(parts));
      parts = [];
      chars = 0;
    }
  }
  return new Blob([...blobs, ...parts], { type });
}

export interface ImportSummary {
  ok: boolean;
  /** One sentence: what happened. */
  headline: string;
  /** Details: counts, or each refused item with its reason. */
  lines: string[];
  added: number;
}

/** Checks, reads and imports a file in one transaction; never throws for a bad file. */
export async function importFile(db: ClaimlensDB, file: File): Promise<ImportSummary> {
  const refused = checkImportFile(file);
  if (refused) return { ok: false, headline: `Nothing was imported. ${refused}`, lines: [], added: 0 };
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    return { ok: false, headline: `Could not read “${file.name}”: ${error instanceof Error ? error.message : String(error)}. Choose the file again.`, lines: [], added: 0 };
  }
  let outcome: ImportOutcome;
  try {
    outcome = await importFromText(db, text);
  } catch (error) {
    // A storage failure rolls the whole transaction back.
    return {
      ok: false,
      headline: `Nothing was imported from “${file.name}”: ${error instanceof Error ? error.message : String(error)}`,
      lines: ['Your saved annotations are unchanged. Free some disk space or import a smaller file.'],
      added: 0,
    };
  }
  return summarise(file.name, outcome);
}

export function summarise(name: string, outcome: ImportOutcome): ImportSummary {
  if (!outcome.ok) {
    const lines = outcome.report.refused.map(describeRefusal);
    if (outcome.report.refusedNotListed) lines.push(`and ${outcome.report.refusedNotListed} more refused items`);
    if (lines.length) lines.push('Fix these items (or remove them) and import the file again; nothing was changed.');
    return { ok: false, headline: `Nothing was imported from “${name}”: ${outcome.error}`, lines, added: 0 };
  }
  const lines = [
    `${formatCount(outcome.items)} ${outcome.items === 1 ? 'item' : 'items'} in the file`,
    `${formatCount(outcome.added)} added`,
    `${formatCount(outcome.skippedDuplicates)} skipped as duplicates (already saved, or repeated in the file)`,
  ];
  if (outcome.skippedUnsupported) lines.push(`${formatCount(outcome.skippedUnsupported)} skipped: no quoted text`);
  lines.push(...outcome.notes);
  return { ok: true, headline: `Imported “${name}”.`, lines, added: outcome.added };
}

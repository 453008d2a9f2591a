/**
 * CSV export (RFC 4180): CRLF line ends, every field that needs it in double quotes with
 * inner quotes doubled. Made safe for spreadsheets: a text field that begins with = + - @,
 * a tab or a carriage return would be read as a formula by Excel, LibreOffice or Google
 * Sheets (CSV injection, see OWASP "CSV Injection"), so such a field is prefixed with an
 * apostrophe, which spreadsheets show as text. Numbers we write ourselves are left as they are.
 */
import { type Annotation, noteOf, positionSelectorOf, quoteSelectorOf, tagsOf } from '../annotation/record';
import { type AnnotationSource, type StreamOptions, chunked } from './stream';

export const CSV_MIME = 'text/csv;charset=utf-8';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell: formula-safe, then quoted when RFC 4180 requires it. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A number cell: written as it is; absent numbers are empty. */
function csvNumber(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

/** Several values in one cell, e.g. tags. "; " keeps them readable and splittable. */
export const LIST_SEPARATOR = '; ';

export const CSV_COLUMNS = [
  'id', 'created', 'modified', 'site', 'url', 'title', 'quote', 'prefix', 'suffix', 'start', 'end',
  'note', 'tags', 'kind', 'actors', 'speaker', 'sourcing', 'motivation',
] as const;

export function csvRow(annotation: Annotation): string {
  const quote = quoteSelectorOf(annotation);
  const position = positionSelectorOf(annotation);
  const meta = annotation.claimlens;
  const cells = [
    csvText(annotation.id),
    csvText(annotation.created),
    csvText(annotation.modified),
    csvText(meta.site),
    csvText(annotation.target.source),
    csvText(annotation.target.title),
    csvText(quote?.exact ?? ''),
    csvText(quote?.prefix ?? ''),
    csvText(quote?.suffix ?? ''),
    csvNumber(position?.start),
    csvNumber(position?.end),
    csvText(noteOf(annotation)),
    csvText(tagsOf(annotation).join(LIST_SEPARATOR)),
    csvText(meta.kind),
    csvText(meta.actors.join(LIST_SEPARATOR)),
    csvText(meta.speaker ?? ''),
    csvText(meta.sourcing ?? ''),
    csvText(annotation.motivation),
  ];
  return `${cells.join(',')}\r\n`;
}

export interface CsvOptions extends StreamOptions {
  /**
   * Start with a UTF-8 byte order mark (default true): without it Excel reads the file as
   * the system code page and mangles every accented name.
   */
  bom?: boolean;
}

export async function* streamCsv(source: AnnotationSource, options: CsvOptions = {}): AsyncGenerator<string, void, undefined> {
  yield `${options.bom === false ? '' : '\uFEFF'}${CSV_COLUMNS.join(',')}\r\n`;
  yield* chunked(source, csvRow, options);
}

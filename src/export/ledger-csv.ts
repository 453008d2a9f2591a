/**
 * One actor's ledger as CSV (RFC 4180, formula-safe cells: see csv.ts), for a researcher's
 * spreadsheet. Written only when the reader asks for it on the ledger page.
 */
import { type Annotation, noteOf, quoteSelectorOf } from '../annotation/record';
import { searchableText } from '../ledger/sighting';
import type { LedgerEntry } from '../store/ledger';
import { LIST_SEPARATOR, csvText } from './csv';
import { textFragmentUrl } from './text-fragment';

export const LEDGER_CSV_COLUMNS = [
  'date', 'actor', 'entry', 'sourcing', 'cue', 'site', 'title', 'url', 'passage', 'saved', 'note', 'also_carried_by', 'other_urls',
] as const;

function passageLink(annotation: Annotation): string {
  const quote = quoteSelectorOf(annotation);
  return quote ? textFragmentUrl(annotation.target.source, quote) : annotation.target.source;
}

export function ledgerCsvRow(actor: string, entry: LedgerEntry): string {
  const carriers = entry.carriedBy;
  const cells =
    entry.kind === 'seen'
      ? [
          entry.sighting.firstSeen,
          actor,
          'seen',
          entry.sighting.sourcing,
          entry.sighting.cue,
          entry.sighting.site,
          entry.sighting.title,
          textFragmentUrl(entry.sighting.source, { exact: searchableText(entry.sighting), prefix: '', suffix: '' }),
          entry.sighting.text,
          entry.saved.length ? 'yes' : 'no',
          entry.saved.map(noteOf).filter(Boolean).join(LIST_SEPARATOR),
        ]
      : [
          entry.annotation.created,
          actor,
          'saved',
          entry.annotation.claimlens.sourcing ?? '',
          '',
          entry.annotation.claimlens.site,
          entry.annotation.target.title,
          passageLink(entry.annotation),
          quoteSelectorOf(entry.annotation)?.exact ?? '',
          'yes',
          noteOf(entry.annotation),
        ];
  cells.push(carriers.map((c) => c.site).join(LIST_SEPARATOR), carriers.map((c) => c.source).join(LIST_SEPARATOR));
  return `${cells.map(csvText).join(',')}\r\n`;
}

export function ledgerCsvHeader(): string {
  return `${LEDGER_CSV_COLUMNS.join(',')}\r\n`;
}

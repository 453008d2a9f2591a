/**
 * Markdown export for notes apps: grouped by site, then by page, each snippet a block
 * quote linked by a text fragment so a click scrolls to the passage.
 *
 * Page text and notes are untrusted: every piece of it is escaped so it stays text in any
 * CommonMark renderer (no raw HTML such as `<img onerror=…>`, no links, no headings or lists
 * made from a quote's first characters).
 */
import { type Annotation, noteOf, positionSelectorOf, quoteSelectorOf, tagsOf } from '../annotation/record';
import { type AnnotationSource, type StreamOptions, DEFAULT_CHUNK_RECORDS, eachRecord, yieldToEventLoop } from './stream';
import { textFragmentUrl } from './text-fragment';

export const MARKDOWN_MIME = 'text/markdown;charset=utf-8';

/** Escapes inline Markdown and HTML so the text renders as itself. */
export function escapeMarkdown(text: string): string {
  return (
    text
      // Inline syntax anywhere: emphasis, code, links/images, raw HTML, entities, tables, strike.
      .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
      // Block syntax at a line's start: headings, quotes, list markers, setext underlines.
      .replace(/^(\s*)([#>+\-=])/gm, (_m, space: string, lead: string) => `${space}\\${lead}`)
      .replace(/^(\s*\d+)([.)])/gm, (_m, number: string, mark: string) => `${number}\\${mark}`)
  );
}

/** A link destination: `<…>` form, safe for addresses with parentheses or spaces. */
function destination(url: string): string {
  return `<${url.replace(/[<>\s]/g, (c) => encodeURIComponent(c))}>`;
}

function blockQuote(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => (line.trim() ? `> ${escapeMarkdown(line)}` : '>'))
    .join('\n');
}

function annotationBlock(annotation: Annotation): string {
  const quote = quoteSelectorOf(annotation);
  const lines: string[] = [];
  if (quote) {
    lines.push(blockQuote(quote.exact));
    lines.push('');
    lines.push(`[Open at the passage](${destination(textFragmentUrl(annotation.target.source, quote))}) · ${annotation.created.slice(0, 10)}`);
  }
  const meta = annotation.claimlens;
  const details: string[] = [];
  if (meta.speaker) details.push(`**Speaker:** ${escapeMarkdown(meta.speaker)}`);
  if (meta.actors.length) details.push(`**Actors:** ${meta.actors.map(escapeMarkdown).join(', ')}`);
  if (meta.sourcing) details.push(`**Sourcing:** ${meta.sourcing}`);
  const tags = tagsOf(annotation);
  if (tags.length) details.push(`**Tags:** ${tags.map((t) => `\`${t.replaceAll('`', "'")}\``).join(' ')}`);
  if (details.length) lines.push('', details.join(' · '));
  const note = noteOf(annotation);
  if (note) {
    lines.push('');
    lines.push(...note.split(/\r\n|\r|\n/).map((line) => (line.trim() ? escapeMarkdown(line) : '')));
  }
  return `${lines.join('\n')}\n\n`;
}

export interface MarkdownOptions extends StreamOptions {
  title?: string;
  generated: Date;
}

interface PageGroup {
  source: string;
  title: string;
  annotations: Annotation[];
}

/**
 * Sites alphabetically; within a site, pages in the order of their newest annotation (given a
 * newest-first source); within a page, snippets in reading order. Grouping needs every record
 * before the first site is written, so the records are held (as objects, not text) meanwhile.
 */
export async function* streamMarkdown(source: AnnotationSource, options: MarkdownOptions): AsyncGenerator<string, void, undefined> {
  const sites = new Map<string, Map<string, PageGroup>>();
  let total = 0;
  for await (const annotation of eachRecord(source)) {
    total++;
    const site = annotation.claimlens.site || 'other';
    let pages = sites.get(site);
    if (!pages) sites.set(site, (pages = new Map()));
    let page = pages.get(annotation.target.source);
    if (!page) pages.set(annotation.target.source, (page = { source: annotation.target.source, title: annotation.target.title, annotations: [] }));
    page.annotations.push(annotation);
  }
  const size = options.chunkRecords ?? DEFAULT_CHUNK_RECORDS;
  const pause = options.pause ?? yieldToEventLoop;
  yield `# ${escapeMarkdown(options.title ?? 'Claimlens annotations')}\n\n` +
    `${total} annotation${total === 1 ? '' : 's'} from ${sites.size} site${sites.size === 1 ? '' : 's'}, exported ${options.generated.toISOString().slice(0, 10)}.\n\n`;
  let parts: string[] = [];
  let inChunk = 0;
  for (const site of [...sites.keys()].sort()) {
    parts.push(`## ${escapeMarkdown(site)}\n\n`);
    for (const page of sites.get(site)!.values()) {
      parts.push(`### [${escapeMarkdown(page.title || page.source)}](${destination(page.source)})\n\n`);
      const ordered = [...page.annotations].sort(
        (a, b) => (positionSelectorOf(a)?.start ?? 0) - (positionSelectorOf(b)?.start ?? 0) || (a.created < b.created ? -1 : 1),
      );
      for (const annotation of ordered) {
        parts.push(annotationBlock(annotation));
        if (++inChunk >= size) {
          yield parts.join('');
          parts = [];
          inChunk = 0;
          await pause();
        }
      }
    }
  }
  if (parts.length) yield parts.join('');
}

/**
 * Markdown export for notes apps: grouped by site, then by page, each snippet a block
 * quote linked by a text fragment so a click scrolls to the passage.
 *
 * Page text and notes are untrusted: every piece of it is escaped so it stays text in any
 * CommonMark renderer (no raw HTML such as `<img onerror=…>`, no links, no headings or lists
 * made from a quote's first characters).
 */
import { type Annotation, noteOf, positionSelectorOf, quoteSelectorOf, tagsOf } from '../annotation/record';
import { type AnnotationSource, type StreamOptions, DEFAULT_CHUNK_RECORDS, eachBatch, yieldToEventLoop } from './stream';
import { textFragmentUrl } from './text-fragment';

export const MARKDOWN_MIME = 'text/markdown;charset=utf-8';

/** Anything `escapeMarkdown` changes; most snippets have none, and one search is cheaper than three replaces. */
const NEEDS_ESCAPE = /[\\`*_[\]<>|~&]|^\s*(?:[#>+\-=]|\d+[.)])/m;

/** Escapes inline Markdown and HTML so the text renders as itself. */
export function escapeMarkdown(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
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
  /**
   * Pages in the order of their oldest annotation (an oldest-first selection); by default,
   * newest first: in the order of their newest annotation.
   */
  oldestFirst?: boolean;
}

/** The heading a record is filed under: its site, or "other" when it has none. */
export function siteHeading(site: string): string {
  return site || 'other';
}

/** IndexedDB's order for strings (code units), which `<` also uses. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One snippet, already written, with what orders it within its page. */
interface Snippet {
  start: number;
  created: string;
  id: string;
  text: string;
}

/** A page's newest or oldest snippet, and the page's title as that record has it. */
interface PageEnd {
  snippet: Snippet;
  title: string;
}

interface PageGroup {
  source: string;
  snippets: Snippet[];
  /** By [created, id], as the store orders records. */
  newest: PageEnd;
  oldest: PageEnd;
}

const byTime = (a: Snippet, b: Snippet): number => cmp(a.created, b.created) || cmp(a.id, b.id);

/**
 * One heading's pages, each snippet written as it arrives (the records themselves are not
 * kept). A page is placed, and titled, by its newest record (its oldest, oldest first), not by
 * arrival: the records of a site may come in either time order, and two sites filed under one
 * heading ("other" for records with no site, and a site named "other") interleave as one.
 */
class SiteSection {
  private readonly pages = new Map<string, PageGroup>();

  constructor(readonly heading: string) {}

  add(annotation: Annotation): void {
    const { source, title } = annotation.target;
    const snippet: Snippet = {
      start: positionSelectorOf(annotation)?.start ?? 0,
      created: annotation.created,
      id: annotation.id,
      text: annotationBlock(annotation),
    };
    const page = this.pages.get(source);
    if (!page) {
      this.pages.set(source, { source, snippets: [snippet], newest: { snippet, title }, oldest: { snippet, title } });
      return;
    }
    page.snippets.push(snippet);
    if (byTime(snippet, page.newest.snippet) > 0) page.newest = { snippet, title };
    if (byTime(snippet, page.oldest.snippet) < 0) page.oldest = { snippet, title };
  }

  /** The heading, then each page's heading and its snippets in reading order. */
  *parts(oldestFirst: boolean): Generator<string, void, undefined> {
    yield `## ${escapeMarkdown(this.heading)}\n\n`;
    const first = (page: PageGroup): PageEnd => (oldestFirst ? page.oldest : page.newest);
    const pages = [...this.pages.values()].sort((a, b) => byTime(first(a).snippet, first(b).snippet) * (oldestFirst ? 1 : -1));
    for (const page of pages) {
      const title = first(page).title;
      yield `### [${escapeMarkdown(title || page.source)}](${destination(page.source)})\n\n`;
      const ordered = page.snippets.sort((a, b) => a.start - b.start || byTime(a, b));
      for (const snippet of ordered) yield snippet.text;
    }
  }
}

function head(options: MarkdownOptions, total: number, sites: number): string {
  return (
    `# ${escapeMarkdown(options.title ?? 'Claimlens annotations')}\n\n` +
    `${total} annotation${total === 1 ? '' : 's'} from ${sites} site${sites === 1 ? '' : 's'}, exported ${options.generated.toISOString().slice(0, 10)}.\n\n`
  );
}

/** Sections' parts joined `chunkRecords` parts at a time, pausing between chunks. */
async function* chunkedSections(sections: Iterable<SiteSection>, options: MarkdownOptions): AsyncGenerator<string, void, undefined> {
  const size = options.chunkRecords ?? DEFAULT_CHUNK_RECORDS;
  const pause = options.pause ?? yieldToEventLoop;
  let parts: string[] = [];
  for (const section of sections) {
    for (const part of section.parts(options.oldestFirst ?? false)) {
      parts.push(part);
      if (parts.length >= size) {
        yield parts.join('');
        parts = [];
        await pause();
      }
    }
  }
  if (parts.length) yield parts.join('');
}

/**
 * A pause after every `chunkRecords` snippets written: records arrive in batches whose next
 * step is a microtask away, so without it a whole batch would be written in one task.
 */
function pacer(options: StreamOptions): () => Promise<void> | undefined {
  const size = options.chunkRecords ?? DEFAULT_CHUNK_RECORDS;
  const pause = options.pause ?? yieldToEventLoop;
  let written = 0;
  return () => (++written % size === 0 ? pause() : undefined);
}

/**
 * Sites alphabetically; within a site, pages in the order of their newest annotation (oldest,
 * for an oldest-first selection); within a page, snippets in reading order. Records may come in
 * any order, so every snippet (as text, not the record) is held until the first site is
 * written; `markdownBySite` holds one site's at a time, for records that come site by site.
 */
export async function* streamMarkdown(source: AnnotationSource, options: MarkdownOptions): AsyncGenerator<string, void, undefined> {
  const sections = new Map<string, SiteSection>();
  const paced = pacer(options);
  let total = 0;
  for await (const batch of eachBatch(source)) {
    for (const annotation of batch) {
      total++;
      const heading = siteHeading(annotation.claimlens.site);
      let section = sections.get(heading);
      if (!section) sections.set(heading, (section = new SiteSection(heading)));
      section.add(annotation);
      await paced();
    }
  }
  yield head(options, total, sections.size);
  yield* chunkedSections([...sections.keys()].sort(cmp).map((heading) => sections.get(heading)!), options);
}

export interface SiteRecords {
  site: string;
  records: readonly Annotation[];
}

export interface MarkdownDocument {
  /** The document after its title lines. */
  body: AsyncGenerator<string, void, undefined>;
  /** The title lines, counting what the body wrote: call once the body is consumed. */
  head(): string;
}

/**
 * The text of `streamMarkdown` for records that come site by site, sites in the store's order
 * (`bySiteTime`'s: code units), every record of a site before the next site's, in either time
 * order. One site's snippets are held at a time, except those with no site: filed under "other",
 * they are held until the sites that sort before "other" are written. The title lines count what
 * was written, so they come last, from `head()`, to be put first (a Blob of Blobs copies nothing).
 */
export function markdownBySite(batches: AsyncIterable<SiteRecords>, options: MarkdownOptions): MarkdownDocument {
  const OTHER = siteHeading('');
  let total = 0;
  let sites = 0;
  let finished = false;
  const paced = pacer(options);
  async function* body(): AsyncGenerator<string, void, undefined> {
    let section = null as SiteSection | null;
    // Records with no site come first in the store's order, but their heading sorts later.
    let unsited = null as SiteSection | null;
    const write = (done: SiteSection) => {
      sites++;
      return chunkedSections([done], options);
    };
    for await (const { site, records } of batches) {
      if (!records.length) continue;
      total += records.length;
      if (site === '') {
        unsited ??= new SiteSection(OTHER);
        for (const annotation of records) {
          unsited.add(annotation);
          await paced();
        }
        continue;
      }
      if (section?.heading !== site) {
        if (section) yield* write(section);
        if (unsited && site >= OTHER) {
          // The site named "other" joins them; any later site follows them.
          section = site === OTHER ? unsited : null;
          if (!section) yield* write(unsited);
          unsited = null;
        } else section = null;
        section ??= new SiteSection(site);
      }
      for (const annotation of records) {
        section.add(annotation);
        await paced();
      }
    }
    if (section) yield* write(section);
    if (unsited) yield* write(unsited);
    finished = true;
  }
  return {
    body: body(),
    head() {
      if (!finished) throw new Error('markdownBySite: head() before the body was written');
      return head(options, total, sites);
    },
  };
}

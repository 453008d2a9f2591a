/**
 * Small DOM helpers shared by the popup and the library. Page and user text only ever goes
 * in through `textContent` (via `el`) or attributes set as properties; nothing parses HTML.
 */
import { type Annotation, noteOf, quoteSelectorOf, tagsOf } from '../annotation/record';
import { textFragmentUrl } from '../export/text-fragment';
import { formatCount, formatDateTime } from './format';

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function button(doc: Document, label: string, className?: string): HTMLButtonElement {
  const node = el(doc, 'button', className, label);
  node.type = 'button';
  return node;
}

/** The page address that scrolls to and highlights the saved passage (text fragment). */
export function passageUrl(annotation: Annotation): string {
  const quote = quoteSelectorOf(annotation);
  return quote ? textFragmentUrl(annotation.target.source, quote) : annotation.target.source;
}

export const KIND_LABELS: Record<string, string> = { actor: 'Actor', claim: 'Claim', manual: 'Passage' };
export const SOURCING_LABELS: Record<string, string> = {
  named: 'named source',
  vague: 'vague source',
  unattributed: 'unattributed',
};

/**
 * One saved annotation as a list item: the quoted passage, the note, and a line of metadata
 * whose title links to the page at the passage.
 */
export function renderAnnotation(doc: Document, annotation: Annotation): HTMLLIElement {
  const item = el(doc, 'li', 'annotation');
  item.dataset.id = annotation.id;
  const quote = quoteSelectorOf(annotation);
  item.append(el(doc, 'blockquote', 'snippet', quote?.exact ?? ''));
  const note = noteOf(annotation);
  if (note) item.append(el(doc, 'p', 'note', note));
  const meta = el(doc, 'div', 'meta');
  const link = el(doc, 'a', 'title', annotation.target.title || annotation.target.source);
  link.href = passageUrl(annotation);
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.title = 'Open the page at this passage';
  const created = new Date(annotation.created);
  const time = el(doc, 'time', 'date', formatDateTime(created));
  time.dateTime = annotation.created;
  meta.append(link, el(doc, 'span', 'site', annotation.claimlens.site), time);
  const { kind, sourcing } = annotation.claimlens;
  if (kind !== 'manual') meta.append(el(doc, 'span', `badge kind-${kind}`, KIND_LABELS[kind] ?? kind));
  if (sourcing) meta.append(el(doc, 'span', `badge sourcing-${sourcing}`, SOURCING_LABELS[sourcing] ?? sourcing));
  for (const tag of tagsOf(annotation)) meta.append(el(doc, 'span', 'tag', `#${tag}`));
  item.append(meta);
  return item;
}

/** Starts a download of a Blob from an extension page. */
export function downloadBlob(doc: Document, filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = el(doc, 'a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Starts a download of text content from an extension page. */
export function download(doc: Document, filename: string, mimeType: string, content: string): void {
  downloadBlob(doc, filename, new Blob([content], { type: mimeType }));
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** Calls `fn` once input has been quiet for `ms`. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

export { parseTags } from '../annotation/tags';

/**
 * The popup: saved annotations from every site, newest first, and export. Every piece of
 * page or user text is set with textContent; nothing here parses HTML.
 */
import { type Annotation, noteOf, quoteSelectorOf, tagsOf } from '../annotation/record';
import type { BackgroundProtocol } from '../messages';
import { request, type Transport } from '../router';

const PAGE_SIZE = 50;

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function renderAnnotation(doc: Document, annotation: Annotation): HTMLLIElement {
  const item = el(doc, 'li', 'annotation');
  item.dataset.id = annotation.id;
  const quote = quoteSelectorOf(annotation);
  item.append(el(doc, 'blockquote', 'snippet', quote?.exact ?? ''));
  const note = noteOf(annotation);
  if (note) item.append(el(doc, 'p', 'note', note));
  const meta = el(doc, 'div', 'meta');
  const link = el(doc, 'a', 'title', annotation.target.title || annotation.target.source);
  link.href = annotation.target.source;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  const created = new Date(annotation.created);
  const time = el(doc, 'time', 'date', created.toLocaleString());
  time.dateTime = annotation.created;
  meta.append(link, el(doc, 'span', 'site', annotation.claimlens.site), time);
  for (const tag of tagsOf(annotation)) meta.append(el(doc, 'span', 'tag', `#${tag}`));
  item.append(meta);
  return item;
}

/** Starts a download of text content from an extension page. */
export function download(doc: Document, filename: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const a = el(doc, 'a');
  a.href = url;
  a.download = filename;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function startPopup(doc: Document, send: Transport): Promise<void> {
  const list = doc.getElementById('annotations') as HTMLOListElement;
  const status = doc.getElementById('status') as HTMLParagraphElement;
  const more = doc.getElementById('more') as HTMLButtonElement;
  const exportButton = doc.getElementById('export') as HTMLButtonElement;
  let last: Annotation | undefined;

  const loadPage = async () => {
    const before = last ? { created: last.created, id: last.id } : null;
    const page = await request<BackgroundProtocol, 'annotation.list'>(send, 'annotation.list', { limit: PAGE_SIZE, before });
    list.append(...page.items.map((a) => renderAnnotation(doc, a)));
    last = page.items[page.items.length - 1] ?? last;
    const shown = list.childElementCount;
    status.textContent =
      page.total === 0
        ? 'Nothing saved yet. Select text on a news page and choose “Save to Claimlens”.'
        : `${page.total} saved ${page.total === 1 ? 'annotation' : 'annotations'}`;
    more.hidden = shown >= page.total;
    exportButton.disabled = page.total === 0;
  };

  more.addEventListener('click', () => void loadPage().catch(showError));
  exportButton.addEventListener('click', async () => {
    exportButton.disabled = true;
    try {
      const file = await request<BackgroundProtocol, 'annotation.export'>(send, 'annotation.export', { format: 'jsonld' });
      download(doc, file.filename, file.mimeType, file.content);
    } catch (error) {
      showError(error);
    } finally {
      exportButton.disabled = false;
    }
  });

  function showError(error: unknown) {
    status.textContent = `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
  }

  await loadPage().catch(showError);
}

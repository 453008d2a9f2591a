/**
 * The library: every saved annotation, newest first, 50 at a time; search as you type; one
 * facet filter (site, actor, tag, kind or sourcing); note and tags edited in place; delete
 * with undo; export of the current selection or everything; import with a report.
 * User and page text only ever reaches the DOM as text.
 */
import { type Annotation, noteOf, tagsOf } from '../annotation/record';
import type { BackgroundProtocol } from '../messages';
import { request, type Transport } from '../router';
import type { FacetFilter, PageCursor } from '../store/annotations';
import type { ClaimlensDB } from '../store/db';
import {
  KIND_LABELS,
  SOURCING_LABELS,
  button,
  debounce,
  downloadBlob,
  el,
  errorText,
  parseTags,
  passageUrl,
  plural,
  renderAnnotation,
} from './dom';
import { EXPORT_FORMATS, type ExportFormat, type Selection, exportSelection, importFile } from './transfer';

export const LIBRARY_PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 200;

export interface LibraryDeps {
  send: Transport;
  openDatabase(): Promise<ClaimlensDB>;
  now(): Date;
  newId(): string;
}

function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const node = doc.getElementById(id);
  if (!node) throw new Error(`library.html has no #${id}`);
  return node as T;
}

/** `site:example.org` ⇄ {by: 'site', value: 'example.org'} (facet names have no colon). */
export function encodeFilter(filter: FacetFilter | null): string {
  return filter ? `${filter.by}:${filter.value}` : '';
}
export function decodeFilter(value: string): FacetFilter | null {
  const at = value.indexOf(':');
  if (at < 0) return null;
  return { by: value.slice(0, at) as FacetFilter['by'], value: value.slice(at + 1) };
}

export function describeFilter(filter: FacetFilter | null): string {
  if (!filter) return '';
  switch (filter.by) {
    case 'site':
      return ` from ${filter.value}`;
    case 'actor':
      return ` about ${filter.value}`;
    case 'tag':
      return ` tagged #${filter.value}`;
    case 'kind':
      return ` of kind “${KIND_LABELS[filter.value] ?? filter.value}”`;
    case 'sourcing':
      return filter.value === 'none' ? ' without a sourcing level' : ` with ${SOURCING_LABELS[filter.value] ?? filter.value}`;
  }
}

export async function startLibrary(doc: Document, deps: LibraryDeps): Promise<void> {
  const search = byId<HTMLInputElement>(doc, 'search');
  const filterSelect = byId<HTMLSelectElement>(doc, 'filter');
  const clear = byId<HTMLButtonElement>(doc, 'clear');
  const list = byId<HTMLOListElement>(doc, 'library-list');
  const status = byId<HTMLParagraphElement>(doc, 'library-status');
  const empty = byId<HTMLDivElement>(doc, 'library-empty');
  const more = byId<HTMLButtonElement>(doc, 'library-more');
  const toast = byId<HTMLDivElement>(doc, 'toast');
  const exportScope = byId<HTMLSelectElement>(doc, 'export-scope');
  const exportProgress = byId<HTMLProgressElement>(doc, 'export-progress');
  const exportStatus = byId<HTMLParagraphElement>(doc, 'export-status');
  const importInput = byId<HTMLInputElement>(doc, 'import-file');
  const importReport = byId<HTMLDivElement>(doc, 'import-report');
  const exportButtons = [...doc.querySelectorAll<HTMLButtonElement>('button[data-format]')];

  let selection: Selection = { filter: null, search: '' };
  let next: PageCursor | null = null;
  let shown = 0;
  let total: number | null = null;
  /** Answers to an older query (typing moved on) are dropped. */
  let generation = 0;
  let dbPromise: Promise<ClaimlensDB> | undefined;
  const database = () => (dbPromise ??= deps.openDatabase());

  // ---- Filters -------------------------------------------------------------------------
  async function loadFacets(): Promise<void> {
    const keep = filterSelect.value;
    const [sites, actors, tags] = await Promise.all(
      (['site', 'actor', 'tag'] as const).map(async (by) => ({
        by,
        counts: (await request<BackgroundProtocol, 'annotation.counts'>(deps.send, 'annotation.counts', { by })).counts,
      })),
    );
    filterSelect.replaceChildren(new Option('Everything', ''));
    const group = (label: string, options: [string, string][]) => {
      if (!options.length) return;
      const node = el(doc, 'optgroup');
      node.label = label;
      for (const [text, value] of options) node.append(new Option(text, value));
      filterSelect.append(node);
    };
    const counted = (facet: typeof sites, prefix = '') =>
      facet!.counts.map((c): [string, string] => [`${prefix}${c.value} (${c.count.toLocaleString('en')})`, encodeFilter({ by: facet!.by, value: c.value })]);
    group('Sites', counted(sites));
    group('Actors', counted(actors));
    group('Tags', counted(tags, '#'));
    group('Kind', Object.entries(KIND_LABELS).map(([value, text]) => [text, encodeFilter({ by: 'kind', value })]));
    group('Sourcing', [
      ...Object.entries(SOURCING_LABELS).map(([value, text]): [string, string] => [text[0]!.toUpperCase() + text.slice(1), encodeFilter({ by: 'sourcing', value })]),
      ['No sourcing level', encodeFilter({ by: 'sourcing', value: 'none' })],
    ]);
    filterSelect.value = [...filterSelect.options].some((o) => o.value === keep) ? keep : '';
  }

  // ---- List ------------------------------------------------------------------------------
  function describeStatus(): string {
    const what = describeFilter(selection.filter);
    const words = selection.search.trim();
    if (total !== null) {
      if (total === 0) return '';
      return `${plural(total, 'annotation')}${what}${shown < total ? `, showing the newest ${shown.toLocaleString('en')}` : ''}.`;
    }
    if (shown === 0) return '';
    return `${plural(shown, 'match', 'matches')} for “${words}”${what}${next ? ' so far' : ''}.`;
  }

  function showEmpty(): void {
    empty.replaceChildren();
    if (shown > 0) {
      empty.hidden = true;
      return;
    }
    empty.hidden = false;
    const filtered = selection.filter || selection.search.trim();
    if (!filtered) {
      empty.append(
        el(doc, 'p', 'empty-title', 'Nothing saved yet.'),
        el(doc, 'p', undefined, 'Select text in a news article and choose “Save to Claimlens” from the button that appears, the context menu, or Alt+Shift+S. Your passages appear here, newest first.'),
        el(doc, 'p', undefined, 'Already have annotations in a JSON-LD file? Import it below.'),
      );
    } else {
      const words = selection.search.trim();
      empty.append(
        el(doc, 'p', 'empty-title', words ? `No annotations match “${words}”${describeFilter(selection.filter)}.` : `No annotations${describeFilter(selection.filter)}.`),
        el(doc, 'p', undefined, 'Try fewer or shorter words, or clear the search and filter.'),
      );
    }
  }

  async function load(reset: boolean): Promise<void> {
    const mine = reset ? ++generation : generation;
    if (reset) {
      next = null;
      shown = 0;
      total = null;
    }
    more.disabled = true;
    status.textContent = reset ? 'Loading…' : status.textContent;
    try {
      const page = await request<BackgroundProtocol, 'annotation.query'>(deps.send, 'annotation.query', {
        filter: selection.filter,
        search: selection.search.trim(),
        limit: LIBRARY_PAGE_SIZE,
        before: reset ? null : next,
      });
      if (mine !== generation) return;
      const items = page.items.map(renderItem);
      if (reset) list.replaceChildren(...items);
      else list.append(...items);
      shown += page.items.length;
      next = page.next;
      total = page.total;
      more.hidden = next === null;
      status.textContent = describeStatus();
      showEmpty();
    } catch (error) {
      if (mine !== generation) return;
      status.textContent = `Could not load annotations: ${errorText(error)}. Reload this page to try again.`;
    } finally {
      more.disabled = false;
    }
  }

  const reload = () => load(true);

  function renderItem(annotation: Annotation): HTMLLIElement {
    const item = renderAnnotation(doc, annotation);
    const actions = el(doc, 'div', 'actions');
    const open = el(doc, 'a', 'open', 'Open at passage');
    open.href = passageUrl(annotation);
    open.target = '_blank';
    open.rel = 'noopener noreferrer';
    const edit = button(doc, 'Edit', 'secondary edit');
    edit.setAttribute('aria-label', 'Edit note and tags');
    const remove = button(doc, 'Delete', 'danger delete');
    actions.append(edit, remove, open);
    item.append(actions);
    edit.addEventListener('click', () => startEditing(item, annotation));
    remove.addEventListener('click', () => void deleteItem(item, annotation));
    return item;
  }

  // ---- Edit in place -----------------------------------------------------------------------
  function startEditing(item: HTMLLIElement, annotation: Annotation): void {
    if (item.querySelector('form.edit')) return;
    const form = el(doc, 'form', 'edit');
    const key = annotation.id.replace(/[^a-zA-Z0-9_-]/g, '');
    const noteLabel = el(doc, 'label', undefined, 'Note');
    const note = el(doc, 'textarea');
    note.id = `note-${key}`;
    note.rows = 3;
    note.value = noteOf(annotation);
    noteLabel.htmlFor = note.id;
    const tagsLabel = el(doc, 'label', undefined, 'Tags, separated by commas');
    const tags = el(doc, 'input');
    tags.type = 'text';
    tags.id = `tags-${key}`;
    tags.value = tagsOf(annotation).join(', ');
    tagsLabel.htmlFor = tags.id;
    const save = el(doc, 'button', 'save', 'Save');
    save.type = 'submit';
    const cancel = button(doc, 'Cancel', 'secondary cancel');
    const problem = el(doc, 'p', 'problem');
    problem.setAttribute('role', 'alert');
    const row = el(doc, 'div', 'form-actions');
    row.append(save, cancel);
    form.append(noteLabel, note, tagsLabel, tags, row, problem);
    const actions = item.querySelector<HTMLElement>('.actions');
    actions?.before(form);
    if (actions) actions.hidden = true;
    note.focus();

    const close = (replacement?: HTMLLIElement) => {
      if (replacement) {
        item.replaceWith(replacement);
        replacement.querySelector<HTMLButtonElement>('.edit')?.focus();
      } else {
        form.remove();
        if (actions) actions.hidden = false;
        item.querySelector<HTMLButtonElement>('.edit')?.focus();
      }
    };
    cancel.addEventListener('click', () => close());
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
      }
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      save.disabled = true;
      problem.textContent = '';
      try {
        const { annotation: updated } = await request<BackgroundProtocol, 'annotation.update'>(deps.send, 'annotation.update', {
          id: annotation.id,
          note: note.value,
          tags: parseTags(tags.value),
        });
        close(renderItem(updated));
        void loadFacets().catch(() => undefined);
      } catch (error) {
        problem.textContent = `Not saved: ${errorText(error)}. Your text is still here; try again.`;
        save.disabled = false;
      }
    });
  }

  // ---- Delete and undo ---------------------------------------------------------------------
  let hideToast: ReturnType<typeof setTimeout> | undefined;
  function showToast(message: string, action?: { label: string; run: () => void }): void {
    clearTimeout(hideToast);
    toast.replaceChildren(el(doc, 'span', undefined, message));
    if (action) {
      const undo = button(doc, action.label, 'undo');
      undo.addEventListener('click', () => {
        toast.hidden = true;
        action.run();
      });
      toast.append(undo);
    }
    toast.hidden = false;
    toast.querySelector('button')?.focus();
    hideToast = setTimeout(() => (toast.hidden = true), 15_000);
  }

  async function deleteItem(item: HTMLLIElement, annotation: Annotation): Promise<void> {
    try {
      const { deleted } = await request<BackgroundProtocol, 'annotation.delete'>(deps.send, 'annotation.delete', { id: annotation.id });
      const after = item.nextElementSibling;
      item.remove();
      shown = Math.max(0, shown - 1);
      if (total !== null) total = Math.max(0, total - 1);
      status.textContent = describeStatus();
      showEmpty();
      if (!deleted) {
        showToast('That annotation was already deleted (perhaps in another window).');
        return;
      }
      const snippet = item.querySelector('.snippet')?.textContent ?? '';
      showToast(`Deleted “${snippet.length > 60 ? `${snippet.slice(0, 57)}…` : snippet}”.`, {
        label: 'Undo',
        run: () => void undo(deleted, after),
      });
      void loadFacets().catch(() => undefined);
    } catch (error) {
      showToast(`Could not delete: ${errorText(error)}. Try again.`);
    }
  }

  async function undo(deleted: Annotation, after: Element | null): Promise<void> {
    try {
      await request<BackgroundProtocol, 'annotation.restore'>(deps.send, 'annotation.restore', { annotation: deleted });
      const item = renderItem(deleted);
      if (after?.isConnected && after.parentElement === list) after.before(item);
      else list.append(item);
      shown++;
      if (total !== null) total++;
      status.textContent = describeStatus();
      showEmpty();
      item.querySelector<HTMLButtonElement>('.edit')?.focus();
      showToast('Restored.');
      void loadFacets().catch(() => undefined);
    } catch (error) {
      showToast(`Could not restore: ${errorText(error)}.`);
    }
  }

  // ---- Export and import -------------------------------------------------------------------
  async function runExport(format: ExportFormat): Promise<void> {
    for (const b of exportButtons) b.disabled = true;
    const chosen: Selection = exportScope.value === 'all' ? { filter: null, search: '' } : { ...selection };
    exportProgress.hidden = false;
    exportProgress.removeAttribute('value');
    exportStatus.textContent = 'Preparing the export…';
    try {
      const db = await database();
      const file = await exportSelection(db, format, chosen, {
        now: deps.now(),
        newId: deps.newId,
        onProgress({ done, total: all }) {
          if (all) {
            exportProgress.max = all;
            exportProgress.value = done;
          }
          exportStatus.textContent = `Exporting ${EXPORT_FORMATS[format].label}: ${done.toLocaleString('en')}${all !== null ? ` of ${all.toLocaleString('en')}` : ''} annotations…`;
        },
      });
      downloadBlob(doc, file.filename, file.blob);
      exportStatus.textContent = `Exported ${plural(file.count, 'annotation')} to ${file.filename}.`;
    } catch (error) {
      exportStatus.textContent = `The export failed: ${errorText(error)}. Nothing was downloaded; try again, or export a smaller selection.`;
    } finally {
      exportProgress.hidden = true;
      for (const b of exportButtons) b.disabled = false;
    }
  }

  function showImportReport(ok: boolean, headline: string, lines: string[]): void {
    importReport.hidden = false;
    importReport.className = ok ? 'report ok' : 'report refused';
    const list = el(doc, 'ul');
    list.append(...lines.map((line) => el(doc, 'li', undefined, line)));
    importReport.replaceChildren(el(doc, 'p', 'headline', headline), ...(lines.length ? [list] : []));
  }

  importInput.addEventListener('change', async () => {
    const file = importInput.files?.[0];
    if (!file) return;
    importInput.disabled = true;
    showImportReport(true, `Importing “${file.name}”…`, []);
    try {
      const summary = await importFile(await database(), file);
      showImportReport(summary.ok, summary.headline, summary.lines);
      if (summary.added) await Promise.all([loadFacets(), reload()]);
    } catch (error) {
      showImportReport(false, `The import failed: ${errorText(error)}. Nothing was changed.`, []);
    } finally {
      importInput.disabled = false;
      importInput.value = '';
    }
  });

  // ---- Wiring ------------------------------------------------------------------------------
  const searchLater = debounce(() => {
    selection = { ...selection, search: search.value };
    void reload();
  }, SEARCH_DELAY_MS);
  search.addEventListener('input', searchLater);
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      selection = { ...selection, search: search.value };
      void reload();
    }
  });
  filterSelect.addEventListener('change', () => {
    selection = { ...selection, filter: decodeFilter(filterSelect.value) };
    void reload();
  });
  clear.addEventListener('click', () => {
    search.value = '';
    filterSelect.value = '';
    selection = { filter: null, search: '' };
    void reload();
    search.focus();
  });
  more.addEventListener('click', () => void load(false));
  for (const b of exportButtons) b.addEventListener('click', () => void runExport(b.dataset.format as ExportFormat));

  await Promise.all([
    loadFacets().catch((error) => {
      status.textContent = `Could not load the filters: ${errorText(error)}.`;
    }),
    reload(),
  ]);
  doc.body.dataset.ready = 'true';
}

/**
 * The library: every saved annotation, 50 at a time; search as you type; several filters at
 * once (site, actor, tag, kind, sourcing) shown as removable chips, a date preset or range,
 * sort by date or site, grouping by site and page or by actor — all kept in the address so a
 * view can be bookmarked; note and tags edited in place; delete with undo; export of the
 * current selection or everything; import with a report.
 * User and page text only ever reaches the DOM as text.
 */
import { type Annotation, noteOf, tagsOf } from '../annotation/record';
import type { BackgroundProtocol } from '../messages';
import { request, type Transport } from '../router';
import type { ClaimlensDB } from '../store/db';
import { EVERYTHING, type QueryCursor, countQuery, queryLibrary } from '../store/library-query';
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
import {
  type DatePreset,
  type LibraryState,
  dateLabel,
  dateProblem,
  decodeFilter,
  describeSelection,
  encodeFilter,
  filterLabel,
  isFiltered,
  stateFromSearch,
  stateToSearch,
  toQuery,
  withFilter,
  withoutFilter,
} from './library-state';
import { ResultsView } from './library-results';
import { EXPORT_FORMATS, type ExportFormat, type Selection, exportSelection, importFile } from './transfer';
import { formatCount } from './format';

export const LIBRARY_PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 200;

export interface LibraryDeps {
  send: Transport;
  openDatabase(): Promise<ClaimlensDB>;
  now(): Date;
  newId(): string;
  /** The page address's query string, read once at start (a bookmarked view). */
  location: { search: string };
  /** Replaces the address's query string without a reload, so the view can be bookmarked. */
  replaceSearch(search: string): void;
}

/** An <option> of this document (the global `Option` constructor belongs to the global one). */
function option(doc: Document, text: string, value: string): HTMLOptionElement {
  const node = el(doc, 'option', undefined, text);
  node.value = value;
  return node;
}

function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const node = doc.getElementById(id);
  if (!node) throw new Error(`library.html has no #${id}`);
  return node as T;
}

export async function startLibrary(doc: Document, deps: LibraryDeps): Promise<void> {
  const search = byId<HTMLInputElement>(doc, 'search');
  const filterSelect = byId<HTMLSelectElement>(doc, 'filter');
  const dateSelect = byId<HTMLSelectElement>(doc, 'date');
  const dateRange = byId<HTMLDivElement>(doc, 'date-range');
  const dateFrom = byId<HTMLInputElement>(doc, 'date-from');
  const dateTo = byId<HTMLInputElement>(doc, 'date-to');
  const sortSelect = byId<HTMLSelectElement>(doc, 'sort');
  const groupSelect = byId<HTMLSelectElement>(doc, 'group');
  const chips = byId<HTMLUListElement>(doc, 'chips');
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

  let state: LibraryState = stateFromSearch(deps.location.search);
  const results = new ResultsView(doc, list);
  let next: QueryCursor | null = null;
  let total: number | null = null;
  /** Answers to an older query (typing moved on) are dropped. */
  let generation = 0;
  let dbPromise: Promise<ClaimlensDB> | undefined;
  const database = () => (dbPromise ??= deps.openDatabase());

  // ---- Controls ------------------------------------------------------------------------------
  async function loadFacets(): Promise<void> {
    const [sites, actors, tags] = await Promise.all(
      (['site', 'actor', 'tag'] as const).map(async (by) => ({
        by,
        counts: (await request<BackgroundProtocol, 'annotation.counts'>(deps.send, 'annotation.counts', { by })).counts,
      })),
    );
    filterSelect.replaceChildren(option(doc, 'Add a filter…', ''));
    const group = (label: string, options: [string, string][]) => {
      if (!options.length) return;
      const node = el(doc, 'optgroup');
      node.label = label;
      for (const [text, value] of options) node.append(option(doc, text, value));
      filterSelect.append(node);
    };
    const counted = (facet: typeof sites, prefix = '') =>
      facet!.counts.map((c): [string, string] => [`${prefix}${c.value} (${formatCount(c.count)})`, encodeFilter({ by: facet!.by, value: c.value })]);
    group('Sites', counted(sites));
    group('Actors', counted(actors));
    group('Tags', counted(tags, '#'));
    group('Kind', Object.entries(KIND_LABELS).map(([value, text]) => [text, encodeFilter({ by: 'kind', value })]));
    group('Sourcing', [
      ...Object.entries(SOURCING_LABELS).map(([value, text]): [string, string] => [text[0]!.toUpperCase() + text.slice(1), encodeFilter({ by: 'sourcing', value })]),
      ['No sourcing level', encodeFilter({ by: 'sourcing', value: 'none' })],
    ]);
    markActiveFilters();
    performance.mark('claimlens:filters-shown');
  }

  /** Filters already applied are shown as chips; their options are greyed out. */
  function markActiveFilters(): void {
    const active = new Set(state.filters.map(encodeFilter));
    for (const option of filterSelect.options) option.disabled = option.value !== '' && active.has(option.value);
    filterSelect.value = '';
  }

  function chip(label: string, remove: () => void): HTMLLIElement {
    const item = el(doc, 'li', 'chip');
    const close = button(doc, '', 'chip-remove');
    close.append(el(doc, 'span', undefined, label), el(doc, 'span', 'chip-x', '×'));
    close.setAttribute('aria-label', `Remove filter ${label}`);
    close.title = 'Remove this filter';
    close.addEventListener('click', () => {
      // Keep the keyboard in the row: the next chip, else the filter menu.
      const index = [...chips.children].indexOf(item);
      remove();
      const buttons = chips.querySelectorAll<HTMLButtonElement>('button');
      (buttons[Math.min(index, buttons.length - 1)] ?? filterSelect).focus();
    });
    item.append(close);
    return item;
  }

  /** Puts the controls in line with the state (after a reload, a chip removed, Clear). */
  function showState(): void {
    if (search.value !== state.search) search.value = state.search;
    dateSelect.value = state.date;
    dateRange.hidden = state.date !== 'custom';
    dateFrom.value = state.fromDay;
    dateTo.value = state.toDay;
    sortSelect.value = state.sort;
    groupSelect.value = state.group;
    const items = state.filters.map((filter) => chip(filterLabel(filter), () => update({ filters: withoutFilter(state.filters, filter) })));
    const date = dateLabel(state);
    if (date) items.push(chip(`Date: ${date}`, () => update({ date: 'any', fromDay: '', toDay: '' })));
    chips.replaceChildren(...items);
    chips.hidden = items.length === 0;
    clear.disabled = !isFiltered(state);
    markActiveFilters();
  }

  /** Applies a change: the address follows (so the view can be bookmarked), then the list. */
  function update(change: Partial<LibraryState>): void {
    state = { ...state, ...change };
    deps.replaceSearch(stateToSearch(state));
    showState();
    void reload();
  }

  // ---- List ------------------------------------------------------------------------------
  function describeStatus(shown: number, searching: boolean): string {
    const what = describeSelection(state);
    const words = state.search.trim();
    if (total !== null) {
      if (total === 0) return '';
      const order = state.group !== 'none' ? `, grouped by ${state.group === 'site' ? 'site and page' : 'actor'}` : '';
      const first = state.group === 'none' && state.sort === 'newest' ? 'newest' : state.group === 'none' && state.sort === 'oldest' ? 'oldest' : 'first';
      return `${plural(total, 'annotation')}${what}${order}${next ? `, showing the ${first} ${formatCount(shown)}${state.group === 'actor' ? ' entries' : ''}` : ''}.`;
    }
    if (shown === 0) return searching ? 'Looking…' : '';
    const found = words ? `${plural(shown, 'match', 'matches')} for “${words}”` : `${plural(shown, 'match', 'matches')}`;
    return `${found}${what}${next ? ' so far' : ''}.`;
  }

  function showEmpty(): void {
    empty.replaceChildren();
    if (results.count > 0) {
      empty.hidden = true;
      return;
    }
    empty.hidden = false;
    const problem = dateProblem(state);
    if (!isFiltered(state)) {
      empty.append(
        el(doc, 'p', 'empty-title', 'Nothing saved yet.'),
        el(doc, 'p', undefined, 'Select text in a news article and choose “Save to Claimlens” from the button that appears, the context menu, or Alt+Shift+S. Your passages appear here, newest first.'),
        el(doc, 'p', undefined, 'Already have annotations in a JSON-LD file? Import it below.'),
      );
      return;
    }
    const words = state.search.trim();
    const clearAll = button(doc, 'Clear filters and search', 'secondary clear-filters');
    clearAll.addEventListener('click', () => clearEverything());
    empty.append(
      el(
        doc,
        'p',
        'empty-title',
        problem ?? (words ? `No annotations match “${words}”${describeSelection(state)}.` : `No annotations${describeSelection(state)}.`),
      ),
      el(doc, 'p', undefined, problem ? 'Or clear the dates to see everything.' : 'Remove a filter above, try fewer or shorter words, or start again:'),
      clearAll,
    );
  }

  /**
   * One page of results. A query call may return fewer than a page when its scan budget runs
   * out; it is asked again until the page is full, the results end, or the reader moves on.
   */
  async function load(reset: boolean): Promise<void> {
    const mine = reset ? ++generation : generation;
    if (reset) {
      next = null;
      total = null;
      results.reset(state.group);
      empty.hidden = true;
    }
    more.disabled = true;
    status.textContent = reset ? 'Loading…' : 'Loading more…';
    const query = toQuery(state, deps.now());
    let db: ClaimlensDB;
    try {
      db = await database();
    } catch (error) {
      status.textContent = `Could not open your saved annotations: ${errorText(error)}. Reload this page to try again.`;
      return;
    }
    let added = 0;
    try {
      do {
        // The total is counted after the first page is on screen (a count walks its whole range).
        const page = await queryLibrary(db, query, { limit: LIBRARY_PAGE_SIZE - added, after: next, count: false });
        if (mine !== generation) return;
        results.append(page.items, renderItem);
        added += page.items.length;
        total = page.total ?? total;
        next = page.next;
        if (next && added < LIBRARY_PAGE_SIZE) status.textContent = describeStatus(results.count, true);
      } while (next && added < LIBRARY_PAGE_SIZE);
      more.hidden = next === null;
      status.textContent = describeStatus(results.count, false);
      showEmpty();
      // For scripts/library-bench.ts: when the list (not the filter menu) was on screen.
      if (reset) performance.mark('claimlens:list-shown');
      if (reset && next) {
        const counted = await countQuery(db, query);
        if (mine !== generation) return;
        total = counted;
        status.textContent = describeStatus(results.count, false);
      } else if (reset) {
        // Everything is on screen: the total is what is shown (each annotation once).
        total = results.distinct;
        status.textContent = describeStatus(results.count, false);
      }
    } catch (error) {
      if (mine !== generation) return;
      status.textContent = `Could not load annotations: ${errorText(error)}. Reload this page to try again.`;
    } finally {
      if (mine === generation) more.disabled = false;
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
    remove.setAttribute('aria-label', 'Delete this annotation');
    actions.append(edit, remove, open);
    item.append(actions);
    edit.addEventListener('click', () => startEditing(item, annotation));
    remove.addEventListener('click', () => void deleteItem(annotation));
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

    const close = (updated?: Annotation) => {
      if (updated) {
        // Grouped by actor, the same annotation may be listed several times: all copies change.
        for (const entry of results.entries(annotation.id)) {
          const replacement = renderItem(updated);
          entry.replaceWith(replacement);
          if (entry === item) replacement.querySelector<HTMLButtonElement>('.edit')?.focus();
        }
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
        close(updated);
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

  function showCounts(): void {
    status.textContent = describeStatus(results.count, false);
    results.refreshHeadings();
    showEmpty();
  }

  async function deleteItem(annotation: Annotation): Promise<void> {
    try {
      const { deleted } = await request<BackgroundProtocol, 'annotation.delete'>(deps.send, 'annotation.delete', { id: annotation.id });
      // Where each copy was, so Undo puts it back in the same place.
      const places = results.entries(annotation.id).map((entry) => ({ parent: entry.parentElement, before: entry.nextElementSibling }));
      const snippet = results.entries(annotation.id)[0]?.querySelector('.snippet')?.textContent ?? '';
      for (const entry of results.entries(annotation.id)) entry.remove();
      if (total !== null) total = Math.max(0, total - 1);
      showCounts();
      if (!deleted) {
        showToast('That annotation was already deleted (perhaps in another window).');
        return;
      }
      showToast(`Deleted “${snippet.length > 60 ? `${snippet.slice(0, 57)}…` : snippet}”.`, {
        label: 'Undo',
        run: () => void undo(deleted, places),
      });
      void loadFacets().catch(() => undefined);
    } catch (error) {
      showToast(`Could not delete: ${errorText(error)}. Try again.`);
    }
  }

  async function undo(deleted: Annotation, places: { parent: Element | null; before: Element | null }[]): Promise<void> {
    try {
      await request<BackgroundProtocol, 'annotation.restore'>(deps.send, 'annotation.restore', { annotation: deleted });
      let first: HTMLLIElement | undefined;
      for (const { parent, before } of places) {
        if (!parent?.isConnected) continue;
        const item = renderItem(deleted);
        if (before?.parentElement === parent) before.before(item);
        else parent.append(item);
        first ??= item;
      }
      if (!first) {
        // The list was reloaded meanwhile: show the restored record where it belongs.
        void reload();
      }
      if (total !== null) total++;
      showCounts();
      first?.querySelector<HTMLButtonElement>('.edit')?.focus();
      showToast('Restored.');
      void loadFacets().catch(() => undefined);
    } catch (error) {
      showToast(`Could not restore: ${errorText(error)}. The annotation is still in the file you can export, if you exported it; otherwise save the passage again.`);
    }
  }

  // ---- Export and import -------------------------------------------------------------------
  async function runExport(format: ExportFormat): Promise<void> {
    for (const b of exportButtons) b.disabled = true;
    const chosen: Selection = exportScope.value === 'all' ? EVERYTHING : toQuery(state, deps.now());
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
          exportStatus.textContent = `Exporting ${EXPORT_FORMATS[format].label}: ${formatCount(done)}${all !== null ? ` of ${formatCount(all)}` : ''} annotations…`;
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
    if (search.value !== state.search) update({ search: search.value });
  }, SEARCH_DELAY_MS);
  search.addEventListener('input', searchLater);
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') update({ search: search.value });
  });
  filterSelect.addEventListener('change', () => {
    const filter = decodeFilter(filterSelect.value);
    if (filter) update({ filters: withFilter(state.filters, filter) });
  });
  dateSelect.addEventListener('change', () => {
    const date = dateSelect.value as DatePreset;
    update(date === 'custom' ? { date } : { date, fromDay: '', toDay: '' });
    if (date === 'custom') dateFrom.focus();
  });
  for (const input of [dateFrom, dateTo]) {
    input.addEventListener('change', () => update({ fromDay: dateFrom.value, toDay: dateTo.value }));
  }
  sortSelect.addEventListener('change', () => update({ sort: sortSelect.value as LibraryState['sort'] }));
  groupSelect.addEventListener('change', () => update({ group: groupSelect.value as LibraryState['group'] }));
  function clearEverything(): void {
    update({ search: '', filters: [], date: 'any', fromDay: '', toDay: '' });
    search.focus();
  }
  clear.addEventListener('click', clearEverything);
  more.addEventListener('click', () => void load(false));
  for (const b of exportButtons) b.addEventListener('click', () => void runExport(b.dataset.format as ExportFormat));

  showState();
  // The list first: the filter menu's counts share the database and would delay it.
  let facetsFailed: unknown;
  await reload();
  await loadFacets().catch((error: unknown) => (facetsFailed = error ?? 'unknown error'));
  // Said after the list's own status, which would otherwise overwrite it.
  if (facetsFailed) status.textContent = `${status.textContent ?? ''} Could not load the filter menu: ${errorText(facetsFailed)}. Reload this page to try again.`.trim();
  doc.body.dataset.ready = 'true';
}

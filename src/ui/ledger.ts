/**
 * The actor ledger page: the actors Claimlens saw making claims (or the reader saved), and
 * for the one chosen, everything they were reported claiming in date order, grouped by day,
 * with sourcing, site, a link to the passage, the reader's saved mark and note, and the other
 * outlets that carried a near-identical sentence. The reader can stop the ledger and clear it.
 * Page and user text only ever reaches the DOM as text.
 */
import { type Annotation, noteOf, quoteSelectorOf } from '../annotation/record';
import { textFragmentUrl } from '../export/text-fragment';
import { type Sighting, searchableText } from '../ledger/sighting';
import { LEDGER_KEY, readLedgerSettings } from '../settings';
import type { ClaimlensDB } from '../store/db';
import { type Carrier, type LedgerActor, type LedgerCursor, type LedgerEntry, type LedgerOrder, ledgerActors, ledgerPage } from '../store/ledger';
import { clearSightings, countSightings } from '../store/sightings';
import { CSV_MIME } from '../export/csv';
import { ledgerCsvHeader, ledgerCsvRow } from '../export/ledger-csv';
import { KIND_LABELS, SOURCING_LABELS, debounce, downloadBlob, el, errorText, passageUrl, plural } from './dom';
import { formatCount, formatDateTime, formatLongDay } from './format';

export const LEDGER_PAGE_SIZE = 40;
/** Actors listed at once; the filter finds the others. */
export const ACTORS_SHOWN = 200;

export interface LedgerStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface LedgerDeps {
  openDatabase(): Promise<ClaimlensDB>;
  storage: LedgerStorage;
}

function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const node = doc.getElementById(id);
  if (!node) throw new Error(`ledger.html has no #${id}`);
  return node as T;
}

/** Actors whose name contains every word typed, case and accents aside. */
export function filterActors(actors: readonly LedgerActor[], query: string): LedgerActor[] {
  const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return [...actors];
  return actors.filter((a) => {
    const name = fold(a.name);
    return words.every((w) => name.includes(w));
  });
}

export function describeCounts(actor: Pick<LedgerActor, 'seen' | 'saved'>): string {
  const parts: string[] = [];
  if (actor.seen) parts.push(`${formatCount(actor.seen)} seen`);
  if (actor.saved) parts.push(`${formatCount(actor.saved)} saved`);
  return parts.join(' · ');
}

/** The day an entry belongs to, in the reader's time zone: a stable key and a heading. */
function dayOf(time: string): { key: string; label: string } {
  const date = new Date(time);
  const key = `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
  const label = formatLongDay(date);
  return { key, label };
}

function link(doc: Document, href: string, text: string, className?: string): HTMLAnchorElement {
  const a = el(doc, 'a', className, text);
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
}

export function sightingUrl(sighting: Pick<Sighting, 'source' | 'text'>): string {
  return textFragmentUrl(sighting.source, { exact: searchableText(sighting), prefix: '', suffix: '' });
}

function renderCarriers(doc: Document, carriers: readonly Carrier[]): HTMLElement | null {
  if (!carriers.length) return null;
  const line = el(doc, 'p', 'carried');
  line.append(el(doc, 'span', 'label', 'Also carried by: '));
  carriers.forEach((c, i) => {
    if (i) line.append(', ');
    const a = link(doc, sightingUrl(c), c.site);
    a.title = `${c.title || c.source}: “${c.text}”`;
    a.setAttribute('aria-label', `${c.site}: ${c.title || c.source}`);
    line.append(a);
  });
  return line;
}

function renderSaved(doc: Document, annotations: readonly Annotation[]): HTMLElement[] {
  return annotations.map((a) => {
    const line = el(doc, 'p', 'saved-note');
    line.append(el(doc, 'span', 'badge saved', 'Saved'));
    const note = noteOf(a);
    if (note) line.append(el(doc, 'span', 'note', note));
    return line;
  });
}

function timeOf(doc: Document, iso: string, prefix: string): HTMLTimeElement {
  const time = el(doc, 'time', 'date', `${prefix}${new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`);
  time.dateTime = iso;
  time.title = formatDateTime(iso);
  return time;
}

export function renderEntry(doc: Document, entry: LedgerEntry): HTMLLIElement {
  const item = el(doc, 'li', 'entry');
  const meta = el(doc, 'div', 'meta');
  if (entry.kind === 'seen') {
    const s = entry.sighting;
    item.classList.add(`sourcing-${s.sourcing}`);
    item.dataset.kind = 'seen';
    if (entry.saved.length) item.classList.add('is-saved');
    item.append(el(doc, 'blockquote', 'snippet', s.text), ...renderSaved(doc, entry.saved));
    meta.append(el(doc, 'span', `badge sourcing-${s.sourcing}`, SOURCING_LABELS[s.sourcing] ?? s.sourcing));
    if (s.hedged) meta.append(el(doc, 'span', 'badge', 'hedged'));
    meta.append(el(doc, 'span', 'cue', `“${s.cue}”`), el(doc, 'span', 'site', s.site));
    const title = link(doc, sightingUrl(s), s.title || s.source, 'title');
    title.title = 'Open the page at this passage';
    meta.append(title, timeOf(doc, s.firstSeen, 'seen '));
  } else {
    const a = entry.annotation;
    item.dataset.kind = 'saved';
    item.classList.add('is-saved');
    if (a.claimlens.sourcing) item.classList.add(`sourcing-${a.claimlens.sourcing}`);
    item.append(el(doc, 'blockquote', 'snippet', quoteSelectorOf(a)?.exact ?? ''), ...renderSaved(doc, [a]));
    if (a.claimlens.sourcing) meta.append(el(doc, 'span', `badge sourcing-${a.claimlens.sourcing}`, SOURCING_LABELS[a.claimlens.sourcing] ?? a.claimlens.sourcing));
    meta.append(el(doc, 'span', 'badge', KIND_LABELS[a.claimlens.kind] ?? a.claimlens.kind), el(doc, 'span', 'site', a.claimlens.site));
    const title = link(doc, passageUrl(a), a.target.title || a.target.source, 'title');
    title.title = 'Open the page at this passage';
    meta.append(title, timeOf(doc, a.created, 'saved '));
  }
  item.append(meta);
  const carried = renderCarriers(doc, entry.carriedBy);
  if (carried) item.append(carried);
  return item;
}

export async function startLedger(doc: Document, deps: LedgerDeps): Promise<void> {
  const record = byId<HTMLInputElement>(doc, 'ledger-record');
  const clearButton = byId<HTMLButtonElement>(doc, 'ledger-clear');
  const dialog = byId<HTMLDialogElement>(doc, 'clear-dialog');
  const dialogText = byId<HTMLParagraphElement>(doc, 'clear-text');
  const filter = byId<HTMLInputElement>(doc, 'actor-filter');
  const actorsStatus = byId<HTMLParagraphElement>(doc, 'actors-status');
  const actorList = byId<HTMLUListElement>(doc, 'actor-list');
  const heading = byId<HTMLHeadingElement>(doc, 'actor-heading');
  const order = byId<HTMLSelectElement>(doc, 'ledger-order');
  const claimsStatus = byId<HTMLParagraphElement>(doc, 'claims-status');
  const empty = byId<HTMLDivElement>(doc, 'ledger-empty');
  const days = byId<HTMLDivElement>(doc, 'ledger-days');
  const more = byId<HTMLButtonElement>(doc, 'ledger-more');
  const csv = byId<HTMLButtonElement>(doc, 'ledger-csv');
  const win = doc.defaultView;

  let dbPromise: Promise<ClaimlensDB> | undefined;
  const database = () => (dbPromise ??= deps.openDatabase());
  let actors: LedgerActor[] = [];
  let recording = readLedgerSettings((await deps.storage.get(LEDGER_KEY))[LEDGER_KEY]).record;
  let chosen: string | null = decodeHash(win?.location.hash ?? '');
  let next: LedgerCursor | null = null;
  let shownDays = new Map<string, HTMLOListElement>();
  let shown = 0;
  /** Answers for an actor the reader has since left are dropped. */
  let generation = 0;

  function decodeHash(hash: string): string | null {
    if (!hash.startsWith('#') || hash.length < 2) return null;
    try {
      return decodeURIComponent(hash.slice(1));
    } catch {
      return null;
    }
  }

  function setEmpty(title: string | null, ...lines: string[]): void {
    empty.replaceChildren();
    if (title === null) {
      empty.hidden = true;
      return;
    }
    empty.append(el(doc, 'p', 'empty-title', title), ...lines.map((line) => el(doc, 'p', undefined, line)));
    empty.hidden = false;
  }

  // ---- Keeping the ledger -----------------------------------------------------------------
  record.checked = recording;
  record.addEventListener('change', async () => {
    recording = record.checked;
    await deps.storage.set({ [LEDGER_KEY]: { record: recording } });
    claimsStatus.textContent = recording
      ? 'The ledger is on: claims Claimlens sees from now on are kept here.'
      : 'The ledger is off: Claimlens keeps no new claims. What it kept stays until you clear it.';
  });
  clearButton.addEventListener('click', async () => {
    const count = await countSightings(await database());
    dialogText.textContent = count
      ? `This deletes the ${plural(count, 'claim')} Claimlens kept as you read. Your saved annotations stay in the library, and in the ledger.`
      : 'Claimlens has kept no claims yet. Your saved annotations are in the library.';
    dialog.returnValue = '';
    dialog.showModal();
  });
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'clear') {
      clearButton.focus();
      return;
    }
    try {
      const removed = await clearSightings(await database());
      await loadActors();
      claimsStatus.textContent = `Ledger cleared: ${plural(removed, 'claim')} removed. Saved annotations were kept.`;
    } catch (error) {
      claimsStatus.textContent = `The ledger was not cleared: ${errorText(error)} Close other Claimlens pages and try again.`;
    }
    clearButton.focus();
  });

  // ---- Actors ---------------------------------------------------------------------------------
  function renderActors(): void {
    const matching = filterActors(actors, filter.value);
    const items = matching.slice(0, ACTORS_SHOWN).map((actor) => {
      const item = el(doc, 'li');
      const choose = el(doc, 'button', 'actor');
      choose.type = 'button';
      choose.dataset.actor = actor.name;
      choose.append(el(doc, 'span', 'name', actor.name), el(doc, 'span', 'counts', describeCounts(actor)));
      choose.setAttribute('aria-label', `${actor.name}: ${describeCounts(actor).replace(' · ', ', ')}`);
      if (actor.name === chosen) choose.setAttribute('aria-current', 'true');
      choose.addEventListener('click', () => void choose_(actor.name));
      item.append(choose);
      return item;
    });
    actorList.replaceChildren(...items);
    if (!actors.length) actorsStatus.textContent = '';
    else if (!matching.length) actorsStatus.textContent = `No actor matches “${filter.value.trim()}”.`;
    else if (matching.length > ACTORS_SHOWN) actorsStatus.textContent = `${plural(matching.length, 'actor')}; showing ${ACTORS_SHOWN}. Type a name to find the others.`;
    else actorsStatus.textContent = plural(matching.length, 'actor');
  }

  async function loadActors(): Promise<void> {
    actors = await ledgerActors(await database());
    renderActors();
    if (chosen && actors.some((a) => a.name === chosen)) await showActor();
    else if (actors.length) {
      chosen = null;
      heading.textContent = 'Claims';
      csv.hidden = true;
      days.replaceChildren();
      more.hidden = true;
      setEmpty('Choose an actor', 'Pick a name on the left to see everything they were reported claiming, in date order.');
    } else {
      chosen = null;
      heading.textContent = 'Claims';
      csv.hidden = true;
      days.replaceChildren();
      more.hidden = true;
      if (recording) {
        setEmpty(
          'Your actor ledger is empty',
          'Read a few articles with Claimlens on. Each claim it attributes to a person, an organisation or a country it recognises is kept here, under that actor, with the site, the date and how well it is sourced.',
          'Claims you save from the page appear here too, marked as saved. When several outlets carry the same wire sentence, the ledger names them.',
        );
      } else {
        setEmpty(
          'The ledger is off',
          'Claimlens is not keeping the claims it sees. Tick “Keep a ledger of the claims Claimlens sees” above, then read a few articles.',
          'Claims you save from the page still appear here, marked as saved.',
        );
      }
    }
  }

  async function choose_(name: string): Promise<void> {
    chosen = name;
    if (win) win.history.replaceState(null, '', `#${encodeURIComponent(name)}`);
    for (const b of actorList.querySelectorAll<HTMLButtonElement>('button.actor')) {
      if (b.dataset.actor === name) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    }
    await showActor();
  }

  filter.addEventListener('input', debounce(renderActors, 120));
  filter.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      actorList.querySelector<HTMLButtonElement>('button.actor')?.click();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      actorList.querySelector<HTMLButtonElement>('button.actor')?.focus();
    }
  });
  // Arrow keys move along the actor list; Tab leaves it.
  actorList.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...actorList.querySelectorAll<HTMLButtonElement>('button.actor')];
    const at = buttons.indexOf(doc.activeElement as HTMLButtonElement);
    if (at < 0) return;
    event.preventDefault();
    if (event.key === 'ArrowUp' && at === 0) filter.focus();
    else buttons[Math.min(buttons.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  });

  // ---- One actor's claims -------------------------------------------------------------------------
  function append(entries: readonly LedgerEntry[]): void {
    for (const entry of entries) {
      const day = dayOf(entry.time);
      let list = shownDays.get(day.key);
      if (!list) {
        const section = el(doc, 'section', 'day');
        const headingId = `day-${shownDays.size}`;
        const h = el(doc, 'h3', undefined, day.label);
        h.id = headingId;
        list = el(doc, 'ol', 'entries');
        list.setAttribute('aria-labelledby', headingId);
        section.append(h, list);
        days.append(section);
        shownDays.set(day.key, list);
      }
      list.append(renderEntry(doc, entry));
      shown++;
    }
  }

  async function loadPage(first: boolean): Promise<void> {
    if (!chosen) return;
    const mine = ++generation;
    const actor = chosen;
    const page = await ledgerPage(await database(), actor, {
      limit: LEDGER_PAGE_SIZE,
      after: first ? null : next,
      order: order.value as LedgerOrder,
    });
    if (mine !== generation) return;
    if (first) {
      days.replaceChildren();
      shownDays = new Map();
      shown = 0;
    }
    next = page.next;
    append(page.entries);
    more.hidden = !next;
    const parts = [page.seen ? plural(page.seen, 'claim') + ' seen' : '', page.saved ? `${formatCount(page.saved)} saved` : ''].filter(Boolean);
    claimsStatus.textContent = `${actor}: ${parts.join(', ') || 'nothing yet'}.${next ? ` Showing the ${order.value === 'newest' ? 'newest' : 'oldest'} ${formatCount(shown)}.` : ''}`;
    setEmpty(shown ? null : 'Nothing in this ledger any more', 'Its claims were cleared or pruned. Read more articles to fill it again.');
  }

  async function showActor(): Promise<void> {
    heading.textContent = chosen ?? 'Claims';
    csv.hidden = !chosen;
    next = null;
    await loadPage(true);
  }

  // A link to ledger.html#Actor opened in this tab (or edited in the address bar).
  win?.addEventListener('hashchange', () => {
    const name = decodeHash(win.location.hash);
    if (name && name !== chosen && actors.some((a) => a.name === name)) void choose_(name);
  });
  more.addEventListener('click', () => void loadPage(false));
  // The whole ledger of the actor, in the order shown, read 500 entries at a time.
  csv.addEventListener('click', async () => {
    if (!chosen) return;
    const actor = chosen;
    csv.disabled = true;
    claimsStatus.textContent = `Preparing ${actor}'s ledger…`;
    try {
      const parts: string[] = [ledgerCsvHeader()];
      let after: LedgerCursor | null = null;
      let rows = 0;
      do {
        const page = await ledgerPage(await database(), actor, { limit: 500, after, order: order.value as LedgerOrder });
        for (const entry of page.entries) parts.push(ledgerCsvRow(actor, entry));
        rows += page.entries.length;
        after = page.next;
      } while (after);
      const slug = actor.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'actor';
      downloadBlob(doc, `claimlens-ledger-${slug}-${new Date().toISOString().slice(0, 10)}.csv`, new Blob(parts, { type: CSV_MIME }));
      claimsStatus.textContent = `Downloaded ${plural(rows, 'entry', 'entries')} of ${actor}'s ledger as CSV.`;
    } catch (error) {
      claimsStatus.textContent = `The CSV was not written: ${errorText(error)} Try again.`;
    } finally {
      csv.disabled = false;
    }
  });
  order.addEventListener('change', () => void showActor());

  try {
    await loadActors();
  } catch (error) {
    setEmpty('The ledger could not be read', `${errorText(error)}`, 'Reload this page; if it keeps failing, restart the browser.');
  }
  doc.body.dataset.ready = 'true';
}

/**
 * The options page: when to scan (automatically, and on which sites not), and the
 * watchlist — actors the reader adds, or default ones they stop highlighting — with import,
 * export and reset. Everything is stored in the extension's `storage.local`; open tabs
 * apply a change at once through `storage.onChanged`.
 */
import type { ActorType, WatchlistEntry } from '../detect/types';
import { DEFAULT_WATCHLIST, nameKey, parseWatchlistEdits, type WatchlistEdit } from '../detect/watchlist';
import { readWatchlistEdits } from '../reader-watchlist';
import { readSettings, SETTINGS_KEY, type Settings, WATCHLIST_KEY, withSiteScanning } from '../settings';
import { button, download, el, errorText, plural } from './dom';
import { startColourOptions } from './options-colours';
import { startCueOptions } from './options-cues';

/** The slice of `storage.local` the page needs; a fake in tests. */
export interface OptionsStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const TYPE_LABELS: Record<ActorType, string> = { person: 'Person', organization: 'Organisation', place: 'Place' };

/** A new edit replaces the reader's earlier edits of the same name: the list stays short and readable. */
export function withEdit(edits: readonly WatchlistEdit[], edit: WatchlistEdit): WatchlistEdit[] {
  const key = nameKey(edit.op === 'add' ? edit.entry.name : edit.name);
  const others = edits.filter((e) => nameKey(e.op === 'add' ? e.entry.name : e.name) !== key);
  return [...others, edit];
}

/** Replaces one of the reader's added entries by its edited version (a rename drops the old name). */
export function withEntryChanged(edits: readonly WatchlistEdit[], original: WatchlistEdit, entry: WatchlistEntry): WatchlistEdit[] {
  return withEdit(edits.filter((e) => e !== original), { op: 'add', entry });
}

/** The built-in entry of that name, if any (the reader may start from it to change it). */
export function builtInEntry(name: string): WatchlistEntry | undefined {
  const key = nameKey(name);
  return key ? DEFAULT_WATCHLIST.find((e) => nameKey(e.name) === key) : undefined;
}

export function splitList(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
}

export async function startOptions(doc: Document, storage: OptionsStorage): Promise<void> {
  const status = doc.getElementById('status') as HTMLElement;
  const say = (message: string) => (status.textContent = message);

  let settings: Settings = readSettings((await storage.get(SETTINGS_KEY))[SETTINGS_KEY]);
  let edits: WatchlistEdit[] = readWatchlistEdits((await storage.get(WATCHLIST_KEY))[WATCHLIST_KEY]);

  const saveSettings = async (next: Settings) => {
    settings = next;
    await storage.set({ [SETTINGS_KEY]: next });
    renderScanning();
  };
  const saveEdits = async (next: WatchlistEdit[], message: string) => {
    edits = next;
    await storage.set({ [WATCHLIST_KEY]: next });
    renderWatchlist();
    say(message);
  };

  // --- Scanning --------------------------------------------------------------------------
  const auto = doc.getElementById('auto-scan') as HTMLInputElement;
  const sites = doc.getElementById('disabled-sites') as HTMLUListElement;
  const siteForm = doc.getElementById('site-form') as HTMLFormElement;
  const siteInput = doc.getElementById('site-input') as HTMLInputElement;

  function renderScanning() {
    auto.checked = settings.autoScan;
    const items = settings.disabledSites.map((site) => {
      const item = el(doc, 'li');
      const on = button(doc, 'Scan again', 'secondary');
      on.setAttribute('aria-label', `Scan ${site} again`);
      on.addEventListener('click', () => void saveSettings(withSiteScanning(settings, site, true)).then(() => say(`Scanning is on again on ${site}.`)));
      item.append(el(doc, 'span', 'site', site), on);
      return item;
    });
    sites.replaceChildren(...(items.length ? items : [el(doc, 'li', 'hint', 'Claimlens scans every site. Turn it off for one from the popup, or add it here.')]));
  }
  auto.addEventListener('change', () =>
    void saveSettings({ ...settings, autoScan: auto.checked }).then(() =>
      say(
        auto.checked
          ? 'Claimlens scans articles automatically again, in open tabs too.'
          : 'Automatic scanning is off: a page is scanned when you press “Scan this page” in the popup, or Alt+Shift+L.',
      ),
    ),
  );
  siteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const raw = siteInput.value.trim();
    let site = raw;
    try {
      site = new URL(raw.includes('://') ? raw : `https://${raw}`).hostname.replace(/^www\./i, '');
    } catch {
      say(`“${raw}” is not a site address. Type one like news.example.com.`);
      return;
    }
    siteInput.value = '';
    void saveSettings(withSiteScanning(settings, site, false)).then(() => say(`Claimlens will not scan ${site}.`));
  });

  // --- Watchlist ---------------------------------------------------------------------------
  const list = doc.getElementById('watchlist-edits') as HTMLUListElement;
  const addForm = doc.getElementById('actor-form') as HTMLFormElement;
  const nameInput = doc.getElementById('actor-name') as HTMLInputElement;
  const typeSelect = doc.getElementById('actor-type') as HTMLSelectElement;
  const aliasInput = doc.getElementById('actor-aliases') as HTMLInputElement;
  const removeForm = doc.getElementById('remove-form') as HTMLFormElement;
  const removeInput = doc.getElementById('remove-name') as HTMLInputElement;
  const formHeading = doc.getElementById('actor-form-heading') as HTMLElement;
  const submit = doc.getElementById('actor-submit') as HTMLButtonElement;
  const cancel = doc.getElementById('actor-cancel') as HTMLButtonElement;
  const builtInHint = doc.getElementById('builtin-hint') as HTMLElement;
  /** The reader's entry being edited in the form, or null when the form adds. */
  let editing: Extract<WatchlistEdit, { op: 'add' }> | null = null;

  const fillForm = (entry: WatchlistEntry) => {
    nameInput.value = entry.name;
    typeSelect.value = entry.type;
    aliasInput.value = entry.aliases.join(', ');
  };
  const setEditing = (edit: typeof editing) => {
    editing = edit;
    formHeading.textContent = edit ? `Edit ${edit.entry.name}` : 'Add an actor';
    submit.textContent = edit ? 'Save changes' : 'Add to the watchlist';
    cancel.hidden = !edit;
    builtInHint.replaceChildren();
    if (edit) {
      fillForm(edit.entry);
      nameInput.focus();
    } else {
      addForm.reset();
    }
  };
  cancel.addEventListener('click', () => {
    const name = editing?.entry.name;
    setEditing(null);
    say(`Nothing was changed${name ? ` in ${name}` : ''}.`);
  });
  addForm.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && editing) cancel.click();
  });
  // A built-in name: say so, and offer to start from its type and other names.
  nameInput.addEventListener('input', () => {
    if (editing) return;
    const entry = builtInEntry(nameInput.value);
    if (!entry) {
      builtInHint.replaceChildren();
      return;
    }
    const use = button(doc, 'Start from the built-in entry', 'secondary');
    use.addEventListener('click', () => {
      fillForm(entry);
      aliasInput.focus();
      say(`The form shows the built-in ${entry.name}; change it and press “Add to the watchlist” to use your version.`);
    });
    builtInHint.replaceChildren(`${entry.name} is built in (${TYPE_LABELS[entry.type]}${entry.aliases.length ? `, also “${entry.aliases.slice(0, 3).join('”, “')}”` : ''}); yours will replace it. `, use);
  });

  function renderWatchlist() {
    const items = edits.map((edit) => {
      const item = el(doc, 'li');
      const name = edit.op === 'add' ? edit.entry.name : edit.name;
      const description =
        edit.op === 'add'
          ? `${TYPE_LABELS[edit.entry.type]}${edit.entry.aliases.length ? ` · also “${edit.entry.aliases.join('”, “')}”` : ''}`
          : edit.op === 'remove'
            ? 'removed from the built-in list'
            : 'edited';
      const undo = button(doc, 'Undo', 'secondary');
      undo.setAttribute('aria-label', `Undo your change to ${name}`);
      undo.addEventListener('click', () => {
        if (editing === edit) setEditing(null);
        void saveEdits(edits.filter((e) => e !== edit), `Your change to ${name} was undone.`);
      });
      item.append(el(doc, 'strong', undefined, name), el(doc, 'span', 'hint', ` ${description} `));
      if (edit.op === 'add') {
        const change = button(doc, 'Edit', 'secondary');
        change.setAttribute('aria-label', `Edit ${name}`);
        change.addEventListener('click', () => setEditing(edit));
        item.append(change);
      }
      item.append(undo);
      return item;
    });
    list.replaceChildren(...(items.length ? items : [el(doc, 'li', 'hint', 'You have not changed the watchlist: Claimlens uses its built-in list of leaders, bodies, countries and capitals.')]));
  }

  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = nameInput.value.trim().replace(/\s+/g, ' ');
    if (!name) return;
    const type = typeSelect.value as ActorType;
    const entry: WatchlistEntry = { name, type, aliases: splitList(aliasInput.value) };
    const original = editing;
    setEditing(null);
    if (original) {
      const renamed = nameKey(original.entry.name) !== nameKey(name) ? ` (was ${original.entry.name})` : '';
      void saveEdits(withEntryChanged(edits, original, entry), `${name}${renamed} was changed; open tabs use it now.`);
      return;
    }
    void saveEdits(withEdit(edits, { op: 'add', entry }), `${name} is on your watchlist; open tabs highlight it now.`);
  });
  removeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = removeInput.value.trim();
    if (!name) return;
    const known = builtInEntry(name);
    if (!known) {
      say(`“${name}” is not a built-in entry, so nothing was removed. Your own entries are removed with their Undo button.`);
      removeInput.focus();
      return;
    }
    removeInput.value = '';
    void saveEdits(withEdit(edits, { op: 'remove', name: known.name }), `${known.name} is no longer a built-in actor; it is still shown where the text itself reveals a name.`);
  });

  (doc.getElementById('export-watchlist') as HTMLButtonElement).addEventListener('click', () => {
    download(doc, 'claimlens-watchlist.json', 'application/json', JSON.stringify(edits, null, 2));
    say(`${plural(edits.length, 'watchlist change')} saved to claimlens-watchlist.json in your downloads.`);
  });
  const importInput = doc.getElementById('import-watchlist') as HTMLInputElement;
  importInput.addEventListener('change', async () => {
    const file = importInput.files?.[0];
    importInput.value = '';
    if (!file) return;
    if (file.size > 5 * 1024 * 1024) {
      say(`“${file.name}” is too large for a watchlist (over 5 MB). Nothing was changed.`);
      return;
    }
    try {
      const imported = parseWatchlistEdits(await file.text());
      await saveEdits(imported.reduce(withEdit, edits), `Imported ${imported.length} watchlist ${imported.length === 1 ? 'change' : 'changes'} from “${file.name}”.`);
    } catch (error) {
      say(`“${file.name}” was not imported: ${errorText(error)}. Nothing was changed.`);
    }
  });
  (doc.getElementById('reset-watchlist') as HTMLButtonElement).addEventListener('click', () => {
    if (edits.length === 0) {
      say('The watchlist is already the default one.');
      return;
    }
    if (editing) setEditing(null);
    void saveEdits([], 'The watchlist is back to its defaults, in open tabs too.');
  });

  renderScanning();
  renderWatchlist();
  await Promise.all([startCueOptions(doc, storage, say), startColourOptions(doc, storage, say)]);
  doc.body.dataset.ready = 'true';
}

/**
 * The options page: when to scan (automatically, and on which sites not), and the
 * watchlist — actors the reader adds, or default ones they stop highlighting — with import,
 * export and reset. Everything is stored in the extension's `storage.local`; open tabs
 * apply a change at once through `storage.onChanged`.
 */
import type { ActorType } from '../detect/types';
import { nameKey, parseWatchlistEdits, type WatchlistEdit } from '../detect/watchlist';
import { readWatchlistEdits } from '../reader-watchlist';
import { readSettings, SETTINGS_KEY, type Settings, WATCHLIST_KEY, withSiteScanning } from '../settings';
import { button, download, el, errorText } from './dom';

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
  auto.addEventListener('change', () => void saveSettings({ ...settings, autoScan: auto.checked }));
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
      undo.addEventListener('click', () => void saveEdits(edits.filter((e) => e !== edit), `Your change to ${name} was undone.`));
      item.append(el(doc, 'strong', undefined, name), el(doc, 'span', 'hint', ` ${description} `), undo);
      return item;
    });
    list.replaceChildren(...(items.length ? items : [el(doc, 'li', 'hint', 'You have not changed the watchlist: Claimlens uses its built-in list of leaders, bodies, countries and capitals.')]));
  }

  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = nameInput.value.trim().replace(/\s+/g, ' ');
    if (!name) return;
    const type = typeSelect.value as ActorType;
    const edit: WatchlistEdit = { op: 'add', entry: { name, type, aliases: splitList(aliasInput.value) } };
    nameInput.value = '';
    aliasInput.value = '';
    void saveEdits(withEdit(edits, edit), `${name} is on your watchlist; open tabs highlight it now.`);
  });
  removeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = removeInput.value.trim();
    if (!name) return;
    removeInput.value = '';
    void saveEdits(withEdit(edits, { op: 'remove', name }), `${name} is no longer a built-in actor; it is still shown where the text names it.`);
  });

  (doc.getElementById('export-watchlist') as HTMLButtonElement).addEventListener('click', () => {
    download(doc, 'claimlens-watchlist.json', 'application/json', JSON.stringify(edits, null, 2));
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
    if (edits.length === 0) return;
    void saveEdits([], 'The watchlist is back to its defaults.');
  });

  renderScanning();
  renderWatchlist();
}

/**
 * The background's wiring (a service worker in Chrome, a background page in Firefox): the
 * message router, the context menu, the keyboard command and the badge. The database is opened once, on first use.
 */
import type { WxtBrowser } from 'wxt/browser';
import type { ContentProtocol } from '../messages';
import { backgroundRequestReaders } from '../messages';
import { asMessageListener, createRouter, request } from '../router';
import { openClaimlensDB, type ClaimlensDB } from '../store/db';
import { createHandlers } from './handlers';
import type { PageReport } from '../messages';
import type { WatchlistEntry } from '../detect/types';
import { readerWatchlist, readWatchlistEdits } from '../reader-watchlist';
import { CUES_KEY, LEDGER_KEY, readLedgerSettings, WATCHLIST_KEY } from '../settings';
import { readCueEdits } from '../detect/reader-cues';
import { createSightingRecorder } from './ledger-recorder';
import { keepContextMenu, type MenuApi } from './context-menu';
import { modelSource } from './models';

export const CONTEXT_MENU_ID = 'claimlens-save-selection';
export const SAVE_COMMAND = 'save-selection';
export const SCAN_COMMAND = 'scan-page';

/**
 * Page reports by tab. `storage.session` outlives a stopped service worker but not the
 * browser session (and is not written to disk); where it is missing, memory will do.
 */
function tabReports(browser: WxtBrowser) {
  const memory = new Map<number, PageReport>();
  const session = browser.storage?.session;
  const key = (tabId: number) => `tab-report:${tabId}`;
  browser.tabs.onRemoved.addListener((tabId) => {
    memory.delete(tabId);
    void session?.remove(key(tabId));
  });
  return {
    async set(tabId: number, report: PageReport) {
      memory.set(tabId, report);
      await session?.set({ [key(tabId)]: report });
    },
    async get(tabId: number) {
      if (memory.has(tabId)) return memory.get(tabId)!;
      const stored = await session?.get(key(tabId));
      return (stored?.[key(tabId)] as PageReport | undefined) ?? null;
    },
  };
}

/**
 * One of the reader's detection settings, read once and again only when the options page
 * changes it; the same object is returned meanwhile, so detect() reuses its compiled form.
 */
function storedSource<T>(browser: WxtBrowser, key: string, read: (raw: unknown) => T) {
  let current: Promise<T> | undefined;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && key in changes) current = undefined;
  });
  return () =>
    (current ??= browser.storage.local
      .get(key)
      .then((stored) => read(stored[key]))
      .catch(() => read(undefined)));
}

export function startBackground(browser: WxtBrowser): void {
  let db: Promise<ClaimlensDB> | undefined;
  const database = () => (db ??= openClaimlensDB());
  const recorder = createSightingRecorder({
    database,
    now: () => new Date(),
    // Whether the reader keeps the actor ledger, read once and again only when it changes.
    enabled: storedSource(browser, LEDGER_KEY, (raw) => readLedgerSettings(raw).record),
    onError: (error) => console.warn('[Claimlens] could not record the claims seen on a page:', error),
  });

  // Firefox builds are MV2, where the toolbar button is `browserAction`.
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  const handlers = createHandlers({
    database,
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    setBadge: (tabId, claims) => {
      void action.setBadgeText({ tabId, text: claims > 0 ? String(claims) : '' });
      void action.setBadgeBackgroundColor({ tabId, color: '#5b2ab8' });
    },
    reports: tabReports(browser),
    watchlist: storedSource(browser, WATCHLIST_KEY, (raw): readonly WatchlistEntry[] => readerWatchlist(readWatchlistEdits(raw))),
    cues: storedSource(browser, CUES_KEY, readCueEdits),
    models: modelSource(
      (path) => browser.runtime.getURL(path as never),
      fetch,
      (report) => {
        console.info(`Claimlens: detection models loaded in ${Math.round(report.ms)} ms (${report.bytes} bytes)`);
        // Read by the end-to-end test and the bench: when and how fast the models arrived.
        (globalThis as { claimlensModelLoad?: typeof report }).claimlensModelLoad = report;
      },
    ),
    recordSightings: (detections, page) => recorder.record(detections, page),
  });
  const router = createRouter({
    readers: backgroundRequestReaders,
    handlers,
    extensionId: browser.runtime.id,
    onError: (type, error) => console.error(`[Claimlens] ${type} failed:`, error),
  });
  browser.runtime.onMessage.addListener(asMessageListener(router));

  keepContextMenu(browser as unknown as MenuApi, CONTEXT_MENU_ID, (error) =>
    console.error('[Claimlens] could not create the context menu item:', error),
  );

  const askTabToSave = async (tabId: number | undefined) => {
    if (tabId === undefined) return;
    try {
      await request<ContentProtocol, 'selection.save'>(
        (message) => browser.tabs.sendMessage(tabId, message),
        'selection.save',
        {},
      );
    } catch (error) {
      // Pages Claimlens cannot run on (the browser's own pages, the web store) land here.
      console.warn('[Claimlens] could not save the selection in this tab:', error);
    }
  };
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === CONTEXT_MENU_ID) void askTabToSave(tab?.id);
  });
  const askTabToScan = async (tabId: number | undefined) => {
    if (tabId === undefined) return;
    await request<ContentProtocol, 'page.scan'>((message) => browser.tabs.sendMessage(tabId, message), 'page.scan', {}).catch((error) =>
      console.warn('[Claimlens] could not scan this tab:', error),
    );
  };
  browser.commands.onCommand.addListener(async (command) => {
    if (command !== SAVE_COMMAND && command !== SCAN_COMMAND) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    await (command === SAVE_COMMAND ? askTabToSave(tab?.id) : askTabToScan(tab?.id));
  });
}

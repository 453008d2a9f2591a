/**
 * The reader's settings, kept in the extension's `storage.local` (never the page's storage)
 * so every tab sees a change at once through `storage.onChanged`.
 */
import { siteOf } from './annotation/url';

export const SETTINGS_KEY = 'claimlens.settings';
/** The reader's watchlist edits (see src/detect/watchlist.ts), merged over the defaults. */
export const WATCHLIST_KEY = 'claimlens.watchlist';
/** The reader's claim cues, added and removed (see src/detect/reader-cues.ts). */
export const CUES_KEY = 'claimlens.cues';
/** The reader's highlight colours by category (see src/settings-colours.ts). */
export const COLOURS_KEY = 'claimlens.colours';
/** Keys whose change means the same text may now give other detections. */
export const DETECTION_KEYS: readonly string[] = [WATCHLIST_KEY, CUES_KEY];

export interface Settings {
  /** Sites (hostnames without "www.") where Claimlens does not scan or paint. */
  disabledSites: string[];
  /** Scan every article automatically, or only when the reader asks from the popup. */
  autoScan: boolean;
}

export const DEFAULT_SETTINGS: Settings = { disabledSites: [], autoScan: true };

/** Reads stored settings leniently: anything malformed falls back to the default for that field. */
export function readSettings(raw: unknown): Settings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const sites = Array.isArray(value.disabledSites)
    ? value.disabledSites.filter((s): s is string => typeof s === 'string' && s.length > 0 && s.length < 300)
    : DEFAULT_SETTINGS.disabledSites;
  return {
    disabledSites: [...new Set(sites)],
    autoScan: typeof value.autoScan === 'boolean' ? value.autoScan : DEFAULT_SETTINGS.autoScan,
  };
}

/**
 * Whether a page is scanned: automatically, or — with automatic scanning off — once the
 * reader asked for it. A site the reader switched off stays off either way.
 */
export function shouldScan(settings: Settings, pageUrl: string, requested: boolean): boolean {
  return !settings.disabledSites.includes(siteOf(pageUrl)) && (settings.autoScan || requested);
}

/** Whether a page is scanned without being asked (the popup's summary). */
export function isScanningOn(settings: Settings, pageUrl: string): boolean {
  return shouldScan(settings, pageUrl, false);
}

export function withSiteScanning(settings: Settings, site: string, on: boolean): Settings {
  const others = settings.disabledSites.filter((s) => s !== site);
  return { ...settings, disabledSites: on ? others : [...others, site] };
}

/**
 * The actor ledger's switch, under its own key: the options page and the popup write the
 * whole `Settings` object they hold, and a copy read before the ledger page changed this
 * switch would silently turn it back.
 */
export const LEDGER_KEY = 'claimlens.ledger';

export interface LedgerSettings {
  /** Keep a record of the attributed claims Claimlens sees, for the actor ledger. */
  record: boolean;
}

export const DEFAULT_LEDGER_SETTINGS: LedgerSettings = { record: true };

/** Read leniently, like `readSettings`: anything but a boolean means the default (on). */
export function readLedgerSettings(raw: unknown): LedgerSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return { record: typeof value.record === 'boolean' ? value.record : DEFAULT_LEDGER_SETTINGS.record };
}

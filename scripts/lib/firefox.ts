/**
 * Real Firefox (Debian's firefox-esr) with the built Firefox add-on installed as a temporary
 * add-on, for the Firefox end-to-end tests and the bench. Driven by puppeteer-core over
 * WebDriver BiDi; nothing is downloaded.
 *
 * Extension pages (moz-extension://…/popup.html, the library, options): Firefox allows one
 * WebDriver session per browser, so Marionette cannot run beside puppeteer's BiDi session
 * ("Maximum number of active sessions"). Instead Firefox is started with
 * `--remote-allow-system-access`, under which BiDi navigates to and evaluates in extension
 * pages; it sends no navigation events for them, so `openExtensionPage` navigates with the BiDi
 * command's own `wait: "complete"` rather than `page.goto`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { REPO_ROOT, SetupError } from './chromium';

export const FIREFOX_EXTENSION_DIR = path.join(REPO_ROOT, '.output/firefox-mv2');

/**
 * The extension's internal UUID, pinned through `extensions.webextensions.uuids` so its pages
 * have known addresses (Firefox picks a random one per profile otherwise).
 */
export const FIREFOX_EXTENSION_UUID = '5f0c3a6e-7d1b-4c2a-9e8f-c1a1e15c0de5';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** Every browser step gets a deadline: a hung navigation fails the run instead of hanging CI. */
export const STEP_TIMEOUT_MS = 30_000;

export function findFirefox(): string {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new SetupError(`FIREFOX_PATH points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new SetupError('Firefox is not installed: run `sudo apt-get install -y firefox-esr` (or set FIREFOX_PATH).');
  }
  return found;
}

export function assertFirefoxBuilt(): void {
  if (!existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new SetupError('The Firefox add-on is not built: run `npm run build:firefox` first.');
  }
}

/** The add-on's id from its manifest (`browser_specific_settings.gecko.id`). */
export function firefoxExtensionId(extensionDir = FIREFOX_EXTENSION_DIR): string {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string') throw new SetupError('The Firefox manifest has no gecko id.');
  return id;
}

/** Rejects with a message naming `what` when `promise` takes longer than `ms`. */
export async function withTimeout<T>(what: string, promise: Promise<T>, ms = STEP_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** Where Firefox saves downloads (no dialog). */
  downloadsDir: string;
  /** A new tab on the extension page `pathname` (e.g. '/popup.html'), loaded. */
  openExtensionPage(pathname: string): Promise<Page>;
  /** Navigates an existing tab to an extension page and waits for its load event (or DOMContentLoaded). */
  gotoExtensionPage(page: Page, pathname: string, wait?: 'interactive' | 'complete'): Promise<void>;
  close(): Promise<void>;
}

interface BidiFrameInternals {
  browsingContext?: { navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<unknown> };
}

export async function launchFirefoxWithExtension(
  options: { headless?: boolean; extensionDir?: string; prefs?: Record<string, string | number | boolean> } = {},
): Promise<FirefoxWithExtension> {
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  if (!options.extensionDir) assertFirefoxBuilt();
  const extensionId = firefoxExtensionId(extensionDir);
  const downloadsDir = mkdtempSync(path.join(tmpdir(), 'claimlens-firefox-downloads-'));
  const browser = await withTimeout(
    'Starting Firefox',
    puppeteer.launch({
      browser: 'firefox',
      executablePath: findFirefox(),
      headless: options.headless ?? true,
      defaultViewport: { width: 1280, height: 900 },
      protocolTimeout: STEP_TIMEOUT_MS,
      timeout: STEP_TIMEOUT_MS,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: FIREFOX_EXTENSION_UUID }),
        // Downloads go straight to a known folder, as a reader's default "Save" would.
        'browser.download.folderList': 2,
        'browser.download.dir': downloadsDir,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
        'browser.download.alwaysOpenPanel': false,
        ...options.prefs,
      },
    }),
    60_000,
  );
  const kill = () => {
    try {
      browser.process()?.kill('SIGKILL');
    } catch {
      // already gone
    }
  };
  try {
    // BiDi webExtension.install: an unsigned build is installed as a temporary add-on.
    await withTimeout('Installing the add-on', browser.installExtension(extensionDir));
  } catch (error) {
    kill();
    throw error;
  }

  async function gotoExtensionPage(page: Page, pathname: string, wait: 'interactive' | 'complete' = 'complete'): Promise<void> {
    const url = `${FIREFOX_EXTENSION_ORIGIN}${pathname.startsWith('/') ? '' : '/'}${pathname}`;
    const context = (page.mainFrame() as unknown as BidiFrameInternals).browsingContext;
    if (!context) throw new Error('puppeteer-core no longer exposes the BiDi browsing context; update scripts/lib/firefox.ts');
    await withTimeout(`Opening ${pathname}`, context.navigate(url, wait));
  }

  return {
    browser,
    downloadsDir,
    gotoExtensionPage,
    async openExtensionPage(pathname) {
      const page = await withTimeout('Opening a tab', browser.newPage());
      await gotoExtensionPage(page, pathname);
      return page;
    },
    async close() {
      await withTimeout('Closing Firefox', browser.close(), 15_000).catch(kill);
      rmSync(downloadsDir, { recursive: true, force: true });
    },
  };
}

/**
 * The extension API for the background and the extension's own pages (popup, library,
 * ledger, options): webextension-polyfill's `browser`, so the two browsers' APIs behave
 * alike where nothing is saved by going without it.
 *
 * The content script does not use it: it runs in every page the reader opens, and the
 * polyfill would add 10 kB to it and about 1.5 ms to each page's start-up task (`npm run
 * bench`). It takes the browser's own `browser` (Firefox) or `chrome` (Chrome MV3, promise
 * APIs) from `wxt/browser`, and both sides answer messages through `sendResponse`, which
 * every version of both honours (`asMessageListener` in src/router.ts).
 */
import polyfill from 'webextension-polyfill';
import type { WxtBrowser } from 'wxt/browser';

export const browser = polyfill as unknown as WxtBrowser;

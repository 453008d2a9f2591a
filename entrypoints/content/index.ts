import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchDocumentReplacement } from '../../src/page/document-replacement';
import { followReaderColours } from '../../src/page/reader-colours';
import { startPageSession } from '../../src/page/session';
import './highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // WXT's old cross-script "started" signal: a window.postMessage that cost ~5 ms of the
  // start-up task and reaches every message listener on the page. Its custom event remains.
  noScriptStartedPostMessage: true,
  main(ctx) {
    let session = new AbortController();
    const start = () => {
      const signal = AbortSignal.any([ctx.signal, session.signal]);
      followReaderColours(document, browser, signal);
      startPageSession({
        document,
        window,
        browser,
        signal,
        onLocationChange: (listener) =>
          ctx.addEventListener(window, 'wxt:locationchange', () => {
            if (!signal.aborted) listener();
          }),
      });
    };
    start();
    // A page that rewrites itself with document.open() leaves the first session (and the
    // reader's colour style) bound to a tree that is gone: start again on the new one.
    watchDocumentReplacement({
      doc: document,
      win: window,
      signal: ctx.signal,
      onReplaced: () => {
        session.abort();
        session = new AbortController();
        start();
      },
    });
  },
});

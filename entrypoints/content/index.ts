import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { followReaderColours } from '../../src/page/reader-colours';
import { startPageSession } from '../../src/page/session';
import './highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    followReaderColours(document, browser, ctx.signal);
    startPageSession({
      document,
      window,
      browser,
      signal: ctx.signal,
      onLocationChange: (listener) => ctx.addEventListener(window, 'wxt:locationchange', listener),
    });
  },
});

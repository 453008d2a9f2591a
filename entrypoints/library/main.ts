import { browser } from '../../src/extension/api';
import { openClaimlensDB } from '../../src/store/db';
import { startLibrary } from '../../src/ui/library';

// This page is the extension's origin, so it may open the database itself (queries, export, import).
startLibrary(document, {
  send: (message) => browser.runtime.sendMessage(message),
  openDatabase: () => openClaimlensDB(),
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
  location,
  replaceSearch: (search) => history.replaceState(null, '', `${location.pathname}${search}`),
});

import { browser } from '../../src/extension/api';
import { openClaimlensDB } from '../../src/store/db';
import { startLedger } from '../../src/ui/ledger';

// An extension page is the extension's origin: it reads the ledger from the database itself.
void startLedger(document, {
  openDatabase: () => openClaimlensDB(),
  storage: {
    get: (key) => browser.storage.local.get(key),
    set: (items) => browser.storage.local.set(items),
  },
});

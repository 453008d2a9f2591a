import { browser } from '../../src/extension/api';
import { startOptions } from '../../src/ui/options';

void startOptions(document, {
  get: (key) => browser.storage.local.get(key),
  set: (items) => browser.storage.local.set(items),
});

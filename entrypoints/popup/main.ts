import { browser } from '../../src/extension/api';
import { SETTINGS_KEY, readSettings } from '../../src/settings';
import { startPopup } from '../../src/ui/popup';

// `?tab=<id>` lets the popup be opened as a page about a given tab (tests, screenshots).
const tabParam = Number(new URLSearchParams(location.search).get('tab'));

startPopup(document, {
  send: (message) => browser.runtime.sendMessage(message),
  async activeTab() {
    if (Number.isInteger(tabParam) && tabParam > 0) {
      const tab = await browser.tabs.get(tabParam).catch(() => undefined);
      return { id: tabParam, url: tab?.url };
    }
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id === undefined ? null : { id: tab.id, url: tab.url };
  },
  sendToTab: (tabId, message) => browser.tabs.sendMessage(tabId, message),
  loadSettings: async () => readSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]),
  saveSettings: (settings) => browser.storage.local.set({ [SETTINGS_KEY]: settings }),
  openLibrary() {
    void browser.tabs.create({ url: browser.runtime.getURL('/library.html') });
    if (!tabParam) window.close();
  },
});

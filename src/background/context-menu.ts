/**
 * The "Save to Claimlens" item in the right-click menu for selected text.
 *
 * Chrome keeps an extension's menu items across service-worker restarts and browser
 * restarts, so creating them on install would do. Firefox keeps them only for event pages:
 * our Firefox build has a persistent background page, whose menu items are gone after
 * Firefox restarts, and `runtime.onInstalled` does not fire then. So the item is made again
 * on every browser start, after removing whatever is left, which is safe in both.
 */
export interface MenuApi {
  runtime: {
    onInstalled: { addListener(listener: () => void): void };
    onStartup: { addListener(listener: () => void): void };
  };
  contextMenus: {
    removeAll(): Promise<void>;
    create(properties: { id: string; title: string; contexts: ['selection'] }): unknown;
  };
}

export function keepContextMenu(api: MenuApi, id: string, onError: (error: unknown) => void): void {
  const make = async () => {
    try {
      await api.contextMenus.removeAll();
      api.contextMenus.create({ id, title: 'Save to Claimlens', contexts: ['selection'] });
    } catch (error) {
      onError(error);
    }
  };
  api.runtime.onInstalled.addListener(() => void make());
  api.runtime.onStartup.addListener(() => void make());
}

import { describe, expect, it } from 'vitest';
import { keepContextMenu, type MenuApi } from '../../../src/background/context-menu';

/** A browser whose menu holds items the way both browsers do: ids are unique. */
function fakeMenus() {
  const items = new Map<string, string>();
  const installed: (() => void)[] = [];
  const started: (() => void)[] = [];
  const api: MenuApi = {
    runtime: {
      onInstalled: { addListener: (l) => void installed.push(l) },
      onStartup: { addListener: (l) => void started.push(l) },
    },
    contextMenus: {
      removeAll: async () => items.clear(),
      create: ({ id, title }) => {
        if (items.has(id)) throw new Error(`duplicate id ${id}`);
        items.set(id, title);
      },
    },
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { api, items, install: () => installed.forEach((l) => l()), start: () => started.forEach((l) => l()), settle };
}

describe('the context menu item', () => {
  it('is created on install', async () => {
    const fake = fakeMenus();
    keepContextMenu(fake.api, 'save', () => undefined);
    fake.install();
    await fake.settle();
    expect([...fake.items]).toEqual([['save', 'Save to Claimlens']]);
  });

  it('is created again on a browser start, when Firefox’s background page has lost it', async () => {
    const fake = fakeMenus();
    keepContextMenu(fake.api, 'save', () => undefined);
    fake.start();
    await fake.settle();
    expect([...fake.items]).toEqual([['save', 'Save to Claimlens']]);
  });

  it('never fails on an item Chrome kept from before', async () => {
    const fake = fakeMenus();
    const errors: unknown[] = [];
    keepContextMenu(fake.api, 'save', (error) => errors.push(error));
    fake.install();
    await fake.settle();
    fake.start();
    await fake.settle();
    expect(errors).toEqual([]);
    expect(fake.items.size).toBe(1);
  });
});

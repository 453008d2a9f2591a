// @vitest-environment happy-dom
/** The popup's "Scan this page", offered only while automatic scanning is off. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope, PageReport } from '../../../src/messages';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/settings';
import { type PopupDeps, startPopup } from '../../../src/ui/popup';

const HTML = readFileSync(path.resolve(__dirname, '../../../entrypoints/popup/index.html'), 'utf8');
const BODY = /<body>([\s\S]*)<script/.exec(HTML)![1]!;

const NOT_SCANNED: PageReport = {
  pageUrl: 'https://news.example/a',
  canonicalLink: null,
  scanning: false,
  articleFound: false,
  actors: 0,
  claims: { named: 0, vague: 0, unattributed: 0 },
  topActors: [],
  saved: 0,
  orphans: [],
};
const SCANNED: PageReport = {
  ...NOT_SCANNED,
  scanning: true,
  articleFound: true,
  actors: 5,
  claims: { named: 2, vague: 1, unattributed: 0 },
  topActors: [{ name: 'Washington', type: 'place', count: 3 }],
};

function fakeDeps(settings: Settings, tabReply: unknown = { ok: true, value: { ok: true } }) {
  let report = NOT_SCANNED;
  const toTab: Envelope[] = [];
  const deps: PopupDeps = {
    async send(message) {
      if (message.type === 'page.status') return { ok: true, value: { report } };
      if (message.type === 'annotation.forPage') return { ok: true, value: { annotations: [] } };
      if (message.type === 'annotation.list') return { ok: true, value: { items: [], total: 0 } };
      throw new Error(`unexpected ${message.type}`);
    },
    activeTab: async () => ({ id: 7 }),
    sendToTab: async (_id, message) => {
      toTab.push(message);
      if (message.type === 'page.scan') report = SCANNED;
      return tabReply;
    },
    loadSettings: async () => settings,
    saveSettings: async () => undefined,
    openLibrary: vi.fn(),
  };
  return { deps, toTab };
}

const button = () => document.getElementById('scan-now') as HTMLButtonElement;
const text = (id: string) => document.getElementById(id)!.textContent;

describe('popup: scan this page on request', () => {
  beforeEach(() => {
    document.body.innerHTML = BODY;
  });

  it('with automatic scanning off, scans the page when asked and shows what was found', async () => {
    const { deps, toTab } = fakeDeps({ ...DEFAULT_SETTINGS, autoScan: false });
    await startPopup(document, deps);
    expect(button().hidden).toBe(false);
    expect(text('page-summary')).toMatch(/^Not scanned yet: automatic scanning is off/);
    button().click();
    await vi.waitFor(() => expect(text('page-summary')).toBe('5 actors and 3 claims found; 0 passages saved here.'));
    expect(toTab).toEqual([{ claimlens: 1, type: 'page.scan', payload: {} }]);
    expect([...document.querySelectorAll('#page-claims li')].map((li) => li.textContent)).toEqual(['2 named source', '1 vague source', '0 unattributed']);
    expect(button().hidden).toBe(true);
    expect(text('scan-hint')).toMatch(/^Scanned at your request/);
  });

  it('says so when the tab cannot scan', async () => {
    const { deps } = fakeDeps({ ...DEFAULT_SETTINGS, autoScan: false }, { ok: false, error: { code: 'internal', message: 'no article here' } });
    await startPopup(document, deps);
    button().click();
    await vi.waitFor(() => expect(text('scan-hint')).toBe('Could not scan this page: no article here.'));
    expect(button().hidden).toBe(false);
    expect(button().textContent).toBe('Scan this page');
  });

  it('is not offered while scanning is automatic, or where the site is switched off', async () => {
    await startPopup(document, fakeDeps({ ...DEFAULT_SETTINGS }).deps);
    expect(button().hidden).toBe(true);
    document.body.innerHTML = BODY;
    await startPopup(document, fakeDeps({ ...DEFAULT_SETTINGS, autoScan: false, disabledSites: ['news.example'] }).deps);
    expect(button().hidden).toBe(true);
  });
});

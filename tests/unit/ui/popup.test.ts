// @vitest-environment happy-dom
/**
 * The popup against a stand-in background: the page report in brief, the scanning switch,
 * orphans marked, empty states, and user text rendered as text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildAnnotation } from '../../../src/annotation/build';
import type { Annotation } from '../../../src/annotation/record';
import type { AnnotationDraft, Envelope, PageReport } from '../../../src/messages';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/settings';
import { type PopupDeps, startPopup, summariseReport } from '../../../src/ui/popup';

const HTML = readFileSync(path.resolve(__dirname, '../../../entrypoints/popup/index.html'), 'utf8');
const BODY = /<body>([\s\S]*)<script/.exec(HTML)![1]!;

let n = 0;
function saved(exact: string, note = '', pageUrl = 'https://news.example/a'): Annotation {
  const draft: AnnotationDraft = {
    exact, prefix: '', suffix: '', start: 0, end: exact.length, pageUrl, canonicalLink: null,
    title: 'A story', note, tags: ['t1'], kind: 'manual', actors: [], speaker: null, sourcing: null,
  };
  return buildAnnotation(draft, { now: new Date(Date.UTC(2026, 0, 1, 0, 0, n++)), newId: () => `id-${n}` });
}

const REPORT: PageReport = {
  pageUrl: 'https://news.example/a',
  canonicalLink: null,
  scanning: true,
  articleFound: true,
  actors: 12,
  claims: { named: 3, vague: 1, unattributed: 2 },
  topActors: [{ name: 'Jake Sullivan', type: 'person', count: 4 }],
  saved: 2,
  orphans: [],
};

function fakeDeps(options: { report: PageReport | null; forPage: Annotation[]; recent: Annotation[]; tab?: number | null }) {
  let settings: Settings = { ...DEFAULT_SETTINGS };
  const toTab: Envelope[] = [];
  const asked: Envelope[] = [];
  const deps: PopupDeps = {
    async send(message) {
      asked.push(message);
      const value = (() => {
        switch (message.type) {
          case 'page.status': return { report: options.report };
          case 'annotation.forPage': return { annotations: options.forPage };
          case 'annotation.list': return { items: options.recent, total: options.recent.length };
          case 'annotation.export': return null;
          default: throw new Error(`unexpected ${message.type}`);
        }
      })();
      if (message.type === 'annotation.export') {
        return { ok: false, error: { code: 'too-large', message: '120,000 annotations are too many to export from here; use Export in the library, which streams them to a file.' } };
      }
      return { ok: true, value };
    },
    activeTab: async () => (options.tab === null ? null : { id: options.tab ?? 7 }),
    sendToTab: async (_id, message) => {
      toTab.push(message);
      return { ok: true, value: { ok: true } };
    },
    loadSettings: async () => settings,
    saveSettings: async (next) => {
      settings = next;
    },
    openLibrary: vi.fn(),
  };
  return { deps, toTab, asked, settings: () => settings };
}

describe('popup', () => {
  beforeEach(() => {
    document.body.innerHTML = BODY;
  });

  it('summarises the page report', () => {
    expect(summariseReport(REPORT)).toBe('12 actors and 6 claims found; 2 passages saved here.');
    expect(summariseReport({ ...REPORT, articleFound: false })).toMatch(/^No article found/);
    expect(summariseReport({ ...REPORT, scanning: false })).toBe('Scanning is off for this page.');
  });

  it('shows the report, the passages saved here with orphans marked, and recent saves; notes stay text', async () => {
    const hostile = '<img src=x onerror="globalThis.__pwned=1">';
    const first = saved('kept passage', hostile);
    const gone = saved('vanished passage');
    const { deps } = fakeDeps({
      report: { ...REPORT, orphans: [{ id: gone.id, exact: 'vanished passage' }] },
      forPage: [first, gone],
      recent: [gone, first],
    });
    await startPopup(document, deps);
    expect(document.getElementById('page-summary')!.textContent).toBe('12 actors and 6 claims found; 2 passages saved here.');
    expect([...document.querySelectorAll('#page-claims li')].map((li) => li.textContent)).toEqual([
      '3 named source', '1 vague source', '2 unattributed',
    ]);
    expect(document.querySelector('#page-actors li')!.textContent).toBe('Jake Sullivan4');
    const items = [...document.querySelectorAll('#page-annotations .annotation')];
    expect(items.map((li) => li.querySelector('.snippet')!.textContent)).toEqual(['kept passage', 'vanished passage']);
    expect(items[0]!.querySelector('.orphan-label')).toBeNull();
    expect(items[1]!.querySelector('.orphan-label')!.textContent).toBe('Passage no longer on this page');
    expect(items[0]!.querySelector('.note')!.textContent).toBe(hostile);
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelectorAll('#annotations .annotation')).toHaveLength(2);
    expect((document.getElementById('scan-site') as HTMLInputElement).checked).toBe(true);
    expect(document.getElementById('scan-label')!.textContent).toBe('Scan news.example');
  });

  it('looks the page up by its canonical link, and shows the badge number', async () => {
    const passage = saved('filed under the original', '', 'https://news.example/original');
    const { deps, asked } = fakeDeps({
      report: { ...REPORT, pageUrl: 'https://amp.news.example/a', canonicalLink: 'https://news.example/original', saved: 1 },
      forPage: [passage],
      recent: [passage],
    });
    await startPopup(document, deps);
    expect(asked.find((m) => m.type === 'annotation.forPage')!.payload).toEqual({
      pageUrl: 'https://amp.news.example/a',
      canonicalLink: 'https://news.example/original',
    });
    expect(document.getElementById('page-saved-heading')!.textContent).toBe('Saved from this page (1)');
    expect([...document.querySelectorAll('#page-annotations .snippet')].map((q) => q.textContent)).toEqual(['filed under the original']);
    const badge = document.getElementById('page-badge')!;
    expect(badge.hidden).toBe(false);
    expect(badge.textContent).toBe('6');
    expect(badge.getAttribute('aria-label')).toBe('6 claims on this page: the number on the Claimlens toolbar button');
  });

  it('turns scanning off for the site, stores it and asks the tab to scan again', async () => {
    const { deps, toTab, settings } = fakeDeps({ report: REPORT, forPage: [], recent: [] });
    await startPopup(document, deps);
    const toggle = document.getElementById('scan-site') as HTMLInputElement;
    toggle.checked = false;
    toggle.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(settings().disabledSites).toEqual(['news.example']));
    expect(toTab).toEqual([{ claimlens: 1, type: 'page.rescan', payload: {} }]);
    await vi.waitFor(() => expect(document.getElementById('scan-hint')!.textContent).toContain('leaves news.example alone'));
  });

  it('sends a collection too large for one message to the library to export', async () => {
    const { deps } = fakeDeps({ report: REPORT, forPage: [], recent: [saved('x')] });
    await startPopup(document, deps);
    (document.getElementById('export') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(deps.openLibrary).toHaveBeenCalledOnce());
    expect(document.getElementById('status')!.textContent).toMatch(/too many to export from here; use Export in the library.*Opening the library/);
  });

  it('says what to do when nothing is saved and the tab is not a web page', async () => {
    const { deps } = fakeDeps({ report: null, forPage: [], recent: [], tab: null });
    await startPopup(document, deps);
    expect(document.getElementById('status')!.textContent).toMatch(/^Nothing saved yet\. Select text/);
    expect(document.getElementById('page-summary')!.textContent).toMatch(/^Open a news article/);
    expect(document.getElementById('scan-row')!.hidden).toBe(true);
    (document.getElementById('open-library') as HTMLButtonElement).click();
    expect(deps.openLibrary).toHaveBeenCalledOnce();
  });
});

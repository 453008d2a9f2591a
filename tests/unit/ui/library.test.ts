// @vitest-environment happy-dom
/**
 * The library page against the real background handlers and a fake-indexeddb store: a
 * bookmarked address opens its view, filters become chips and go back into the address,
 * grouping puts passages under headings, an empty result says how to get out of it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../src/background/handlers';
import { backgroundRequestReaders } from '../../../src/messages';
import { createRouter } from '../../../src/router';
import { bulkImport } from '../../../src/store/bulk';
import type { ClaimlensDB } from '../../../src/store/db';
import { type LibraryDeps, startLibrary } from '../../../src/ui/library';
import { freshDb, makeAnnotation } from '../store/fixtures';

const HTML = readFileSync(path.resolve(__dirname, '../../../entrypoints/library/index.html'), 'utf8');
const BODY = /<body>([\s\S]*)<script/.exec(HTML)![1]!;

const RECORDS = [
  makeAnnotation({ i: 1, site: 'b.example', path: 'one', title: 'B one', actors: ['Kim Jong Un', 'Jake Sullivan'], exact: 'first passage', sourcing: 'vague' }),
  makeAnnotation({ i: 2, site: 'a.example', path: 'x', title: 'A x', actors: ['Jake Sullivan'], exact: 'second passage', sourcing: 'named' }),
  makeAnnotation({ i: 3, site: 'b.example', path: 'two', title: 'B two', actors: [], exact: 'third passage <b>bold</b>', sourcing: 'vague' }),
  makeAnnotation({ i: 4, site: 'b.example', path: 'one', title: 'B one', actors: ['Kim Jong Un'], exact: 'fourth passage', sourcing: 'vague' }),
];

async function open(search: string): Promise<{ db: ClaimlensDB; addresses: string[] }> {
  const { db } = await freshDb();
  await bulkImport(db, RECORDS);
  const handlers = createHandlers({
    database: async () => db,
    now: () => new Date('2026-02-01T00:00:00Z'),
    newId: () => 'x',
    setBadge: () => undefined,
    reports: { set: async () => undefined, get: async () => null },
  });
  const router = createRouter({ readers: backgroundRequestReaders, handlers, extensionId: fakeBrowser.runtime.id });
  const addresses: string[] = [];
  const deps: LibraryDeps = {
    send: async (message) => router(message, { id: fakeBrowser.runtime.id }),
    openDatabase: async () => db,
    now: () => new Date('2026-02-01T00:00:00Z'),
    newId: () => 'x',
    location: { search },
    replaceSearch: (value) => addresses.push(value),
  };
  await startLibrary(document, deps);
  return { db, addresses };
}

const snippets = () => [...document.querySelectorAll('#library-list .snippet')].map((node) => node.textContent);
const chipLabels = () => [...document.querySelectorAll('#chips .chip-remove')].map((node) => node.getAttribute('aria-label'));

function choose(id: string, value: string): void {
  const select = document.getElementById(id) as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

describe('library page', () => {
  beforeEach(() => {
    document.body.innerHTML = BODY;
  });

  it('opens a bookmarked view: filters as chips, the list narrowed, the controls set', async () => {
    await open('?f=site%3Ab.example&f=sourcing%3Avague&sort=oldest');
    expect(chipLabels()).toEqual(['Remove filter Site: b.example', 'Remove filter Sourcing: vague source']);
    expect(snippets()).toEqual(['first passage', 'third passage <b>bold</b>', 'fourth passage']);
    expect(document.querySelector('#library-list b')).toBeNull();
    expect((document.getElementById('sort') as HTMLSelectElement).value).toBe('oldest');
    expect((document.querySelector('#filter option[value="site:b.example"]') as HTMLOptionElement).disabled).toBe(true);
    expect(document.getElementById('library-status')!.textContent).toBe('3 annotations from b.example, with vague source.');
  });

  it('adds and removes filters, and the address follows each change', async () => {
    const { addresses } = await open('');
    choose('filter', 'actor:Kim Jong Un');
    await vi.waitFor(() => expect(snippets()).toEqual(['fourth passage', 'first passage']));
    choose('filter', 'site:b.example');
    await vi.waitFor(() => expect(chipLabels()).toHaveLength(2));
    expect(addresses.at(-1)).toBe('?f=actor%3AKim+Jong+Un&f=site%3Ab.example');
    (document.querySelector('#chips .chip-remove') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(snippets()).toEqual(['fourth passage', 'third passage <b>bold</b>', 'first passage']));
    expect(addresses.at(-1)).toBe('?f=site%3Ab.example');
    // Focus stays in the chip row for the next removal.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove filter Site: b.example');
  });

  it('groups by site and page, and by actor with a passage under each actor it names', async () => {
    await open('?group=site');
    expect([...document.querySelectorAll('.group-heading')].map((h) => h.textContent)).toEqual(['a.example', 'b.example']);
    const b = document.querySelectorAll('.group')[1]!;
    expect([...b.querySelectorAll('.page-heading')].map((h) => h.textContent)).toEqual(['B one', 'B two']);
    expect([...b.querySelectorAll('.page-group')[0]!.querySelectorAll('.snippet')].map((q) => q.textContent)).toEqual(['fourth passage', 'first passage']);
    expect(b.querySelector<HTMLAnchorElement>('.page-heading a')!.href).toBe('https://www.b.example/one');

    document.body.innerHTML = BODY;
    await open('?group=actor');
    const groups = [...document.querySelectorAll('.group')].map((g) => [
      g.querySelector('.group-heading')!.textContent,
      [...g.querySelectorAll('.snippet')].map((q) => q.textContent),
    ]);
    expect(groups).toEqual([
      ['Jake Sullivan', ['second passage', 'first passage']],
      ['Kim Jong Un', ['fourth passage', 'first passage']],
      ['No actor named', ['third passage <b>bold</b>']],
    ]);
  });

  it('deletes every copy of a grouped passage, and Undo puts each back', async () => {
    await open('?group=actor');
    const first = () => [...document.querySelectorAll('.annotation')].filter((li) => li.querySelector('.snippet')!.textContent === 'first passage');
    expect(first()).toHaveLength(2);
    first()[0]!.querySelector<HTMLButtonElement>('.delete')!.click();
    await vi.waitFor(() => expect(first()).toHaveLength(0));
    document.querySelector<HTMLButtonElement>('#toast .undo')!.click();
    await vi.waitFor(() => expect(first()).toHaveLength(2));
    expect([...document.querySelectorAll('.group')][1]!.querySelectorAll('.snippet')[1]!.textContent).toBe('first passage');
  });

  it('says what to do when a combination matches nothing, and clears it in one step', async () => {
    const { addresses } = await open('?f=site%3Aa.example&f=actor%3AKim+Jong+Un');
    const empty = document.getElementById('library-empty')!;
    expect(empty.hidden).toBe(false);
    expect(empty.querySelector('.empty-title')!.textContent).toBe('No annotations from a.example, about Kim Jong Un.');
    empty.querySelector<HTMLButtonElement>('.clear-filters')!.click();
    await vi.waitFor(() => expect(snippets()).toHaveLength(4));
    expect(addresses.at(-1)).toBe('');
    expect(chipLabels()).toEqual([]);
  });

  it('explains a date range that ends before it starts', async () => {
    await open('?date=custom&from=2026-03-01&to=2026-02-01');
    expect(document.querySelector('#library-empty .empty-title')!.textContent).toBe('The date range starts after it ends; change the “From” or the “to” date.');
    expect((document.getElementById('date-range') as HTMLElement).hidden).toBe(false);
    expect((document.getElementById('date-from') as HTMLInputElement).value).toBe('2026-03-01');
  });
});

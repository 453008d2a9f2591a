import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, EXPORT_BY_MESSAGE_MAX } from '../../../src/background/handlers';
import { bulkImport } from '../../../src/store/bulk';
import { makeMany } from '../store/fixtures';
import { type AnnotationDraft, backgroundRequestReaders, type BackgroundProtocol, type PageReport } from '../../../src/messages';
import { createRouter, request, type Transport } from '../../../src/router';
import { openClaimlensDB } from '../../../src/store/db';

function memoryReports() {
  const reports = new Map<number, PageReport>();
  return { set: async (tabId: number, r: PageReport) => void reports.set(tabId, r), get: async (tabId: number) => reports.get(tabId) ?? null };
}

function draft(exact: string, start = 0): AnnotationDraft {
  return {
    exact,
    prefix: '',
    suffix: '',
    start,
    end: start + exact.length,
    pageUrl: 'https://www.ledger.example/world/a?utm_source=x',
    canonicalLink: null,
    title: 'Washington weighs new restrictions',
    note: '',
    tags: [],
    kind: 'manual',
    actors: ['Washington'],
    speaker: null,
    sourcing: null,
  };
}

// fakeBrowser's runtime.sendMessage sends an empty sender and ignores promise replies, so
// these tests hand messages to the router directly, as the real runtime would.
describe('background handlers behind the router', () => {
  let send: Transport;
  let badges: [number, number][];
  let clock: number;
  let tick: number;

  beforeEach(() => {
    fakeBrowser.reset();
    badges = [];
    clock = Date.parse('2026-11-23T10:00:00Z');
    tick = 1000;
    let ids = 0;
    const db = openClaimlensDB(new IDBFactory());
    const handlers = createHandlers({
      database: () => db,
      now: () => new Date((clock += tick)),
      newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
      setBadge: (tabId, claims) => badges.push([tabId, claims]),
      reports: memoryReports(),
    });
    const router = createRouter({ readers: backgroundRequestReaders, handlers, extensionId: fakeBrowser.runtime.id });
    send = async (message) => router(message, { id: fakeBrowser.runtime.id });
  });

  it('stores a saved draft as an annotation and lists it newest first, page by page', async () => {
    for (const [i, text] of ['first passage', 'second passage', 'third passage'].entries()) {
      const { annotation } = await request<BackgroundProtocol, 'annotation.save'>(send, 'annotation.save', { draft: draft(text, i * 20) });
      expect(annotation.target.source).toBe('https://www.ledger.example/world/a');
    }
    const first = await request<BackgroundProtocol, 'annotation.list'>(send, 'annotation.list', { limit: 2, before: null });
    expect(first.total).toBe(3);
    expect(first.items.map((a) => a.target.selector[0])).toMatchObject([{ exact: 'third passage' }, { exact: 'second passage' }]);
    const last = first.items[1]!;
    const second = await request<BackgroundProtocol, 'annotation.list'>(send, 'annotation.list', {
      limit: 2,
      before: { created: last.created, id: last.id },
    });
    expect(second.items.map((a) => a.target.selector[0])).toMatchObject([{ exact: 'first passage' }]);
  });

  it('keeps paging exact when two saves share a timestamp', async () => {
    tick = 0;
    await request<BackgroundProtocol, 'annotation.save'>(send, 'annotation.save', { draft: draft('one') });
    await request<BackgroundProtocol, 'annotation.save'>(send, 'annotation.save', { draft: draft('two') });
    const page1 = await request<BackgroundProtocol, 'annotation.list'>(send, 'annotation.list', { limit: 1, before: null });
    const page2 = await request<BackgroundProtocol, 'annotation.list'>(send, 'annotation.list', {
      limit: 1,
      before: { created: page1.items[0]!.created, id: page1.items[0]!.id },
    });
    expect(page1.items[0]!.created).toBe(page2.items[0]!.created);
    const seen = [...page1.items, ...page2.items].map((a) => a.id).sort();
    expect(seen).toHaveLength(2);
    expect(new Set(seen).size).toBe(2);
  });

  it('refuses to export in one message more than it can carry, and says where to go instead', async () => {
    const db = openClaimlensDB(new IDBFactory());
    const handlers = createHandlers({ database: () => db, now: () => new Date(), newId: () => 'x', setBadge: () => undefined, reports: memoryReports() });
    const router = createRouter({ readers: backgroundRequestReaders, handlers, extensionId: fakeBrowser.runtime.id });
    const sendTo = async (message: unknown) => router(message, { id: fakeBrowser.runtime.id });
    await bulkImport(await db, makeMany(EXPORT_BY_MESSAGE_MAX + 1));
    const refused = request<BackgroundProtocol, 'annotation.export'>(sendTo, 'annotation.export', { format: 'jsonld' });
    await expect(refused).rejects.toMatchObject({ code: 'too-large' });
    await expect(refused).rejects.toThrow(/5,001 annotations are too many to export from here; use Export in the library/);
  });

  it('exports every annotation as one W3C AnnotationCollection', async () => {
    await request<BackgroundProtocol, 'annotation.save'>(send, 'annotation.save', { draft: draft('kept passage') });
    const file = await request<BackgroundProtocol, 'annotation.export'>(send, 'annotation.export', { format: 'jsonld' });
    expect(file.mimeType).toBe('application/ld+json');
    expect(file.filename).toMatch(/^claimlens-2026-11-23\.jsonld$/);
    const collection = JSON.parse(file.content);
    expect(collection).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      total: 1,
      first: { type: 'AnnotationPage', items: [{ type: 'Annotation', target: { selector: [{ exact: 'kept passage' }, {}] } }] },
    });
  });

  it('refuses a malformed save and stores nothing', async () => {
    await expect(
      request<BackgroundProtocol, 'annotation.save'>(send, 'annotation.save', { draft: { ...draft('x'), end: 99 } }),
    ).rejects.toThrow('`payload.draft.end` does not match the length of the quoted text');
    const list = await request<BackgroundProtocol, 'annotation.list'>(send, 'annotation.list', { limit: 10, before: null });
    expect(list.total).toBe(0);
  });

  it('runs detection for the page', async () => {
    const found = await request<BackgroundProtocol, 'article.detect'>(send, 'article.detect', { text: 'Officials in Washington said so.' });
    expect(found.actors.map((m) => m.text)).toContain('Washington');
  });

  it("detects with the reader's claim cues", async () => {
    const handlers = createHandlers({
      database: () => openClaimlensDB(new IDBFactory()),
      now: () => new Date(),
      newId: () => 'x',
      setBadge: () => undefined,
      reports: memoryReports(),
      cues: async () => ({ added: [{ text: 'grumble', speaker: 'before' }], removed: [] }),
    });
    const found = await handlers['article.detect']({ text: 'Officials grumbled that the plan was late.' }, {});
    expect(found.claims.map((c) => c.cue)).toEqual(['grumbled']);
  });

  it('records the claims of a page for the actor ledger, never those of a private window, and never without a page', async () => {
    const recorded: string[] = [];
    const handlers = createHandlers({
      database: () => openClaimlensDB(new IDBFactory()),
      now: () => new Date(),
      newId: () => 'x',
      setBadge: () => undefined,
      reports: memoryReports(),
      recordSightings: (detections, page) => recorded.push(`${page.pageUrl} ${detections.claims.length}`),
    });
    const router = createRouter({ readers: backgroundRequestReaders, handlers, extensionId: fakeBrowser.runtime.id });
    const text = 'Jake Sullivan said Washington would keep working with allies.';
    const page = { pageUrl: 'https://ledger.example/a', canonicalLink: null, title: 'A' };
    const from = (incognito: boolean) => async (message: unknown) => router(message, { id: fakeBrowser.runtime.id, tab: { id: 1, incognito } });
    await request<BackgroundProtocol, 'article.detect'>(from(false), 'article.detect', { text, page });
    await request<BackgroundProtocol, 'article.detect'>(from(true), 'article.detect', { text, page });
    await request<BackgroundProtocol, 'article.detect'>(from(false), 'article.detect', { text });
    expect(recorded).toEqual(['https://ledger.example/a 1']);
    await expect(
      request<BackgroundProtocol, 'article.detect'>(from(false), 'article.detect', { text, page: { ...page, pageUrl: 'javascript:alert(1)' } }),
    ).rejects.toThrow('payload.page.pageUrl');
    expect(recorded).toHaveLength(1);
  });

  it('keeps each tab’s page report for the popup and shows its claim count on the badge', async () => {
    const handlers = createHandlers({
      database: () => openClaimlensDB(new IDBFactory()),
      now: () => new Date(),
      newId: () => 'x',
      setBadge: (t, c) => badges.push([t, c]),
      reports: memoryReports(),
    });
    const report: PageReport = {
      pageUrl: 'https://ledger.example/a',
      canonicalLink: 'https://ledger.example/original',
      scanning: true,
      articleFound: true,
      actors: 3,
      claims: { named: 2, vague: 1, unattributed: 1 },
      topActors: [{ name: 'Washington', type: 'place', count: 3 }],
      saved: 1,
      orphans: [],
    };
    await handlers['page.report'](report, { id: fakeBrowser.runtime.id, tab: { id: 7 } });
    await handlers['page.report']({ ...report, scanning: false }, { id: fakeBrowser.runtime.id, tab: { id: 8 } });
    expect(badges).toEqual([[7, 4], [8, 0]]);
    expect(await handlers['page.status']({ tabId: 7 }, { id: fakeBrowser.runtime.id })).toEqual({ report });
    expect(await handlers['page.status']({ tabId: 9 }, { id: fakeBrowser.runtime.id })).toEqual({ report: null });
  });

  it('returns the saved annotations of a page by its canonical address', async () => {
    await request<BackgroundProtocol, 'annotation.save'>(send, 'annotation.save', { draft: draft('kept passage') });
    const other = { ...draft('elsewhere'), pageUrl: 'https://other.example/b' };
    await request<BackgroundProtocol, 'annotation.save'>(send, 'annotation.save', { draft: other });
    const { annotations } = await request<BackgroundProtocol, 'annotation.forPage'>(send, 'annotation.forPage', {
      pageUrl: 'https://www.ledger.example/world/a?fbclid=zzz#top',
      canonicalLink: null,
    });
    expect(annotations.map((a) => a.target.selector[0])).toMatchObject([{ exact: 'kept passage' }]);
  });

  it('finds saved passages in today’s text of a page, and says which are gone', async () => {
    const today = 'Officials met on Monday. The minister said the talks would resume next week, after a pause. Nothing else changed.';
    const target = (exact: string, prefix: string, suffix: string, position: { start: number; end: number } | null) => ({
      quote: { exact, prefix, suffix },
      position,
    });
    const { anchors } = await request<BackgroundProtocol, 'annotation.anchor'>(send, 'annotation.anchor', {
      text: today,
      targets: [
        // Saved when the sentence said "resume soon" and sat 10 characters later: found by the fuzzy match.
        target('The minister said the talks would resume soon, after a pause.', 'met on Monday. ', ' Nothing else', { start: 35, end: 97 }),
        target('A paragraph the page no longer has about something else entirely.', '', '', null),
      ],
    });
    expect(anchors[0]).toMatchObject({ method: 'fuzzy' });
    expect(today.slice(anchors[0]!.start, anchors[0]!.end)).toMatch(/^The minister said the talks would resume next week, after a pause\.?$/);
    expect(anchors[1]).toBeNull();
  });

  it('refuses an anchoring request with an empty quote or a negative position, naming the field', async () => {
    const bad = (targets: unknown) => send({ claimlens: 1, type: 'annotation.anchor', payload: { text: 'x', targets } });
    await expect(bad([{ quote: { exact: '', prefix: '', suffix: '' }, position: null }])).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('payload.targets[0].quote.exact') },
    });
    await expect(bad([{ quote: { exact: 'x', prefix: '', suffix: '' }, position: { start: -1, end: 1 } }])).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('payload.targets[0].position.start') },
    });
  });

  it('edits a note and tags, deletes with undo, and answers queries by facet, words and counts', async () => {
    const save = (text: string, extra: Partial<AnnotationDraft> = {}) =>
      request<BackgroundProtocol, 'annotation.save'>(send, 'annotation.save', { draft: { ...draft(text), ...extra } });
    const { annotation: first } = await save('Washington is weighing new restrictions');
    await save('Officials cautioned that plans could change', { pageUrl: 'https://news.other.example/x', actors: ['Moscow'] });

    const { annotation: edited } = await request<BackgroundProtocol, 'annotation.update'>(send, 'annotation.update', {
      id: first.id,
      note: 'check against the State Department transcript',
      tags: ['sanctions'],
    });
    expect(edited.body).toEqual([
      { type: 'TextualBody', value: 'check against the State Department transcript', purpose: 'commenting' },
      { type: 'TextualBody', value: 'sanctions', purpose: 'tagging' },
    ]);

    const query = (payload: Partial<{ filter: { by: 'site' | 'actor' | 'tag'; value: string } | null; search: string }>) =>
      request<BackgroundProtocol, 'annotation.query'>(send, 'annotation.query', { filter: null, search: '', limit: 10, before: null, ...payload });
    const exact = (page: { items: { target: { selector: unknown[] } }[] }) =>
      page.items.map((a) => (a.target.selector[0] as { exact: string }).exact);
    expect(exact(await query({ filter: { by: 'site', value: 'news.other.example' } }))).toEqual(['Officials cautioned that plans could change']);
    expect(exact(await query({ filter: { by: 'tag', value: 'sanctions' } }))).toEqual(['Washington is weighing new restrictions']);
    expect(exact(await query({ search: 'transcript' }))).toEqual(['Washington is weighing new restrictions']);
    expect(exact(await query({ search: 'cautioned', filter: { by: 'actor', value: 'Moscow' } }))).toEqual(['Officials cautioned that plans could change']);
    const { counts } = await request<BackgroundProtocol, 'annotation.counts'>(send, 'annotation.counts', { by: 'site' });
    expect(counts).toEqual([
      { value: 'ledger.example', count: 1 },
      { value: 'news.other.example', count: 1 },
    ]);

    const { deleted } = await request<BackgroundProtocol, 'annotation.delete'>(send, 'annotation.delete', { id: first.id });
    expect(deleted?.id).toBe(first.id);
    expect((await query({})).items).toHaveLength(1);
    const { result } = await request<BackgroundProtocol, 'annotation.restore'>(send, 'annotation.restore', { annotation: deleted! });
    expect(result).toBe('restored');
    expect((await query({})).items.map((a) => a.id)).toContain(first.id);
  });

  it('answers an edit of a deleted annotation with a not-found error, and a malformed undo with the field at fault', async () => {
    await expect(
      request<BackgroundProtocol, 'annotation.update'>(send, 'annotation.update', { id: 'urn:uuid:gone', note: 'x' }),
    ).rejects.toThrow(/no longer exists/);
    const reply = await send({ claimlens: 1, type: 'annotation.restore', payload: { annotation: { type: 'Annotation' } } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect((reply as { error: { message: string } }).error.message).toMatch(/payload\.annotation/);
  });
});

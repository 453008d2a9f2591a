import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkImportFile, parseImport } from '../../../src/export/import';
import { exportJsonLd, streamJsonLd } from '../../../src/export/jsonld';
import { collect } from '../../../src/export/stream';
import { allAnnotations, countAnnotations } from '../../../src/store/annotations';
import { bulkImport, importFromText } from '../../../src/store/bulk';
import { freshDb, makeAnnotation, makeMany, snapshot } from '../store/fixtures';

const options = { id: 'urn:uuid:c0ffee00-0000-4000-8000-000000000000', label: 'Test export', generated: new Date('2026-11-23T12:00:00Z') };
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SPEC = resolve(REPO_ROOT, '../shared/w3c-annotation-model/spec-examples/correct');

/** A valid exported collection as a JS object, to be broken in one place per case. */
function exported(n = 3) {
  return JSON.parse(exportJsonLd(makeMany(n), options)) as {
    first: { items: Record<string, unknown>[] } & Record<string, unknown>;
  } & Record<string, unknown>;
}
function withItem(index: number, edit: (item: Record<string, any>) => void): string {
  const doc = exported();
  edit(doc.first.items[index] as Record<string, any>);
  return JSON.stringify(doc);
}
const valid = () => exportJsonLd(makeMany(3), options);
const MB10 = 'x'.repeat(10 * 1024 * 1024);

describe('round trip', () => {
  it('export → import into an empty store → export again gives the same records and the same file', async () => {
    const records = [
      ...makeMany(40),
      makeAnnotation({ i: 90, note: 'multi\nline note with "quotes" and <b>markup</b>', tags: ['a', 'b c'], actors: ['Łukasz', 'Zoë'] }),
      { ...makeAnnotation({ i: 91 }), claimlens: { ...makeAnnotation({ i: 91 }).claimlens, rawUrl: 'https://www.ledger.example/story/0?utm_source=x' } },
    ];
    const source = await freshDb();
    await bulkImport(source.db, records);
    const first = await collect(streamJsonLd(await allAnnotations(source.db), options));

    const target = await freshDb();
    const outcome = await importFromText(target.db, first);
    expect(outcome).toMatchObject({ ok: true, items: records.length, added: records.length, skippedDuplicates: 0 });
    const second = await collect(streamJsonLd(await allAnnotations(target.db), options));
    expect(second).toBe(first);
    expect(await allAnnotations(target.db)).toEqual(await allAnnotations(source.db));
  });

  it('importing the same file twice adds nothing the second time and counts the duplicates', async () => {
    const { db } = await freshDb();
    const text = valid();
    expect(await importFromText(db, text)).toMatchObject({ ok: true, added: 3 });
    const before = await snapshot(db);
    expect(await importFromText(db, text)).toMatchObject({ ok: true, added: 0, skippedDuplicates: 3 });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('other tools’ W3C annotations', () => {
  it('reads a bare annotation, a list, and a page; maps tags and notes; keeps the quote', () => {
    const foreign = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'https://hypothes.is/a/abc123',
      type: 'Annotation',
      created: '2024-03-01T10:00:00+01:00',
      body: [
        { type: 'TextualBody', value: 'Important claim', purpose: 'commenting' },
        { type: 'TextualBody', value: 'econ', purpose: 'tagging' },
        'http://example.org/image1',
      ],
      target: {
        source: 'https://www.news.example/article',
        selector: [
          { type: 'RangeSelector', startSelector: { type: 'XPathSelector', value: '/p[1]' } },
          { type: 'TextPositionSelector', start: 5, end: 20 },
          { type: 'TextQuoteSelector', exact: 'inflation rose', prefix: 'said ', suffix: ' sharply' },
        ],
      },
    };
    for (const text of [foreign, [foreign], { type: 'AnnotationPage', items: [foreign] }].map((v) => JSON.stringify(v))) {
      const result = parseImport(text, { now: new Date('2026-01-01T00:00:00Z') });
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.records).toEqual([
        {
          '@context': 'http://www.w3.org/ns/anno.jsonld',
          type: 'Annotation',
          id: 'https://hypothes.is/a/abc123',
          created: '2024-03-01T09:00:00.000Z',
          modified: '2024-03-01T09:00:00.000Z',
          motivation: 'commenting',
          body: [
            { type: 'TextualBody', value: 'Important claim', purpose: 'commenting' },
            { type: 'TextualBody', value: 'econ', purpose: 'tagging' },
          ],
          target: {
            source: 'https://www.news.example/article',
            title: '',
            selector: [
              { type: 'TextQuoteSelector', exact: 'inflation rose', prefix: 'said ', suffix: ' sharply' },
              { type: 'TextPositionSelector', start: 5, end: 20 },
            ],
          },
          claimlens: { kind: 'manual', actors: [], speaker: null, sourcing: null, site: 'news.example' },
        },
      ]);
      expect(result.report.notes).toEqual(['item 1: 1 body that is not text left out']);
    }
  });

  describe.skipIf(!existsSync(SPEC))(existsSync(SPEC) ? 'the W3C spec examples' : `the W3C spec examples — SKIPPED: ${SPEC} not found`, () => {
    it('imports the TextQuoteSelector examples, including one nested in refinedBy', () => {
      for (const name of ['anno23.json', 'anno29.json']) {
        const result = parseImport(readFileSync(resolve(SPEC, name), 'utf8'), { now: new Date('2026-01-01T00:00:00Z') });
        expect(result.ok, name).toBe(true);
      }
    });

    it('refuses the example collection as a whole (most items have no quoted text), or imports the quoted ones on request', () => {
      const text = readFileSync(resolve(SPEC, 'collection1.json'), 'utf8');
      const strict = parseImport(text);
      expect(strict.ok).toBe(false);
      if (!strict.ok) {
        expect(strict.error).toMatch(/^item 1: `target` is only an address/);
        expect(strict.error).toMatch(/no quoted text; you can import the others/);
      }
      const lenient = parseImport(text, { skipUnsupported: true, now: new Date('2026-01-01T00:00:00Z') });
      expect(lenient.ok).toBe(true);
      if (lenient.ok) {
        expect(lenient.records.map((r) => r.id)).toEqual(['http://example.org/anno23', 'http://example.org/anno29']);
        expect(lenient.report.skippedUnsupported).toBe(41);
      }
    });
  });
});

describe('file checks before reading', () => {
  it.each([
    [{ name: 'notes.jsonld', size: 1000, type: '' }, null],
    [{ name: 'notes.json', size: 1000, type: 'application/json' }, null],
    [{ name: 'export.csv', size: 1000, type: 'text/csv' }, /is not a JSON-LD file/],
    [{ name: 'photo.json', size: 1000, type: 'image/png' }, /is not a JSON-LD file/],
    [{ name: 'huge.jsonld', size: 300 * 1024 * 1024, type: '' }, /300 MB; Claimlens imports files up to 256 MB/],
    [{ name: 'empty.json', size: 0, type: '' }, /is empty/],
  ] as const)('%j → %s', (file, expected) => {
    const problem = checkImportFile(file);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

/**
 * Malformed and hostile files. Each must be refused with a message saying what is wrong and
 * where, and the store (holding records already) must be exactly as before.
 */
const hostile: [string, () => string, RegExp][] = [
  ['truncated JSON', () => valid().slice(0, 500), /not valid JSON \(it may be cut short\)/],
  ['empty file', () => '', /The file is empty/],
  ['only white space', () => '  \n ', /The file is empty/],
  ['not JSON at all (CSV)', () => 'id,created\n1,2', /not JSON/],
  ['a ZIP file', () => 'PK\u0003\u0004...', /not JSON/],
  ['HTML page', () => '<!doctype html><script>alert(1)</script>', /not JSON/],
  ['a bare string', () => '"hello"', /not JSON/],
  ['a number at the top', () => '[1, 2, 3]', /item 1: is not an annotation object/],
  ['an object of another kind', () => '{"type": "Person", "name": "x"}', /not a W3C annotation file/],
  ['collection whose first page is only an address', () => JSON.stringify({ type: 'AnnotationCollection', total: 5, first: 'http://x.example/p1' }), /pages are not in the file/],
  ['collection with more pages elsewhere', () => JSON.stringify({ ...exported(), first: { ...exported().first, next: 'http://x.example/p2' } }), /only the first page/],
  ['page without items', () => JSON.stringify({ type: 'AnnotationPage' }), /no `items` list/],
  ['missing target.source', () => withItem(1, (i) => delete i.target.source), /^item 2: `target\.source` is missing/],
  ['missing target', () => withItem(0, (i) => delete i.target), /^item 1: `target` is missing/],
  ['missing id', () => withItem(2, (i) => delete i.id), /^item 3: `id` is missing/],
  ['id that is not an IRI', () => withItem(0, (i) => (i.id = 'just words')), /`id` is not an absolute address/],
  ['wrong type', () => withItem(0, (i) => (i.type = 'Bookmark')), /`type` must be "Annotation"/],
  ['created not a date', () => withItem(0, (i) => (i.created = 'yesterday')), /`created` is not a date and time/],
  ['created a number', () => withItem(0, (i) => (i.created = 1700000000)), /`created` must be a date and time, not a number/],
  ['exact quote is a number', () => withItem(0, (i) => (i.target.selector[0].exact = 42)), /`target\.selector\[0\]\.exact` must be text, not a number/],
  ['exact quote empty', () => withItem(0, (i) => (i.target.selector[0].exact = '   ')), /`target\.selector\[0\]\.exact` is only white space/],
  ['no TextQuoteSelector', () => withItem(0, (i) => i.target.selector.shift()), /`target\.selector` has no TextQuoteSelector/],
  ['position end before start', () => withItem(0, (i) => (i.target.selector[1].end = -1)), /`target\.selector\[1\]\.end` must be between 0 and/],
  ['javascript: source', () => withItem(0, (i) => (i.target.source = 'javascript:alert(document.cookie)')), /`target\.source` must be an http or https address/],
  ['script tag as source', () => withItem(0, (i) => (i.target.source = '<script>alert(1)</script>')), /`target\.source` is not a valid address/],
  ['10 MB quote', () => withItem(0, (i) => (i.target.selector[0].exact = MB10)), /`target\.selector\[0\]\.exact` is longer than 20000 characters/],
  ['10 MB note', () => withItem(0, (i) => (i.body = [{ type: 'TextualBody', value: MB10, purpose: 'commenting' }])), /`body\[0\]\.value` is longer than 20000 characters/],
  ['10 MB id', () => withItem(0, (i) => (i.id = `urn:${MB10}`)), /`id` is longer than 2048 characters/],
  ['10 MB title', () => withItem(0, (i) => (i.target.title = MB10)), /`target\.title` is longer than 1000 characters/],
  ['prefix of 10 MB', () => withItem(0, (i) => (i.target.selector[0].prefix = MB10)), /`target\.selector\[0\]\.prefix` is longer than 200/],
  ['whole file over the size limit', () => 'x', /too large/],
  ['deep nesting', () => `${'['.repeat(100_000)}${']'.repeat(100_000)}`, /nests data more than 32 levels/],
  ['deep nesting inside an unknown key', () => withItem(0, (i) => (i.extra = JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`))), /nests data more than 32 levels/],
  ['__proto__ hiding the target', () => withItem(0, (i) => { i.target = JSON.parse(`{"__proto__": ${JSON.stringify(i.target)}}`); }), /`target\.source` is missing/],
  ['constructor.prototype pollution attempt plus a bad item', () => withItem(1, (i) => { i['constructor'] = { prototype: { polluted: true } }; i.type = 'x'; }), /item 2: `type` must be "Annotation"/],
  ['duplicate ids with different content', () => withItem(1, (i) => (i.id = exported().first.items[0]!.id)), /item 2: `id` is the same as item 1's, but the annotations differ/],
  ['unknown kind', () => withItem(0, (i) => (i.claimlens.kind = 'rumour')), /`claimlens\.kind` must be one of "actor", "claim", "manual"/],
  ['actors not a list', () => withItem(0, (i) => (i.claimlens.actors = 'Kim')), /`claimlens\.actors` must be a list, not a string/],
  ['too many tags', () => withItem(0, (i) => (i.body = Array.from({ length: 55 }, (_, k) => ({ type: 'TextualBody', value: `t${k}`, purpose: 'tagging' })))), /`body` has more than 50 tags/],
  ['body and bodyValue together', () => withItem(0, (i) => (i.bodyValue = 'x')), /`bodyValue` cannot be given together with `body`/],
  ['wrong @context', () => withItem(0, (i) => (i['@context'] = 'http://schema.org/')), /`@context` must include/],
  ['one bad item among many good ones (reported by number)', () => { const doc = exported(20); delete (doc.first.items[13] as any).target.source; return JSON.stringify(doc); }, /^item 14: `target\.source` is missing\. Nothing was imported/],
];

describe('malformed and hostile import files', () => {
  it('has at least 30 cases', () => expect(hostile.length).toBeGreaterThanOrEqual(30));

  it.each(hostile)('%s: refused with a clear message, store unchanged', async (_name, make, message) => {
    const { db } = await freshDb();
    await bulkImport(db, makeMany(5, 1000));
    const before = await snapshot(db);
    const text = make();
    const outcome = await importFromText(db, text, _name.startsWith('whole file') ? { maxChars: 0 } : {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toMatch(message);
      expect(outcome.error).toMatch(/Nothing was imported/);
      expect(outcome.error.length).toBeLessThan(600);
    }
    expect(await snapshot(db)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lists every refused item (up to 50) with its number, and counts the rest', () => {
    const doc = exported(80);
    for (const item of doc.first.items) delete (item as any).target.source;
    const result = parseImport(JSON.stringify(doc));
    expect(result.ok).toBe(false);
    expect(result.report.refused).toHaveLength(50);
    expect(result.report.refused[0]).toEqual({ item: 1, id: expect.stringMatching(/^urn:uuid:/), reason: '`target.source` is missing' });
    expect(result.report.refusedNotListed).toBe(30);
    if (!result.ok) expect(result.error).toMatch(/^item 1: `target\.source` is missing \(and 79 more items\)\. Nothing was imported\. Fix the file/);
  });

  it('refuses a file with more items than the limit before reading any of them', () => {
    const result = parseImport(valid(), { maxItems: 2 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/has 3 annotations; the limit is 2/);
  });
});

describe('hostile but valid content is kept as inert text', () => {
  it('stores script and img tags in notes and quotes verbatim, as text', async () => {
    const { db } = await freshDb();
    const text = withItem(0, (i) => {
      i.body = [{ type: 'TextualBody', value: '<img src=x onerror=alert(1)><script>alert(2)</script>', purpose: 'commenting' }];
      i.target.selector[0].exact = '<script>steal()</script>';
    });
    expect(await importFromText(db, text)).toMatchObject({ ok: true, added: 3 });
    const saved = (await allAnnotations(db)).find((a) => a.target.selector[0]!.type === 'TextQuoteSelector' && (a.target.selector[0] as { exact: string }).exact.startsWith('<script>'));
    expect(saved?.body[0]?.value).toBe('<img src=x onerror=alert(1)><script>alert(2)</script>');
  });

  it('ignores __proto__, constructor and unknown keys: nothing of them reaches a stored record or Object.prototype', async () => {
    const { db } = await freshDb();
    const text = withItem(0, (i) => {
      Object.assign(i, JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "extra": {"a": 1}}'));
      i.claimlens = JSON.parse(`{"__proto__": {"isAdmin": true}, ${JSON.stringify(i.claimlens).slice(1)}`);
    });
    expect(await importFromText(db, text)).toMatchObject({ ok: true, added: 3 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const stored of await db.getAll('annotations')) {
      const json = JSON.stringify(stored);
      expect(json).not.toMatch(/polluted|isAdmin|extra/);
      expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    }
    expect(await countAnnotations(db)).toBe(3);
  });
});

describe('nesting depth check', () => {
  it.each([
    ['[[1]]', 2, false],
    ['[[[1]]]', 2, true],
    ['{"a": "[[[[[[", "b": {"c": []}}', 3, false],
    ['{"a": "quote \\" [[[[[[", "b": [[[]]]}', 2, true],
    ['{"a": "ends in backslash \\\\", "b": [[]]}', 2, true],
    ['{"a": "ends in backslash \\\\", "b": [1]}', 2, false],
  ] as const)('%s deeper than %i: %s', async (text, limit, expected) => {
    const { exceedsDepth } = await import('../../../src/export/import');
    expect(exceedsDepth(text, limit)).toBe(expected);
  });
});

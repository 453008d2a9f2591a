import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src/annotation/record';
import { CSV_COLUMNS, csvRow, csvText, streamCsv } from '../../../src/export/csv';
import { exportJsonLd, streamJsonLd } from '../../../src/export/jsonld';
import { escapeMarkdown, streamMarkdown } from '../../../src/export/markdown';
import { collect } from '../../../src/export/stream';
import { makeAnnotation, makeMany } from '../store/fixtures';

const options = { id: 'urn:uuid:c0ffee00-0000-4000-8000-000000000000', label: 'Test export', generated: new Date('2026-11-23T12:00:00Z') };

/** Minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

describe('JSON-LD', () => {
  it('streams exactly the text of the one-shot export, in chunks, pausing between them', async () => {
    const records = makeMany(23);
    let pauses = 0;
    const chunks: string[] = [];
    for await (const chunk of streamJsonLd(records, { ...options, chunkRecords: 5, pause: async () => void pauses++ })) chunks.push(chunk);
    expect(chunks.join('')).toBe(exportJsonLd(records, options));
    expect(chunks.length).toBeGreaterThan(5);
    expect(pauses).toBe(4);
    expect(JSON.parse(chunks.join('')).total).toBe(23);
  });

  it('never puts more than one chunk of records in a chunk, and lets timers run between chunks by default', async () => {
    const records = makeMany(40);
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    let sawTimerMidway = false;
    let index = 0;
    for await (const chunk of streamJsonLd(records, { ...options, chunkRecords: 10 })) {
      expect((chunk.match(/"type": "Annotation"/g) ?? []).length).toBeLessThanOrEqual(10);
      if (index++ === 2) sawTimerMidway = timerRan;
    }
    expect(sawTimerMidway).toBe(true);
  });

  it('streams an empty collection as valid JSON', async () => {
    const text = await collect(streamJsonLd([], options));
    expect(text).toBe(exportJsonLd([], options));
    expect(JSON.parse(text).first.items).toEqual([]);
  });

  it('takes the store’s batches and async sources as well as arrays', async () => {
    const records = makeMany(7);
    async function* batches() {
      yield records.slice(0, 3);
      yield records.slice(3);
    }
    expect(await collect(streamJsonLd(batches(), options))).toBe(exportJsonLd(records, options));
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "no"', '"say ""no"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\ronly', '"cr\ronly"'],
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', `'\t=1`],
    ['\r=1', `"'\r=1"`],
    [' padded ', '" padded "'],
    ['', ''],
    ['mid=formula', 'mid=formula'],
  ])('cell %j is written as %j', (value, expected) => {
    expect(csvText(value)).toBe(expected);
  });

  it('writes a header, CRLF rows, and round-trips every text through an RFC 4180 reader', async () => {
    const hostile = makeAnnotation({ i: 1, exact: '=cmd|\' /C calc\'!A0', note: 'line one\r\nline "two", with comma', tags: ['-x', '@y'], title: '+title' });
    const text = await collect(streamCsv([hostile, makeAnnotation({ i: 2 })]));
    expect(text.startsWith('\uFEFFid,created,')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]![i]]));
    expect(row.quote).toBe("'=cmd|' /C calc'!A0");
    expect(row.note).toBe('line one\r\nline "two", with comma');
    expect(row.tags).toBe("'-x; @y");
    expect(row.title).toBe("'+title");
    expect(row.start).toBe('10');
    for (const cells of rows.slice(1)) for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(csvRow(hostile).endsWith('\r\n')).toBe(true);
  });

  it('can leave out the byte order mark', async () => {
    expect((await collect(streamCsv([], { bom: false })))).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('Markdown', () => {
  it('groups by site then page, links each snippet by a text fragment, and keeps hostile text as text', async () => {
    const records: Annotation[] = [
      makeAnnotation({ i: 1, site: 'b.example', path: 'p1', exact: 'Second passage', title: 'Page One' }),
      makeAnnotation({ i: 0, site: 'b.example', path: 'p1', exact: 'First passage', title: 'Page One' }),
      makeAnnotation({ i: 2, site: 'a.example', path: 'x', exact: '<img src=x onerror=alert(1)>', note: '# not a heading\n*still text*', title: '[Click](javascript:alert(1))' }),
    ];
    const text = await collect(streamMarkdown(records, { generated: new Date('2026-11-23T00:00:00Z') }));
    expect(text).toContain('3 annotations from 2 sites, exported 2026-11-23.');
    expect(text.indexOf('## a.example')).toBeLessThan(text.indexOf('## b.example'));
    expect(text.indexOf('First passage')).toBeLessThan(text.indexOf('Second passage'));
    expect(text).toContain('### [Page One](<https://www.b.example/p1>)');
    expect(text).toContain('(<https://www.b.example/p1#:~:text=Seoul%2C-,First%20passage,-%2C%20an%20aide>)');
    expect(text).toContain('> \\<img src=x onerror=alert(1)\\>');
    expect(text).toContain('\\# not a heading\n\\*still text\\*');
    expect(text).toContain('### [\\[Click\\](javascript:alert(1))](<https://www.a.example/x>)');
    expect(text).not.toMatch(/(^|[^\\])<img/);
  });

  it.each([
    ['1. not a list', '1\\. not a list'],
    ['- not a list', '\\- not a list'],
    ['> not a quote', '\\> not a quote'],
    ['a_b*c`d', 'a\\_b\\*c\\`d'],
    ['AT&amp;T', 'AT\\&amp;T'],
    ['U.S. officials', 'U.S. officials'],
    ['plain words, then\n  # a heading on a later line', 'plain words, then\n  \\# a heading on a later line'],
    ['a list\n12) on the second line', 'a list\n12\\) on the second line'],
    ['nothing to escape: 3.5% of 12 (say)', 'nothing to escape: 3.5% of 12 (say)'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

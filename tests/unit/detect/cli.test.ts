import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function run(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/detect.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  const lines = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, lines, stderr: r.stderr };
}

const paragraph =
  'Officials in Washington said on Monday that the United States would keep working with allies. ' +
  'Jake Sullivan stressed that Moscow had been warned about arms transfers to Pyongyang, and analysts noted that talks could resume. ';

describe('npm run detect (command line)', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'claimlens-detect-'));
    writeFileSync(file('story.txt'), 'Washington is weighing new restrictions on exports. The remarks were reported by TASS.');
    writeFileSync(
      file('article.html'),
      `<!doctype html><html><head><title>t</title><script>document.write("x")</script></head><body>
       <nav><a href="/">Home</a> <a href="/world">World news from Moscow</a></nav>
       <article><h1>Talks</h1>${`<p>${paragraph}</p>`.repeat(5)}</article>
       <footer>Leave a Comment</footer></body></html>`,
    );
    writeFileSync(file('front.html'), '<!doctype html><html><body><nav><a href="/a">Moscow</a> <a href="/b">Washington</a></nav><p>Short.</p></body></html>');
    writeFileSync(file('binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0xff]));
    writeFileSync(file('latin1.txt'), Buffer.from([0x4d, 0x6f, 0x73, 0x63, 0x6f, 0x77, 0xe9, 0xff]));
    writeFileSync(file('watch.json'), JSON.stringify([{ name: 'Lena Okafor', type: 'person', aliases: ['the envoy'] }, { op: 'remove', name: 'TASS' }]));
    writeFileSync(file('bad-watch.json'), '[{"name": "x", "type": "planet"}]');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON line per file and goes on after bad files', () => {
    const r = run([file('story.txt'), file('article.html'), file('front.html'), file('binary.txt'), file('latin1.txt'), file('missing.txt'), dir]);
    expect(r.status).toBe(0);
    expect(r.lines.map((l) => l.file)).toEqual([
      file('story.txt'), file('article.html'), file('front.html'), file('binary.txt'), file('latin1.txt'), file('missing.txt'), dir,
    ]);
    const [txt, html, front, binary, latin1, missing, directory] = r.lines as Record<string, any>[];
    // .txt: analysed as is, offsets into the file.
    expect(txt).toMatchObject({ articleFound: true });
    expect(txt!.actors[0]).toEqual({ start: 0, end: 10, text: 'Washington', type: 'place', canonical: 'Washington' });
    // Which sentences are claims is the trained model's business (tests/unit/detect/claims-model.test.ts);
    // here: the claims come with offsets into the file.
    const story = 'Washington is weighing new restrictions on exports. The remarks were reported by TASS.';
    expect(txt!.claims.length).toBeGreaterThan(0);
    for (const c of txt!.claims) {
      expect(story.slice(c.start, c.end)).toBe(c.text);
      expect(story.slice(c.cueStart, c.cueEnd)).toBe(c.cue);
    }
    // .html: the article text only, without navigation or footer.
    expect(html!.articleFound).toBe(true);
    expect(html!.text).toContain('Jake Sullivan stressed');
    expect(html!.text).not.toContain('Leave a Comment');
    expect(html!.text).not.toContain('World news');
    for (const a of html!.actors) expect(html!.text.slice(a.start, a.end)).toBe(a.text);
    expect(html!.claims.length).toBeGreaterThan(0);
    // A page without an article.
    expect(front).toEqual({ file: file('front.html'), articleFound: false, text: '', actors: [], claims: [] });
    // Unreadable files: an error line each.
    for (const bad of [binary, latin1, missing, directory]) {
      expect(Object.keys(bad!).sort()).toEqual(['error', 'file']);
      expect(typeof bad!.error).toBe('string');
    }
  });

  it('applies a --watchlist file', () => {
    const r = run(['--watchlist', file('watch.json'), file('story.txt')]);
    expect(r.status).toBe(0);
    const line = r.lines[0] as Record<string, any>;
    expect(line.actors.find((a: { text: string }) => a.text === 'TASS')).toBeDefined();
  });

  it.each([
    ['no files', []],
    ['an unknown option', ['--verbose', 'x.txt']],
    ['--watchlist without a file', ['--watchlist']],
    ['an unreadable watchlist', ['--watchlist', '/nonexistent/watch.json', 'x.txt']],
  ])('exits non-zero with a usage message for %s', (_name, args) => {
    const r = run(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: npm run -s detect/);
    expect(r.lines).toEqual([]);
  });

  it('says what is wrong with an invalid watchlist', () => {
    const r = run(['--watchlist', file('bad-watch.json'), file('story.txt')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/item 0\.type/);
  });
});

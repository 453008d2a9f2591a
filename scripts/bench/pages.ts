/**
 * The pages the bench visits: the shared corpus (`../shared/corpus` next to the repo, read
 * in place and served from memory; never copied) when it is there, and `tests/fixtures/*.html`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../lib/chromium';
import { corpusDir, hasCorpus, listCorpus } from '../scope/corpus';

export const FIXTURES_DIR = path.join(REPO_ROOT, 'tests/fixtures');
export { corpusDir, hasCorpus };

export interface BenchPage {
  id: string;
  kind: 'corpus' | 'fixture';
  /** Path the page is served at on 127.0.0.1. */
  servePath: string;
  /** The HTML to serve from memory (corpus pages); fixtures are served from their file. */
  html: () => string | null;
  expected: string | null;
  frontPage: boolean;
}

/**
 * Corpus pages are served at their original path (and query), so rules that look at the
 * address (a section front page lives at /news/) see what they would on the real site.
 */
export function servePathFor(url: string, id: string): string {
  try {
    // Some corpus rows follow the address with a note ("http://tech.qq.com/ (Tencent tech)").
    const u = new URL(url.trim().split(/\s/)[0]!);
    if (u.hostname.endsWith('.invalid')) throw new Error('no address');
    return u.pathname || '/';
  } catch {
    return `/corpus/${id}.html`;
  }
}

export function listBenchPages(): BenchPage[] {
  const pages: BenchPage[] = [];
  for (const page of listCorpus()) {
    pages.push({
      id: page.id,
      kind: 'corpus',
      servePath: servePathFor(page.url, page.id),
      html: () => readFileSync(page.htmlPath, 'utf8'),
      expected: page.expected,
      frontPage: page.frontPage,
    });
  }
  for (const file of readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.html')).sort()) {
    pages.push({
      id: `fixtures/${file.slice(0, -'.html'.length)}`,
      kind: 'fixture',
      servePath: `/${file}`,
      html: () => null,
      expected: null,
      // The fixture of story cards stands for a section front page.
      frontPage: file.startsWith('front-page'),
    });
  }
  return pages;
}

export function selectPages(pages: BenchPage[], options: { filter: string | null; limit: number | null }): BenchPage[] {
  const filtered = options.filter ? pages.filter((p) => p.id.includes(options.filter!)) : pages;
  return options.limit !== null ? filtered.slice(0, options.limit) : filtered;
}

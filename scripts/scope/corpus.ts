/**
 * The shared corpus of real news pages (`../shared/corpus`, next to the repo), read in place:
 * its pages belong to their publishers and are never copied into the repository.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
export const hasCorpus = existsSync(path.join(corpusDir, 'index.tsv'));

export interface CorpusPage {
  /** `source/page`, e.g. `readability/bbc-1`. */
  id: string;
  source: string;
  url: string;
  title: string;
  /** Section front pages, where no single article should be found. */
  frontPage: boolean;
  htmlPath: string;
  /** The true article body as plain text, when the corpus has it. */
  expected: string | null;
  /** The first words of the body (postlight pages, which have no full body text). */
  leadWords: string | null;
}

function indexRows(): Map<string, Record<string, string>> {
  const [head, ...lines] = readFileSync(path.join(corpusDir, 'index.tsv'), 'utf8').split('\n');
  const columns = (head ?? '').split('\t');
  const rows = new Map<string, Record<string, string>>();
  for (const line of lines) {
    if (!line.trim()) continue;
    const cells = line.split('\t');
    const row = Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
    rows.set(`${row.source}/${row.page}`, row);
  }
  return rows;
}

export function listCorpus(): CorpusPage[] {
  if (!hasCorpus) return [];
  const rows = indexRows();
  const pages: CorpusPage[] = [];
  for (const source of readdirSync(corpusDir, { withFileTypes: true })) {
    if (!source.isDirectory() || source.name === 'licences') continue;
    const dir = path.join(corpusDir, source.name);
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.html')) continue;
      const name = file.slice(0, -'.html'.length);
      const id = `${source.name}/${name}`;
      const row = rows.get(id);
      const expectedPath = path.join(dir, `${name}.expected.txt`);
      const leadPath = path.join(dir, `${name}.expected-lead.json`);
      const lead = existsSync(leadPath)
        ? (JSON.parse(readFileSync(leadPath, 'utf8')) as { url?: string; title?: string; content_first_words?: string })
        : null;
      pages.push({
        id,
        source: source.name,
        url: lead?.url ?? row?.url ?? `https://corpus.invalid/${id}`,
        title: lead?.title ?? row?.title ?? '',
        frontPage: row?.page_type === 'front-page',
        htmlPath: path.join(dir, file),
        expected: existsSync(expectedPath) ? readFileSync(expectedPath, 'utf8') : null,
        leadWords: lead?.content_first_words ?? null,
      });
    }
  }
  return pages;
}

/** A window with no scripts, styles or frames loaded: the page as its HTML says, nothing run. */
export function newWindow(url: string): Window {
  const safeUrl = /^https?:\/\/[^\s/]+/.test(url) ? url.split(/\s/)[0]! : 'https://corpus.invalid/';
  return new Window({
    url: safeUrl,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      navigator: { userAgent: 'claimlens-scope' },
    },
  });
}

export function parsePage(page: CorpusPage): { window: Window; document: Document } {
  const window = newWindow(page.url);
  const html = readFileSync(page.htmlPath, 'utf8');
  const document = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  return { window, document };
}

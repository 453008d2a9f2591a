/**
 * `npm run -s scope -- --show <page>`: our article text line by line against the true text,
 * to see what a page gets wrong. Lines marked `+` are mostly article, `x` mostly not; then
 * the true lines we missed.
 */
import { readArticle } from '../../src/page/article';
import { type CorpusPage, parsePage } from './corpus';
import { tokens } from './measure';

function share(line: string, vocabulary: Set<string>): number {
  const t = tokens(line);
  return t.length ? t.filter((x) => vocabulary.has(x)).length / t.length : 1;
}

export function showPage(page: CorpusPage): void {
  const { window, document } = parsePage(page);
  const article = readArticle(document);
  const expected = page.expected ?? page.leadWords ?? '';
  const truth = new Set(tokens(expected));
  const ours = article?.map.text ?? '';
  const found = new Set(tokens(ours));
  const root = article?.scope.root;
  console.log(`# ${page.id}  root: ${root ? `<${root.tagName.toLowerCase()} id="${root.id}" class="${root.getAttribute('class') ?? ''}">` : 'none'}`);
  console.log(`# headline: ${article?.scope.headline?.textContent?.trim() ?? 'none'}  | title: ${page.title}`);
  for (const line of ours.split('\n')) console.log(`${share(line, truth) >= 0.5 ? '+' : 'x'} ${line.slice(0, 160)}`);
  console.log('# missed:');
  for (const line of expected.split('\n')) if (line.trim() && share(line, found) < 0.5) console.log(`- ${line.slice(0, 160)}`);
  void window.happyDOM.close();
}

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readArticle } from '../../../src/page/article';
import { draftFromSelection } from '../../../src/page/selection';
import { selectorsFor, trimSpan } from '../../../src/page/selectors';

const PARAGRAPH =
  'Earlier, National Security Adviser Jake Sullivan noted progress in how Moscow and Pyongyang interact on defense matters. He stressed that Washington would keep working to persuade North Korea to abandon plans to provide weapons or other support to Russia.';

function page() {
  document.head.innerHTML = '<title>Restrictions</title><link rel="canonical" href="https://ledger.example/a">';
  document.body.innerHTML = `
    <header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
    <article><h1>Washington weighs restrictions</h1>
      <p>${PARAGRAPH}</p>
      <p>${PARAGRAPH.replace('Earlier', 'Later')}</p>
      <p>${PARAGRAPH.replace('Earlier', 'Meanwhile')}</p>
      <p>${PARAGRAPH.replace('Earlier', 'Today')}</p>
      <p>${PARAGRAPH.replace('Earlier', 'Yesterday')}</p>
      <p>${PARAGRAPH.replace('Earlier', 'Last week')}</p>
    </article>
    <footer><p>Bureaus in Washington and Moscow, with reporters in many other places around the world.</p></footer>`;
}

function select(node: Node, start: number, end: number, endNode: Node = node) {
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(endNode, end);
  const selection = window.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  return selection;
}

describe('selectors', () => {
  it('keeps 32 characters of context either side', () => {
    const text = 'a'.repeat(40) + 'QUOTE' + 'b'.repeat(40);
    const { quote, position } = selectorsFor(text, 40, 45);
    expect(quote).toEqual({ type: 'TextQuoteSelector', exact: 'QUOTE', prefix: 'a'.repeat(32), suffix: 'b'.repeat(32) });
    expect(position).toEqual({ type: 'TextPositionSelector', start: 40, end: 45 });
  });

  it('trims white space off a span', () => {
    expect(trimSpan('  ab  ', 0, 6)).toEqual({ start: 2, end: 4 });
    expect(trimSpan('   ', 0, 3)).toEqual({ start: 3, end: 3 });
  });
});

describe('draftFromSelection', () => {
  it('anchors a selection inside the article in the article text', () => {
    page();
    const article = readArticle(document)!;
    const p = document.querySelectorAll('article p')[0]!.firstChild!;
    const at = PARAGRAPH.indexOf('He stressed');
    const selection = select(p, at - 1, at + 'He stressed that Washington'.length);
    const result = draftFromSelection({ doc: document, article: article.map }, selection)!;
    expect(result.inArticle).toBe(true);
    const { draft } = result;
    expect(draft.exact).toBe('He stressed that Washington');
    expect(article.map.text.slice(draft.start, draft.end)).toBe(draft.exact);
    expect(draft.prefix).toBe(article.map.text.slice(draft.start - 32, draft.start));
    expect(draft.canonicalLink).toBe('https://ledger.example/a');
    expect(draft.title).toBe('Restrictions');
    expect(draft.kind).toBe('manual');
  });

  it('still anchors a selection outside the article, in the page text', () => {
    page();
    const article = readArticle(document)!;
    const footer = document.querySelector('footer p')!.firstChild!;
    const result = draftFromSelection({ doc: document, article: article.map }, select(footer, 0, 'Bureaus in Washington'.length))!;
    expect(result.inArticle).toBe(false);
    expect(result.draft.exact).toBe('Bureaus in Washington');
  });

  it('returns null for an empty or white-space-only selection', () => {
    page();
    const article = readArticle(document)!;
    const p = document.querySelector('article p')!.firstChild!;
    expect(draftFromSelection({ doc: document, article: article.map }, select(p, 5, 5))).toBeNull();
    expect(draftFromSelection({ doc: document, article: article.map }, null)).toBeNull();
  });
});

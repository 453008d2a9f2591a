import { describe, expect, it } from 'vitest';
import { anchorAll, anchorQuote, type AnchorTarget } from '../../../src/annotation/anchor';
import { selectorsFor } from '../../../src/page/selectors';

const ARTICLE = [
  'Washington is weighing new restrictions amid reports of intensified military technical cooperation between Russia and North Korea.',
  'Officials in Washington have signaled a cautious approach, emphasizing that any steps will be taken in concert with allied partners.',
  'Earlier, National Security Adviser Jake Sullivan noted progress in how Moscow and Pyongyang interact on defense matters.',
  'He stressed that Washington would keep working to persuade North Korea to abandon plans to provide weapons or other support to Russia.',
  'Officials cautioned that plans could change as diplomacy continues and as other regional actors weigh their options.',
].join('\n');

function saved(text: string, quote: string): AnchorTarget & { at: number } {
  const at = text.indexOf(quote);
  if (at < 0) throw new Error(`not in text: ${quote}`);
  const { quote: q, position } = selectorsFor(text, at, at + quote.length);
  return { quote: q, position, at };
}

const SENTENCE = 'He stressed that Washington would keep working to persuade North Korea';

describe('anchorQuote', () => {
  it('uses the saved position when the page is unchanged', () => {
    const target = saved(ARTICLE, SENTENCE);
    expect(anchorQuote(ARTICLE, target)).toEqual({ start: target.at, end: target.at + SENTENCE.length, score: 1, method: 'position' });
  });

  it('finds the exact quote after paragraphs were inserted above it', () => {
    const target = saved(ARTICLE, SENTENCE);
    const edited = `Breaking: a new paragraph was added at the top of the story.\n${ARTICLE}`;
    const anchor = anchorQuote(edited, target)!;
    expect(anchor.method).toBe('exact');
    expect(edited.slice(anchor.start, anchor.end)).toBe(SENTENCE);
  });

  it('follows a lightly edited quote with a fuzzy match', () => {
    const target = saved(ARTICLE, SENTENCE);
    const edited = ARTICLE.replace('would keep working', 'would continue working');
    const anchor = anchorQuote(edited, target)!;
    expect(anchor.method).toBe('fuzzy');
    expect(edited.slice(anchor.start, anchor.end)).toBe('He stressed that Washington would continue working to persuade North Korea');
    expect(anchor.score).toBeGreaterThan(0.75);
  });

  it('reports an orphan when the quoted sentence was rewritten', () => {
    const target = saved(ARTICLE, SENTENCE);
    const edited = ARTICLE.replace(SENTENCE, 'The adviser said the government intends to dissuade Pyongyang');
    expect(anchorQuote(edited, target)).toBeNull();
  });

  it('refuses to choose between an edited passage in place and an exact copy far away', () => {
    // A photo caption far below repeats the sentence word for word; the story's copy was edited.
    const filler = ' Unrelated reporting continues here at length.'.repeat(20);
    const text = `${ARTICLE}${filler}\nCaption: ${SENTENCE}.`;
    const target = saved(text, SENTENCE);
    const edited = text.replace('would keep working', 'would continue working');
    expect(edited.indexOf(SENTENCE)).toBeGreaterThan(target.at + 500);
    expect(anchorQuote(edited, target)).toBeNull();
    // Moved without an edited copy left behind, the exact copy is found.
    expect(anchorQuote(`${filler}${text}`, target)).toMatchObject({ method: 'exact' });
  });

  it('reports an orphan when the passage was deleted', () => {
    const target = saved(ARTICLE, 'Officials cautioned that plans could change as diplomacy continues');
    const edited = ARTICLE.split('\n').slice(0, 4).join('\n');
    expect(anchorQuote(edited, target)).toBeNull();
  });

  it('tells repeated short quotes apart by their context', () => {
    const text = 'Officials in Washington said yes. Later, Washington said no. Critics in Washington were unsure.';
    const target = saved(text, 'Washington said no');
    const moved = `Update. ${text}`;
    const anchor = anchorQuote(moved, { quote: target.quote })!;
    expect(anchor.start).toBe(moved.indexOf('Washington said no'));
  });

  it('refuses to guess between identical passages whose context no longer helps', () => {
    const target = { quote: { exact: 'Washington', prefix: 'zzzz ', suffix: ' qqqq' } };
    expect(anchorQuote('Washington and Washington and Washington', target)).toBeNull();
  });

  it('does not move a stock phrase to another copy once its own paragraph is gone', () => {
    const stock = 'Continue reading the main story';
    const text = [ARTICLE.split('\n')[0], stock, ARTICLE.split('\n')[2], ARTICLE.split('\n')[3], stock, ARTICLE.split('\n')[4]].join('\n');
    const target = saved(text, stock);
    // The first "Continue reading" line is deleted; the second one has other words around it.
    const edited = text.replace(`${stock}\n`, '');
    expect(edited.split(stock).length - 1).toBe(1);
    expect(anchorQuote(edited, target)).toBeNull();
  });

  it('refuses to choose between identical copies with the same context once the position moved', () => {
    const caption = 'In this photo dated Tuesday, the rocket is installed on a launch pad in Baikonur.';
    const text = `${caption}\n${ARTICLE}\n${caption}\n${ARTICLE}`;
    const target = saved(text, caption);
    const edited = `A new first paragraph pushes everything down the page.\n${text}`;
    expect(anchorQuote(edited, target)).toBeNull();
  });

  it('does not fuzzily match a short quote anywhere it nearly appears', () => {
    const target = saved(ARTICLE, 'Jake Sullivan');
    expect(anchorQuote(ARTICLE.replace('Jake Sullivan', 'Jack Sullivan'), target)).toBeNull();
  });

  it('does not read past either end of the text', () => {
    expect(anchorQuote('', { quote: { exact: 'x', prefix: '', suffix: '' } })).toBeNull();
    expect(anchorQuote('abc', { quote: { exact: 'abc', prefix: 'longer than the text', suffix: '' }, position: { start: 0, end: 3 } })).toMatchObject({ start: 0, end: 3 });
  });
});

describe('anchorAll', () => {
  it('anchors many passages against one text', () => {
    const items = [SENTENCE, 'Jake Sullivan noted progress', 'not on this page at all, no'].map((q) => ({ q }));
    const results = anchorAll(ARTICLE, items, ({ q }) => {
      const at = ARTICLE.indexOf(q);
      return at >= 0 ? { quote: selectorsFor(ARTICLE, at, at + q.length).quote } : { quote: { exact: q, prefix: '', suffix: '' } };
    });
    expect(results.map((r) => r.anchor && ARTICLE.slice(r.anchor.start, r.anchor.end))).toEqual([SENTENCE, 'Jake Sullivan noted progress', null]);
  });
});

/**
 * Inside the body only the story, and article finding that does not give up: the rules of
 * issue 13 on small happy-dom documents. Markup here is written for the tests (never page
 * text from the corpus).
 */
import { describe, expect, it } from 'vitest';
import { articleTextMap, readArticle, readArticleInSteps } from '../../../src/page/article';
import { STORY, parse } from './story-fixture';

const p = (i: number) => `<p>${STORY[i]}</p>`;

function page(body: string, head = ''): string {
  return `<!doctype html><html><head><title>River treaty talks to resume next week | The River Courier</title>${head}</head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main>${body}</main><footer><p>© 2026 The River Courier. Contact us, terms of use, privacy policy.</p></footer></body></html>`;
}

function text(html: string, url?: string): string {
  return readArticle(parse(html, url))?.map.text ?? '';
}

describe('inside the body, only the story', () => {
  const cases: [string, string, string][] = [
    ['a wire byline', '<p>By BYLINEWORD Doe, AP Political Writer</p>', 'BYLINEWORD'],
    ['a byline with a dateline and a time', '<div class="c-4f">By Jane BYLINEWORD - 11/18/19 11:04 PM EST</div>', 'BYLINEWORD'],
    ['an update time', '<p>Updated at 1:23 p.m. DATELINEWORD</p>', 'DATELINEWORD'],
    [
      'a photo with its caption and credit',
      '<figure><img src="/a.jpg" alt=""><figcaption>CAPTIONWORD Farmers inspect a dry channel on Monday. <span>Photo: Jane Doe/AP</span></figcaption></figure>',
      'CAPTIONWORD',
    ],
    ['a caption outside a figure, by its class', '<div class="img-wrap"><img src="/b.jpg" alt=""><span class="image-caption">CAPTIONWORD The upper basin in August</span></div>', 'CAPTIONWORD'],
    ['a credit line of its own', '<p>CREDITWORD Wong | Getty Images</p>', 'CREDITWORD'],
    ['a "Related" insert', '<p>Related: RELATEDWORD canal tolls to rise in spring</p>', 'RELATEDWORD'],
    ['a paragraph that is only a link to another story', '<p><a href="/other">LINKWORD Ferry strike enters its third week</a></p>', 'LINKWORD'],
    ['a newsletter box', '<div class="box-3f9"><p>NEWSLETTERWORD Get the morning briefing in your inbox. Sign up for our newsletter.</p></div>', 'NEWSLETTERWORD'],
    ['a social box', '<p>SOCIALWORD Follow the Courier on Twitter and Facebook.</p>', 'SOCIALWORD'],
    ['a pull quote by its class', '<div class="pullquote">PULLWORD A deal would mean little without money for repairs</div>', 'PULLWORD'],
  ];
  it.each(cases)('leaves out %s', (_name, insert, word) => {
    const html = page(`<article><h1>River treaty talks to resume next week</h1><div class="body-a8f">${p(0)}${p(1)}${insert}${p(2)}${p(3)}${p(4)}${p(5)}</div></article>`);
    const found = text(html);
    expect(found).toContain('winter floods');
    expect(found).toContain('upper basin');
    expect(found).not.toContain(word);
  });

  it('leaves out a pull quote that repeats the text, and keeps a quote that does not', () => {
    const repeated = 'both delegations had agreed on a timetable';
    const html = page(
      `<article><div class="body-a8f">${p(0)}${p(1)}<blockquote class="q-7">“${repeated}”</blockquote>${p(2)}<blockquote class="q-7">QUOTEWORD We will not sign a treaty that leaves the towns dry, the mayor wrote.</blockquote>${p(3)}${p(4)}${p(5)}</div></article>`,
    );
    const found = text(html);
    expect(found.split(repeated).length - 1).toBe(1);
    expect(found).toContain('QUOTEWORD');
  });

  it("keeps an embedded tweet's words and leaves out its chrome, with exact offsets", () => {
    const html = page(
      `<article><div class="body-a8f">${p(0)}${p(1)}<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">TWEETWORD the river is lower than I have ever seen it</p>— Jane Doe (@HANDLEWORD) <a href="https://twitter.example/x">November 18, 2026</a></blockquote></div>${p(2)}${p(3)}${p(4)}${p(5)}</div></article>`,
    );
    const doc = parse(html);
    const read = readArticle(doc)!;
    expect(read.map.text).toContain('TWEETWORD the river');
    expect(read.map.text).not.toContain('HANDLEWORD');
    expect(read.map.text).not.toContain('November 18, 2026');
    expect(articleTextMap(read.scope.root).text).toBe(read.map.text);
    for (const seg of read.map.segments) {
      const data = seg.node.data;
      if (!seg.nodeOffsets) expect(read.map.text.slice(seg.start, seg.end)).toBe(data.slice(0, seg.end - seg.start));
    }
  });

  it('keeps a paragraph that starts like a byline but is a sentence', () => {
    const sentence = 'By Tuesday, officials said, the river had risen by two metres and the barges were moving again.';
    const found = text(page(`<article><div class="body-a8f">${p(0)}<p>${sentence}</p>${p(1)}${p(2)}${p(3)}${p(4)}${p(5)}</div></article>`));
    expect(found).toContain(sentence);
  });
});

describe('article finding that does not give up', () => {
  // A page built by a script: no <article>, no <p>, generated class names; readers'
  // comments below hold more prose than the story and say nothing about what they are.
  const div = (cls: string) => (s: string, i: number) => `<div class="${cls}${i}"><div class="${cls}-t">${s}</div></div>`;
  const COMMENTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(
    (n) => `COMMENTWORD reader ${n} writes: I have lived by the water for forty years, and I still think the council has not told us the whole truth about the money, the repairs or the dredging contracts.`,
  );
  // The story sits deep in one branch; the comments, with more prose, in another.
  const wrap = (inner: string, depth: number, cls: string): string => (depth === 0 ? inner : `<div class="${cls}${depth}">${wrap(inner, depth - 1, cls)}</div>`);
  const shallow =
    `<div class="r-1k">${wrap(`<h1 class="r-h">River treaty talks to resume next week</h1><div class="r-2m">${STORY.map(div('s-9')).join('')}</div>`, 6, 'l-')}` +
    `<div class="r-7q"><div class="r-8w">${COMMENTS.map(div('c-3')).join('')}</div></div></div>`;
  const ld = (body: string) =>
    `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'River treaty talks to resume next week', articleBody: body })}</script>`;

  it('finds the story through the articleBody of its linked data, and only the story', () => {
    // Some sites put markup and entities in articleBody: it is matched as text.
    const found = text(page(shallow, ld(STORY.map((s) => `<p class="x">${s.replace(/’/g, '&rsquo;')}</p>`).join('\r\n'))));
    for (const s of STORY) expect(found).toContain(s);
    expect(found).not.toContain('COMMENTWORD');
    // Without the linked data the comments, the longest prose on the page, would win.
    expect(text(page(shallow))).toContain('COMMENTWORD');
  });

  it('finds a short news item on a page that says it is an article', () => {
    const html = page(`<article><h1>River treaty talks to resume next week</h1>${p(0)}${p(1)}</article>`, '<meta property="og:type" content="article">');
    expect(text(html)).toContain('both delegations');
    // Without the declaration, two paragraphs are a stub.
    expect(text(page(`<article><h1>River treaty talks to resume next week</h1>${p(0)}${p(1)}</article>`))).toBe('');
  });

  it('stays quiet on a front page even with linked data that names articles', () => {
    const card = (n: number) => `<article class="card"><h2><a href="/story-${n}">Headline ${n} on the harbour vote</a></h2><p>${STORY[n % STORY.length]}</p></article>`;
    const html = page(`<h1>Today</h1>${[0, 1, 2, 3, 4, 5].map(card).join('')}`, '<meta property="og:type" content="website">');
    expect(readArticle(parse(html, 'https://news.example/'))).toBeNull();
  });
});

describe('readArticleInSteps: the same article, read in chunks', () => {
  const html = page(`<article><h1>River treaty talks to resume next week</h1><div class="body-a8f">${STORY.map((_, i) => p(i)).join('')}</div></article>`);

  it('pauses between steps when the budget is spent, and finds what readArticle finds', async () => {
    let pauses = 0;
    let chunks = 0;
    let clock = 0;
    const found = await readArticleInSteps(parse(html), {
      pause: async () => {
        pauses++;
      },
      // Every look at the clock finds a millisecond gone: each step spends the budget.
      now: () => clock++,
      budgetMs: 1,
      measure: (work) => {
        chunks++;
        return work();
      },
    });
    expect(found?.map.text).toBe(readArticle(parse(html))?.map.text);
    expect(pauses).toBeGreaterThanOrEqual(2);
    expect(chunks).toBe(pauses + 1);
  });

  it('runs in one chunk when the page is read within the budget', async () => {
    let pauses = 0;
    const found = await readArticleInSteps(parse(html), { pause: async () => void pauses++, now: () => 0, budgetMs: 10 });
    expect(found?.map.text).toContain('winter floods');
    expect(pauses).toBe(0);
  });
});

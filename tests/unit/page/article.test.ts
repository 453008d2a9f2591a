import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OWN_UI_ATTRIBUTE, articleTextMap, findArticle, isNotArticleText, readArticle } from '../../../src/page/article';
import { buildTextMap } from '../../../src/page/text-map';
import { STORY, parse } from './story-fixture';

const MARKERS = ['Geneva', 'Okafor, who chairs', 'previous round ended', 'upper basin', 'shipping association', 'winter floods'];
const paragraphs = (list = STORY) => list.map((p) => `<p>${p}</p>`).join('\n');

const CHROME = {
  nav: '<header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a> NAVWORD</nav></header>',
  cookie: '<div class="cookie-banner" role="dialog"><p>COOKIEWORD We use cookies to improve your experience on our site. Accept all cookies or manage your choices in settings.</p><button>Accept</button></div>',
  share: '<div class="share-tools"><a href="https://social.example/share">Share SHAREWORD on social media</a></div>',
  teasers:
    '<div class="post-navigation"><a href="/a"><span>Previous Article</span> TEASERWORD Dmitri Volkov resigns as mayor after a long dispute over the budget</a>' +
    '<a href="/b"><span>Next Article</span> Priya Raman wins the regional election by a narrow margin</a></div>',
  related:
    '<aside class="related"><h3>Related</h3><ul><li><a href="/r1">RELATEDWORD Ferry strike enters its third week</a></li><li><a href="/r2">Canal tolls to rise in spring</a></li><li><a href="/r3">Port workers vote on new contract</a></li></ul></aside>',
  comments:
    '<section id="comments" class="comments"><h2>3 Comments</h2><div class="comment"><p>COMMENTWORD I have lived by the river for forty years and have never seen it this low, something must be done soon.</p></div>' +
    '<form class="comment-form"><label>Name <input name="n"></label><textarea name="c">Write your reply here</textarea><button>Post comment</button></form></section>',
  newsletter: '<div class="newsletter-signup"><p>NEWSLETTERWORD Get the morning briefing in your inbox every weekday, free of charge, with the stories that matter.</p><input type="email"></div>',
  footer: '<footer><p>FOOTERWORD © 2026 The River Courier. All rights reserved. Contact us, terms of use, privacy policy.</p></footer>',
};
const CHROME_MARKERS = ['NAVWORD', 'COOKIEWORD', 'SHAREWORD', 'TEASERWORD', 'Dmitri Volkov', 'RELATEDWORD', 'COMMENTWORD', 'Write your reply', 'NEWSLETTERWORD', 'FOOTERWORD'];

function newsPage(bodyInside: string, extraHead = ''): string {
  return `<!doctype html><html><head><title>River treaty talks to resume next week | The River Courier</title>
<meta property="og:title" content="River treaty talks to resume next week">${extraHead}</head><body>
${CHROME.nav}${CHROME.cookie}
<main>${bodyInside}</main>
${CHROME.footer}</body></html>`;
}

const fullArticle = newsPage(`<article>
  <h1>River treaty talks to resume next week</h1>
  <p class="byline">By BYLINEWORD Lena Fischer · 23 November 2026</p>
  ${CHROME.share}
  <div class="article-body">${paragraphs()}</div>
  ${CHROME.newsletter}
</article>
${CHROME.teasers}${CHROME.related}${CHROME.comments}`);

function articleText(html: string, url?: string): string | null {
  return readArticle(parse(html, url))?.map.text ?? null;
}

describe('findArticle on article pages', () => {
  const layouts: [string, string][] = [
    ['an <article> with header, byline, share bar, teasers, related links, comments and footer', fullArticle],
    ['paragraphs in plain <div>s with no semantic markup', newsPage(`<div class="wrap"><div class="col">${paragraphs()}</div><div class="col2">${CHROME.related}</div></div>${CHROME.comments}`)],
    [
      'a story split into two same-class sections around an advert',
      newsPage(
        `<div class="story"><div class="story-body">${paragraphs(STORY.slice(0, 3))}</div>` +
          `<div class="ad-slot"><p>ADWORD Advertisement: the new electric van, book a test drive at your local dealer today.</p></div>` +
          `<div class="story-body">${paragraphs(STORY.slice(3))}</div></div>${CHROME.teasers}`,
      ),
    ],
    ['a page whose <body> class names a sidebar layout', newsPage(`<div class="layout-two-col-sidebar-right"><div class="region">${paragraphs()}</div></div>`).replace('<body>', '<body class="page no-sidebars layout-sidebar-right">')],
    ['a page wrapped whole in a <form> (server-side web forms)', newsPage(`<form id="aspnetForm" action="/"><div class="content">${paragraphs()}</div>${CHROME.comments}</form>`)],
    ['paragraphs written as text separated by <br> in a <div>', newsPage(`<div class="text">${STORY.join('<br><br>')}</div>${CHROME.related}`)],
  ];

  it.each(layouts)('finds the story in %s', (_name, html) => {
    const text = articleText(html);
    expect(text).not.toBeNull();
    for (const marker of MARKERS) expect(text).toContain(marker);
  });

  it.each(layouts)('leaves out the chrome of %s', (_name, html) => {
    const text = articleText(html)!;
    for (const marker of [...CHROME_MARKERS, 'ADWORD', 'BYLINEWORD']) expect(text).not.toContain(marker);
  });

  it('finds the headline that matches og:title, outside the body block', () => {
    const doc = parse(fullArticle);
    const scope = findArticle(doc)!;
    expect(scope.headline?.tagName).toBe('H1');
    expect(scope.headline?.textContent).toBe('River treaty talks to resume next week');
    // The headline is reported apart from the body text.
    expect(readArticle(doc)!.map.text).not.toContain('River treaty talks to resume');
  });

  it('prefers the heading that says what the title says over a logo in an <h1>', () => {
    const html = newsPage(`<h1 class="logo">The River Courier</h1><article><h2>River treaty talks to resume next week</h2><div>${paragraphs()}</div></article>`);
    expect(findArticle(parse(html))!.headline?.textContent).toBe('River treaty talks to resume next week');
  });

  it('gives the text the content script reads: articleTextMap(scope.root)', () => {
    const doc = parse(fullArticle);
    const read = readArticle(doc)!;
    expect(articleTextMap(read.scope.root).text).toBe(read.map.text);
    // A second pass over the same page finds the same block.
    expect(findArticle(doc)!.root).toBe(read.scope.root);
  });
});

describe('findArticle stays quiet where there is no single article', () => {
  const card = (n: number, name: string) =>
    `<article class="card"><h2><a href="/story-${n}">${name} says the council will vote on the new harbour plan</a></h2><p>${STORY[n % STORY.length]}</p></article>`;
  const quiet: [string, string, string?][] = [
    ['a front page of teaser cards', newsPage(`<h1>Today</h1>${[0, 1, 2, 3, 4, 5].map((n) => card(n, `Person ${n}`)).join('')}`)],
    [
      'a section page of linked headlines with summaries',
      newsPage(
        `<section class="latest">${[0, 1, 2, 3, 4].map((n) => `<div class="item"><h3><a href="/s${n}">Headline number ${n} about the river</a></h3><p>${STORY[n]}</p></div>`).join('')}</section>`,
      ),
    ],
    ['a page with no prose (a search form and a link list)', newsPage(`<form role="search"><input name="q"><button>Search</button></form><ul>${'<li><a href="/x">Topic</a></li>'.repeat(30)}</ul>`)],
    ['a stub with one short paragraph', newsPage(`<article><h1>Live: river levels</h1><p>${STORY[0]}</p></article>`)],
    ['a page that declares itself a collection in linked data', newsPage(`<div>${paragraphs()}</div>`, '<script type="application/ld+json">{"@context":"https://schema.org","@type":"CollectionPage","name":"World"}</script>')],
    ['a site-level og:type on a section address', newsPage(`<div>${paragraphs()}</div>`, '<meta property="og:type" content="website">'), 'https://news.example/news/'],
    ['an empty document', '<html><body></body></html>'],
  ];

  it.each(quiet)('returns null for %s', (_name, html, url) => {
    const doc = parse(html, url);
    expect(findArticle(doc)).toBeNull();
    expect(readArticle(doc)).toBeNull();
  });

  it('still finds an article whose og:type is website at a long article address', () => {
    const html = newsPage(`<div>${paragraphs()}</div>`, '<meta property="og:type" content="website">');
    expect(articleText(html, 'https://news.example/columnists/2026112312345-river-talks')).toContain('winter floods');
  });
});

describe('text that is never article text', () => {
  const inside: [string, string][] = [
    ['form fields', '<p>Before <input value="INPUTWORD"> <textarea>TEXTAREAWORD</textarea> <select><option>OPTIONWORD</option></select> after.</p>'],
    ['editable regions', '<div contenteditable="true">EDITABLEWORD draft</div><div contenteditable="">EDITABLE2WORD</div>'],
    ['code and preformatted blocks', '<p>Run <code>CODEWORD()</code> now.</p><pre>PREWORD block</pre>'],
    ['scripts, styles and templates', '<script>var SCRIPTWORD = 1;</script><style>.STYLEWORD{}</style><template>TEMPLATEWORD</template><noscript>NOSCRIPTWORD</noscript>'],
    ['our own UI', `<div ${OWN_UI_ATTRIBUTE}="">OWNUIWORD Save</div>`],
    ['hidden elements', '<div hidden>HIDDENWORD</div><div aria-hidden="true">ARIAWORD</div><div style="display: none">DISPLAYWORD</div>'],
    ['SVG labels', '<svg><text>SVGWORD</text></svg>'],
  ];

  it.each(inside)('leaves out %s inside the article', (_name, markup) => {
    const html = newsPage(`<article><h1>River treaty talks to resume next week</h1><div class="body">${paragraphs(STORY.slice(0, 3))}${markup}${paragraphs(STORY.slice(3))}</div></article>`);
    const text = articleText(html)!;
    expect(text).toContain('winter floods');
    expect(text).not.toMatch(/[A-Z0-9]+WORD/);
  });

  it.each([
    ['<nav>', '<nav></nav>', true],
    ['role=navigation', '<div role="navigation"></div>', true],
    ['a cookie consent banner', '<div class="cookie-consent"></div>', true],
    ['a comments block', '<div id="comments"></div>', true],
    ['a plain paragraph', '<p></p>', false],
    ['a story body', '<div class="article-body story-content"></div>', false],
    ['a header inside the article', '<article><header></header></article>', false],
  ])('isNotArticleText: %s → %s', (_name, markup, expected) => {
    const doc = parse(`<html><body><div>${markup}</div></body></html>`);
    const el = doc.body.firstElementChild!.firstElementChild!;
    const target = el.tagName === 'ARTICLE' ? el.firstElementChild! : el;
    expect(isNotArticleText(target)).toBe(expected);
  });
});

describe('the repository fixtures', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const fixture = (name: string) => readFileSync(path.resolve(here, '../../fixtures', name), 'utf8');

  it.each(['dprk-deterrence.html', 'russia-dprk-restrictions.html'])('%s: the article without header, teasers, comments or footer', (name) => {
    const doc = parse(fixture(name), `https://ledger.example/world/${name.replace('.html', '')}`);
    const read = readArticle(doc)!;
    expect(read).not.toBeNull();
    expect(read.scope.headline?.tagName).toBe('H1');
    const text = read.map.text;
    expect(text.split(/\s+/).length).toBeGreaterThan(120);
    // What the fixtures put around the story, in their own words.
    const chrome = doc.querySelectorAll('header, nav, footer, .post-navigation, .comments, aside, form');
    expect(chrome.length).toBeGreaterThan(0);
    for (const el of chrome) {
      const words = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (words.length > 12) expect(text).not.toContain(words.slice(0, 40));
    }
  });

  it('front-page.html: no article', () => {
    expect(findArticle(parse(fixture('front-page.html'), 'https://ledger.example/'))).toBeNull();
  });
});

/**
 * Finds the article on a page: its body element and headline, and the rule for what inside
 * the body is not article text (navigation, teasers, comments, forms, our own UI...).
 * Works on any Document, so the content script and the Node command line share it.
 */
import { type TextMap, buildTextMap } from './text-map';

export interface ArticleScope {
  root: Element;
  headline: Element | null;
}

/** Elements that are never article text, wherever they sit. */
const NEVER_TEXT = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS',
  'VIDEO', 'AUDIO', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'OPTION', 'LABEL', 'CODE', 'PRE', 'KBD',
  'SAMP', 'NAV', 'ASIDE', 'FOOTER', 'FORM', 'DIALOG', 'MENU',
]);

/** Class or id words that mark page furniture rather than the story. */
const CHROME_WORDS =
  /(^|[-_\s])(comments?|comment-form|respond|share|sharing|social|related|recommended|more-stories|read-more|newsletter|subscribe|promo|advert|ads?|sponsored|sidebar|breadcrumbs?|pagination|pager|prev-next|next-article|previous-article|post-navigation|tags|author-bio|cookie|consent|banner|popup|modal|toolbar|outbrain|taboola)([-_\s]|$)/i;

const CHROME_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'banner', 'search', 'dialog', 'alert', 'menu', 'menubar']);

/** Marks every element Claimlens puts in a page, so it is never read or painted. */
export const OWN_UI_ATTRIBUTE = 'data-claimlens-ui';

export function isNotArticleText(element: Element): boolean {
  const tag = element.tagName.toUpperCase();
  if (NEVER_TEXT.has(tag)) return true;
  if (element.hasAttribute(OWN_UI_ATTRIBUTE) || element.hasAttribute('hidden')) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  const role = element.getAttribute('role');
  if (role && CHROME_ROLES.has(role)) return true;
  if (tag === 'HEADER' && element.parentElement && !/^(ARTICLE|MAIN)$/i.test(element.parentElement.tagName)) return true;
  const style = element.getAttribute('style');
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  const marker = `${element.id} ${element.getAttribute('class') ?? ''}`;
  return CHROME_WORDS.test(marker);
}

const MIN_ARTICLE_WORDS = 120;
const MIN_PARAGRAPH_CHARS = 40;

interface Candidate {
  element: Element;
  score: number;
}

function paragraphText(p: Element): string {
  return (p.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function linkTextLength(element: Element): number {
  let n = 0;
  for (const a of element.querySelectorAll('a')) n += (a.textContent ?? '').trim().length;
  return n;
}

function insideChrome(element: Element, stop: Element | null): boolean {
  for (let el: Element | null = element; el && el !== stop; el = el.parentElement) {
    if (isNotArticleText(el)) return true;
  }
  return false;
}

/**
 * Scores blocks by the paragraph text they hold (links discounted), the way reader modes do:
 * each paragraph credits its parent fully and its grandparent by half.
 */
function bestParagraphContainer(doc: Document): Candidate | null {
  const scores = new Map<Element, number>();
  for (const p of doc.querySelectorAll('p, pre')) {
    if (insideChrome(p, null)) continue;
    const text = paragraphText(p);
    if (text.length < MIN_PARAGRAPH_CHARS) continue;
    const linkShare = linkTextLength(p) / text.length;
    if (linkShare > 0.5) continue;
    const score = text.length * (1 - linkShare);
    const parent = p.parentElement;
    if (!parent) continue;
    scores.set(parent, (scores.get(parent) ?? 0) + score);
    const grand = parent.parentElement;
    if (grand && grand !== doc.body) scores.set(grand, (scores.get(grand) ?? 0) + score / 2);
  }
  let best: Candidate | null = null;
  for (const [element, score] of scores) if (!best || score > best.score) best = { element, score };
  return best;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function findHeadline(doc: Document, root: Element): Element | null {
  const inside = root.querySelector('h1');
  if (inside) return inside;
  const h1s = [...doc.querySelectorAll('h1')].filter((h) => !insideChrome(h, null));
  // The headline sits before the body in document order.
  return h1s.find((h) => (h.compareDocumentPosition(root) & 4) !== 0) ?? h1s[0] ?? null;
}

/**
 * The article on the page, or null when there is none (a front page, a search page, an app).
 * Explicit markup (`itemprop=articleBody`, a single <article>) is trusted when it holds
 * enough prose; otherwise the block with the most paragraph text wins.
 */
export function findArticle(doc: Document): ArticleScope | null {
  const body = doc.body;
  if (!body) return null;
  const candidates: Element[] = [];
  const marked = doc.querySelector('[itemprop="articleBody"]');
  if (marked) candidates.push(marked);
  const articles = [...doc.querySelectorAll('article')].filter((a) => !insideChrome(a, null));
  // Many <article> elements side by side are teaser cards on a front page, not one story.
  const substantial = articles.filter((a) => wordCount(a.textContent ?? '') >= MIN_ARTICLE_WORDS);
  if (substantial.length === 1) candidates.push(substantial[0]!);
  const best = bestParagraphContainer(doc);
  if (best) candidates.push(best.element);

  for (const root of candidates) {
    const map = buildTextMap(root, isNotArticleText);
    if (wordCount(map.text) >= MIN_ARTICLE_WORDS) return { root, headline: findHeadline(doc, root) };
  }
  return null;
}

/** The article text with its DOM map, or null when the page has no article. */
export function readArticle(doc: Document): { scope: ArticleScope; map: TextMap } | null {
  const scope = findArticle(doc);
  if (!scope) return null;
  return { scope, map: buildTextMap(scope.root, isNotArticleText) };
}

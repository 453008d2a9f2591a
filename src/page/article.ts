/**
 * Finds the article on a page: its body element and headline, and the rule for what inside
 * the body is not article text (navigation, teasers, comments, forms, our own UI...).
 * Works on any Document, so the content script and the Node command line share it.
 *
 * The approach is the reader-mode one (score blocks by the prose they hold, links
 * discounted, then keep the best block and its prose-bearing siblings and drop the furniture
 * inside it), done in one read-only pass over the live DOM. Running Readability.js itself
 * would mean cloning and rewriting the whole page and mapping its output back: over ten
 * times slower on every page a reader opens, for no better text (`npm run -s scope`
 * measures both on the shared corpus).
 *
 * What is left out is recorded per document (never by touching the page) and applied by
 * `isNotArticleText` (and `isNotArticleTextIn` for an embedded tweet's chrome), so
 * `articleTextMap(scope.root)` reads the same text wherever it is called. Inside the body,
 * captions, credits, bylines, inserts and promotions are left out too (`story-lines.ts`).
 * When the scoring finds nothing, the page's linked data (`articleBody`), its
 * `[itemprop=articleBody]` or its longest run of paragraphs is tried before staying quiet. Front pages stay quiet: a block of story cards is not an article,
 * and neither is a page that says it is a listing (linked data, or og:type "website" on a
 * section address).
 */
import { endsWithAny, MAX_LINE_CHARS, notStoryLine } from './story-lines';
import { type TextMap, buildTextMap } from './text-map';

export interface ArticleScope {
  root: Element;
  headline: Element | null;
}

/** Elements that are never article text, wherever they sit. */
const NEVER_TEXT = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS',
  'VIDEO', 'AUDIO', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'OPTION', 'LABEL', 'CODE', 'PRE', 'KBD',
  'SAMP', 'NAV', 'ASIDE', 'FOOTER', 'FORM', 'DIALOG', 'MENU', 'LINK', 'META', 'HEAD', 'TITLE',
]);

/**
 * Class or id words that mark page furniture and are never the story's own text. Applied to
 * every element below the article root; the wider rule that decides what else to drop needs
 * the page's context and is worked out by `findArticle`.
 */
const CHROME_WORDS =
  /(^|[-_\s])(comments?|comment-form|respond|share|sharing|social|related|recommended|more-stories|read-more|newsletter|subscribe|promo|advert|advertisement|ads?|sponsored|sidebar|breadcrumbs?|pagination|pager|prev-next|next-article|previous-article|post-navigation|author-bio|cookie|cookies|consent|gdpr|popup|modal|toolbar|outbrain|taboola)([-_\s]|$)/;

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/;
/** A <header> inside these is the story's own (its headline and standfirst), not the site's. */
const HEADER_HOMES = new Set(['ARTICLE', 'MAIN']);

const CHROME_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'banner', 'search', 'dialog', 'alertdialog', 'menu', 'menubar', 'toolbar', 'tablist']);

/** Marks every element Claimlens puts in a page, so it is never read or painted. */
export const OWN_UI_ATTRIBUTE = 'data-claimlens-ui';

/** What `findArticle` decided about each document: what to leave out (teasers, bylines...)
 * and the wrappers between the article root and its prose, which are kept whatever their
 * class names say (a layout div named "two-col-sidebar" can hold the whole story). */
interface Decision {
  dropped: WeakSet<Element>;
  wrappers: WeakSet<Element>;
  elementsOnly: WeakSet<Element>;
  anyElementsOnly: boolean;
}
const decided = new WeakMap<Document, Decision>();

/**
 * The element's id and class, lower-cased, for the class-name patterns below. They are
 * case-sensitive patterns on lower-cased text rather than /i ones: the content script meets
 * every pattern cold, and V8 compiles a case-insensitive one several times more slowly.
 */
function classAndId(element: Element): string {
  if (!element.hasAttributes()) return '';
  const cls = element.getAttribute('class');
  return (cls ? `${element.id} ${cls}` : element.id).toLowerCase();
}

/** The rule that holds on any page: tags, roles and attributes that are never article text. */
function isNeverText(element: Element, tag: string): boolean {
  if (NEVER_TEXT.has(tag)) return true;
  // Most elements carry no attributes at all: one call instead of six.
  if (!element.hasAttributes()) return false;
  if (element.hasAttribute(OWN_UI_ATTRIBUTE) || element.hasAttribute('hidden')) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  const role = element.getAttribute('role');
  if (role && CHROME_ROLES.has(role)) return true;
  const style = element.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style.toLowerCase());
}

/** The article text of `root` as `readArticle` reads it (after `readArticle` ran on its document). */
export function articleTextMap(root: Element): TextMap {
  const decision = decided.get(root.ownerDocument);
  if (!decision) return buildTextMap(root, isNotArticleText);
  // The document's decision looked up once, not once per element.
  const skip = (element: Element) => notArticleText(element, decision);
  return buildTextMap(root, skip, decision.anyElementsOnly ? (parent) => decision.elementsOnly.has(parent) : undefined);
}

/**
 * Text nodes sitting directly in an element whose own text is chrome: an embedded tweet's
 * "— Name (@handle) date" around the tweet's paragraph, which is kept.
 */
export function isNotArticleTextIn(parent: Element): boolean {
  return decided.get(parent.ownerDocument)?.elementsOnly.has(parent) ?? false;
}

export function isNotArticleText(element: Element): boolean {
  return notArticleText(element, decided.get(element.ownerDocument));
}

function notArticleText(element: Element, decision: Decision | undefined): boolean {
  if (decision?.wrappers.has(element)) return false;
  const tag = element.tagName.toUpperCase();
  if (isNeverText(element, tag)) return true;
  if (decision?.dropped.has(element)) return true;
  if (tag === 'HEADER' && element.parentElement && !HEADER_HOMES.has(element.parentElement.tagName.toUpperCase())) return true;
  return CHROME_WORDS.test(classAndId(element));
}

// ---------------------------------------------------------------------------------------
// Scoring

/** Blocks that cannot hold the article: their class or id says they are furniture. */
const UNLIKELY =
  /-ad-|ad-slot|adslot|banner|breadcrumb|combx|comment|community|cookie|consent|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|masthead|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|pagination|pager|popup|newsletter|promo|recirc|most-popular|trending|outbrain|taboola/;
/** ...unless it also says it is the content. */
const MAYBE_CONTENT = /and|article|body|column|content|main|shadow|story/;
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story/;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|recirc|teaser|byline|author|dateline/;
const PLAYER = /video|player|playback|audio|podcast|embed/;
const BYLINE = /byline|author|dateline|writtenby|p-author/;

/** Tags whose start and end break a line: text inside them is not part of the parent's inline run. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL',
  'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
/** Where the article body and its wrappers may be: the elements that earn a score. */
const CONTAINERS = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN', 'TD', 'BLOCKQUOTE', 'BODY', 'SPAN', 'FONT', 'CENTER', 'FIGURE', 'LI', 'UL', 'OL', 'DL', 'DD', 'FORM', 'TABLE', 'TBODY', 'TR', 'HEADER', 'ASIDE', 'ADDRESS', 'PRE']);

/** Blocks whose own text can be a paragraph of the story (not captions, list items, headings). */
const PARAGRAPHS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'TD', 'BLOCKQUOTE', 'CENTER', 'FONT']);
/** A run of prose shorter than this is not a paragraph (captions, labels, datelines). */
const MIN_PARAGRAPH_CHARS = 25;
/** Below this much prose, what we found is not an article (a stub, a gallery, an app). */
const MIN_ARTICLE_SIZE = 120;
/** ...unless the page says it is an article (a short news item is still the page's story). */
const MIN_DECLARED_ARTICLE_SIZE = 60;

interface Stats {
  /** Characters of text below the element (white space runs count once). */
  chars: number;
  /** ...of which inside links. */
  linkChars: number;
  /** Characters in the element's own inline run (not inside a nested block). */
  inline: number;
  inlineLink: number;
  commas: number;
  inlineCommas: number;
  /** Characters of paragraph text (not links) below the element. */
  prose: number;
}

interface Pass {
  stats: Map<Element, Stats>;
  scores: Map<Element, number>;
  /** Elements below which nothing was scored: never text, or furniture by class or id. */
  unlikely: Set<Element>;
  /** Whether furniture by class or id was left out (the first try; the second keeps it). */
  stripUnlikely: boolean;
  /** The element scored (the body, or the part of it that can hold the story). */
  region: Element;
}

/** White space that collapses differently from how it is stored: tabs, line breaks, two spaces. */
const COLLAPSIBLE = /[\t\n\r\f]| {2}/;
const COMMAS = /[,\uff0c\u3001\u060c]/g;

function visibleLength(data: string): number {
  // Count characters with each white space run as one. Most text nodes have single spaces
  // only: a native test instead of a loop over every character of the page.
  if (!COLLAPSIBLE.test(data)) return data.charCodeAt(0) === 32 ? data.length - 1 : data.length;
  let n = 0;
  let space = true;
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 12) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return n;
}

function countCommas(data: string): number {
  return data.match(COMMAS)?.length ?? 0;
}

function tagWeight(tag: string): number {
  switch (tag) {
    case 'DIV': case 'ARTICLE': case 'MAIN': case 'SECTION':
      return 5;
    case 'PRE': case 'TD': case 'BLOCKQUOTE':
      return 3;
    case 'ADDRESS': case 'OL': case 'UL': case 'DL': case 'DD': case 'DT': case 'LI': case 'FORM':
      return -3;
    default:
      return 0;
  }
}

/** +25 when the class or id says content, -25 when it says furniture (once each, not per attribute). */
function classWeight(element: Element, marker = classAndId(element)): number {
  let weight = 0;
  if (marker) {
    if (NEGATIVE.test(marker)) weight -= 25;
    if (POSITIVE.test(marker)) weight += 25;
  }
  if (element.getAttribute('itemprop') === 'articleBody') weight += 25;
  return weight;
}

function isUnlikely(element: Element, tag: string): boolean {
  if (tag === 'BODY' || tag === 'ARTICLE' || tag === 'MAIN' || tag === 'A') return false;
  const marker = classAndId(element);
  if (!marker || !UNLIKELY.test(marker) || MAYBE_CONTENT.test(marker)) return false;
  return true;
}

/** Credits a paragraph's score to `start` and its ancestors, less the further up. */
function credit(pass: Pass, start: Element | null, chars: number, commas: number) {
  const score = 1 + commas + Math.min(3, Math.floor(chars / 100));
  let level = 0;
  for (let el = start; el && level < 5; el = el.parentElement, level++) {
    const tag = el.tagName.toUpperCase();
    if (tag === 'HTML' || el === pass.region.parentElement) break;
    let current = pass.scores.get(el);
    if (current === undefined) current = tagWeight(tag) + classWeight(el);
    const share = level === 0 ? 1 : level === 1 ? 2 : level * 3;
    pass.scores.set(el, current + score / share);
  }
}

/**
 * One read-only walk over the page: text and link lengths of every block, and each
 * paragraph's score credited to its ancestors (parent fully, grandparent by half, and so on).
 */
function scorePage(body: Element, stripUnlikely: boolean, region: Element = body): Pass {
  const pass: Pass = { stats: new Map(), scores: new Map(), unlikely: new Set(), stripUnlikely, region };
  const visit = (element: Element, tag: string, inLink: boolean): Stats => {
    const s: Stats = { chars: 0, linkChars: 0, inline: 0, inlineLink: 0, commas: 0, inlineCommas: 0, prose: 0 };
    const link = inLink || tag === 'A';
    let hasBlockChild = false;
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const data = (child as Text).data;
        const n = visibleLength(data);
        if (n === 0) continue;
        const c = countCommas(data);
        s.chars += n;
        s.inline += n;
        s.commas += c;
        s.inlineCommas += c;
        if (link) {
          s.linkChars += n;
          s.inlineLink += n;
        }
      } else if (child.nodeType === 1) {
        const el = child as Element;
        const tag = el.tagName.toUpperCase();
        if ((tag !== 'FORM' && isNeverText(el, tag)) || (pass.stripUnlikely && isUnlikely(el, tag))) {
          pass.unlikely.add(el);
          continue;
        }
        const cs = visit(el, tag, link);
        s.chars += cs.chars;
        s.linkChars += cs.linkChars;
        s.commas += cs.commas;
        s.prose += cs.prose;
        if (BLOCKS.has(tag) || tag === 'BR') {
          hasBlockChild ||= tag !== 'BR';
        } else {
          s.inline += cs.inline;
          s.inlineLink += cs.inlineLink;
          s.inlineCommas += cs.inlineCommas;
        }
      }
    }
    if (BLOCKS.has(tag) || tag === 'BODY') pass.stats.set(element, s);
    // A block's own run of text is a paragraph when it is long enough and mostly not links.
    if (s.inline >= MIN_PARAGRAPH_CHARS && s.inlineLink / s.inline < 0.5 && PARAGRAPHS.has(tag)) {
      const paragraphLike = tag === 'P' || !hasBlockChild;
      s.prose += s.inline - s.inlineLink;
      credit(pass, paragraphLike ? element.parentElement : element, s.inline - s.inlineLink, s.inlineCommas);
    }
    return s;
  };
  pass.stats.set(region, visit(region, region.tagName.toUpperCase(), false));
  return pass;
}

function linkDensity(pass: Pass, element: Element): number {
  const s = pass.stats.get(element);
  return s && s.chars > 0 ? s.linkChars / s.chars : 0;
}

function finalScore(pass: Pass, element: Element): number {
  const score = pass.scores.get(element);
  return score === undefined ? 0 : score * (1 - linkDensity(pass, element));
}

function contains(a: Element, b: Element): boolean {
  return a === b || a.contains(b);
}

/** The block holding the article: the best-scored one, widened the way reader modes do. */
interface Ranked {
  element: Element;
  score: number;
}

/**
 * The part of the page that can hold the story, found with native calls rather than a walk
 * of every element: the deepest element holding 80 % of the text in the page's <p>s, two
 * levels up (so the story's siblings and wrappers are scored too). Null when the page has
 * too few paragraphs to tell; then the whole body is scored.
 */
function storyRegion(body: Element): Element | null {
  const paragraphs = body.getElementsByTagName('p');
  if (paragraphs.length < 3) return null;
  const held = new Map<Element, number>();
  let total = 0;
  let counted = 0;
  for (const p of paragraphs) {
    const n = p.textContent?.length ?? 0;
    if (n < 80) continue;
    total += n;
    counted++;
    for (let el = p.parentElement, depth = 0; el && el !== body && depth < 16; el = el.parentElement, depth++) held.set(el, (held.get(el) ?? 0) + n);
  }
  if (counted < 3 || total < 1500) return null;
  let best: Element | null = null;
  for (const [el, n] of held) if (n >= total * 0.8 && (!best || best.contains(el))) best = el;
  if (!best) return null;
  for (let up = 0; up < 2 && best.parentElement && best.parentElement !== body; up++) best = best.parentElement;
  return best;
}

function rank(pass: Pass): Ranked[] {
  return [...pass.scores.keys()]
    .filter((el) => CONTAINERS.has(el.tagName.toUpperCase()))
    .map((element) => ({ element, score: finalScore(pass, element) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score);
}

function topCandidate(pass: Pass, body: Element, ranked: Ranked[]): Element | null {
  const first = ranked[0];
  if (!first) return null;
  let top = first.element;
  const topScore = first.score;

  // Several near-equal candidates under one ancestor: the story is split into blocks.
  const rivals = ranked.slice(1, 5).filter((c) => c.score >= topScore * 0.75).map((c) => c.element);
  if (rivals.length >= 3) {
    for (let parent = top.parentElement; parent && parent !== body; parent = parent.parentElement) {
      if (rivals.filter((r) => contains(parent, r)).length >= 3) {
        top = parent;
        break;
      }
    }
  }

  // A wrapper scored higher than the block itself holds more of the story.
  let last = finalScore(pass, top);
  const floor = last / 3;
  for (let parent = top.parentElement; parent && parent !== body; parent = parent.parentElement) {
    if (!pass.scores.has(parent)) continue;
    const score = finalScore(pass, parent);
    if (score < floor) break;
    if (score > last) {
      top = parent;
      break;
    }
    last = score;
  }
  // An only child says nothing its parent does not.
  while (top.parentElement && top.parentElement !== body && top.parentElement.children.length === 1) top = top.parentElement;
  return top;
}

function textLength(pass: Pass, element: Element): number {
  return pass.stats.get(element)?.chars ?? visibleLength(element.textContent ?? '');
}

function endsSentence(element: Element): boolean {
  return endsWithAny(element.textContent ?? '', '.!?。！？"”»)');
}

/**
 * The top block's siblings that carry the story too (a lead paragraph set apart, a second
 * half after an embedded ad). Returns the ones to keep, the top block included.
 */
function storySiblings(pass: Pass, top: Element): Element[] {
  const parent = top.parentElement;
  if (!parent || parent.tagName.toUpperCase() === 'BODY') return [top];
  const topScore = finalScore(pass, top);
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.getAttribute('class') ?? '';
  const keep: Element[] = [];
  for (const sibling of parent.children) {
    if (sibling === top) {
      keep.push(sibling);
      continue;
    }
    const tag = sibling.tagName.toUpperCase();
    if (pass.unlikely.has(sibling) || isNotArticleText(sibling)) continue;
    let score = finalScore(pass, sibling);
    if (topClass && sibling.getAttribute('class') === topClass) score += topScore * 0.2;
    if (score >= threshold) {
      keep.push(sibling);
    } else if (tag === 'P') {
      const length = textLength(pass, sibling);
      const density = linkDensity(pass, sibling);
      if ((length > 80 && density < 0.25) || (length > 0 && length <= 80 && density === 0 && endsSentence(sibling))) keep.push(sibling);
    }
  }
  if (keep.length > 1) {
    // Between paragraphs kept one by one, a captioned photo belongs to the story too.
    return [...parent.children].filter((el) => keep.includes(el) || isCaptionedPhoto(pass, el));
  }
  return cousins(pass, top) ?? keep;
}

/** A picture with its caption: an image, a short caption, no links, no player. */
function isCaptionedPhoto(pass: Pass, element: Element): boolean {
  const tag = element.tagName.toUpperCase();
  if (tag !== 'FIGURE' && tag !== 'DIV') return false;
  if (!element.querySelector('img, picture') || element.querySelector('iframe, video, a[href] img')) return false;
  const length = textLength(pass, element);
  return length > 0 && length < 400 && linkDensity(pass, element) < 0.2 && !PLAYER.test(classAndId(element));
}

/**
 * A story split into sections with the same class, each wrapping part of the text between
 * ads or embeds: the top block's parent and its same-class siblings that carry prose too.
 */
function cousins(pass: Pass, top: Element): Element[] | null {
  let level = 0;
  for (let el: Element | null = top; el?.parentElement && level < 4; el = el.parentElement, level++) {
    const parent = el.parentElement;
    const cls = el.getAttribute('class');
    if (parent.tagName.toUpperCase() === 'BODY') return null;
    if (!cls) continue;
    const same = [...parent.children].filter(
      (sibling) =>
        sibling === el ||
        (sibling.getAttribute('class') === cls && (pass.stats.get(sibling)?.prose ?? 0) >= 80 && linkDensity(pass, sibling) < 0.3),
    );
    if (same.length > 1) return same;
  }
  return null;
}

function count(element: Element, selector: string): number {
  return element.querySelectorAll(selector).length;
}

/**
 * Inside the article block, what a reader would not call the story: furniture the class
 * names own up to, link lists, blocks of images or form fields, bylines and datelines.
 */
function furnitureInside(pass: Pass, root: Element, headline: Element | null, elementsOnly: Element[], wrappers: Element[]): Element[] {
  const out: Element[] = [];
  const rootProse = pass.stats.get(root)?.prose ?? 0;
  // One look for tweets, not one per element: most stories embed none.
  const anyTweet = root.querySelector(TWEET_SELECTOR) !== null;
  const visit = (element: Element) => {
    for (const child of element.children) {
      const tag = child.tagName.toUpperCase();
      const tweet = tag === 'BLOCKQUOTE' || !anyTweet ? null : embeddedTweet(child);
      if (tweet) {
        // A social-media box around an embedded tweet: the tweet may be part of the story.
        for (let el: Element | null = tweet.parentElement; el && el !== element; el = el.parentElement) wrappers.push(el);
        wrappers.push(child);
        for (let el: Element | null = tweet; el && el !== child; el = el.parentElement) {
          for (const sibling of el.parentElement!.children) if (sibling !== el) out.push(sibling);
        }
        keepTweet(tweet);
        continue;
      }
      if (pass.unlikely.has(child) || isNeverText(child, tag)) {
        out.push(child);
        continue;
      }
      // The class and id, read once for every rule below.
      const marker = classAndId(child);
      if (child === headline || (/^H[12]$/.test(tag) && classWeight(child, marker) < 0)) {
        out.push(child);
        continue;
      }
      if (isFurniture(pass, child, tag, rootProse, marker) || isNotStory(pass, child, tag, rootProse, marker)) {
        out.push(child);
        continue;
      }
      if (tag === 'BLOCKQUOTE' && TWEET.test(`${child.id} ${child.getAttribute('class') ?? ''}`)) {
        keepTweet(child);
        continue;
      }
      visit(child);
    }
  };
  // The tweet's words may be part of the story; its chrome (name, handle, date) is not.
  const keepTweet = (tweet: Element) => {
    elementsOnly.push(tweet);
    for (const part of tweet.children) if (part.tagName.toUpperCase() !== 'P') out.push(part);
  };
  visit(root);
  return out;
}

/** An embedded tweet as the only content of a small box (the box's class may say "social"). */
function embeddedTweet(element: Element): Element | null {
  if (element.childElementCount === 0 || element.querySelector('article, section') !== null) return null;
  const tweet = element.querySelector(TWEET_SELECTOR);
  if (!tweet || insideNeverText(tweet)) return null;
  const outside = (element.textContent ?? '').length - (tweet.textContent ?? '').length;
  return outside < 200 ? tweet : null;
}

const TWEET = /(^|\s)twitter-tweet(\s|$)/;
const TWEET_SELECTOR = 'blockquote.twitter-tweet';
/** Embeds whose text is all chrome around a picture or a clip (the post's caption is not this story's text). */
const SOCIAL_EMBED = /(^|[\s_-])(instagram-media|tiktok-embed|fb-post|fb-video|twitter-video|reddit-card|embedly-card)([\s_-]|$)/;
/** Captions, credits and pull quotes say so in their class names. */
const CAPTION_CLASS = /caption|credit|copyright|pull-?quote|pull_quote|quote--pull|blockquote--pull/;

/**
 * A caption, a credit, a byline, an insert or a promotion inside the body (see
 * `story-lines.ts`): photo and video captions, the lines a short block holds whole, and
 * paragraphs that are nothing but a link to another story.
 */
function isNotStory(pass: Pass, element: Element, tag: string, rootProse: number, marker: string): boolean {
  const stats = pass.stats.get(element);
  if ((stats?.prose ?? 0) > rootProse * 0.4) return false;
  if (tag === 'FIGCAPTION') return true;
  // A figure is a picture, a clip or a chart with its caption; a quote set as a figure holds a blockquote.
  if (tag === 'FIGURE' && !element.querySelector('blockquote')) return true;
  if (marker && (SOCIAL_EMBED.test(marker) || (CAPTION_CLASS.test(marker) && (stats?.chars ?? 0) <= 600))) return true;
  if (!stats || stats.chars === 0 || stats.chars > MAX_LINE_CHARS) return false;
  const text = element.textContent ?? '';
  // A linked heading is a teaser's headline, which `isTeaserList` must still see.
  if (stats.chars <= 160 && stats.linkChars >= stats.chars * 0.9 && !/^H[1-6]$/.test(tag) && !endsWithAny(text, '.!?"”')) return true;
  return notStoryLine(text) !== null;
}

/** Blocks that may be furniture as a whole (link lists, image strips, forms). */
const FURNITURE_TAGS = new Set(['DIV', 'SECTION', 'HEADER', 'UL', 'OL', 'TABLE', 'FORM', 'FIELDSET', 'ASIDE', 'FIGURE', 'DL']);

function isFurniture(pass: Pass, element: Element, tag: string, rootProse: number, marker: string): boolean {
  // A block holding much of the story is the story, whatever its class says.
  if ((pass.stats.get(element)?.prose ?? 0) > rootProse * 0.4) return false;
  // A byline or dateline block, not a name linked inside a sentence.
  if (marker && BYLINE.test(marker) && textLength(pass, element) < 200 && !MAYBE_CONTENT.test(marker) && !element.closest('p')) return true;
  if (!FURNITURE_TAGS.has(tag)) return false;
  // Read only now: most elements (links, emphasis) stop at the tag test.
  const length = textLength(pass, element);
  const stats = pass.stats.get(element);
  // A wrapper around a paragraph of prose (some sites wrap each paragraph in a "media" block).
  if (stats && stats.chars >= 80 && stats.prose >= stats.chars * 0.5 && tag !== 'FORM') return false;
  const weight = classWeight(element, marker);
  // A photo's class says "media" by nature, and its caption describes this story's picture;
  // a player's caption is a label for something the text map cannot show.
  const photo =
    tag === 'FIGURE' &&
    !PLAYER.test(marker) &&
    !element.querySelector('video, audio, iframe, object, embed, [class*="player"], [class*="video"]');
  if (!photo && weight + (pass.scores.get(element) ?? 0) < 0) return true;
  if (stats && stats.commas >= 10) return false;
  const density = linkDensity(pass, element);
  const isList = tag === 'UL' || tag === 'OL';
  const paragraphs = count(element, 'p');
  const images = count(element, 'img');
  const items = count(element, 'li');
  const inputs = count(element, 'input, select, textarea');
  const headings = count(element, 'h1, h2, h3, h4, h5, h6');
  if (tag !== 'FIGURE' && images > 1 && paragraphs / images < 0.5) return true;
  if (!isList && items > paragraphs + 1 && density > 0.2) return true;
  if (inputs > Math.floor(paragraphs / 3)) return true;
  if (!isList && headings === 0 && length < MIN_PARAGRAPH_CHARS && (images === 0 || images > 2) && tag !== 'FIGURE') return length > 0;
  if (weight < 25 && density > (isList ? 0.5 : 0.3)) return true;
  if (weight >= 25 && density > 0.5) return true;
  return false;
}

// ---------------------------------------------------------------------------------------
// Headline

/**
 * Runs of anything but white space, punctuation and symbols: letters and digits in any
 * script. A range, not \p{L}/\p{N}: V8 compiles a Unicode-property pattern several times more
 * slowly, and the content script meets it cold on every page.
 */
const WORD_RUN = /[^\s!-\/:-@[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u2bff\u3000-\u303f\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/g;

function normalized(text: string): string {
  return (text.toLowerCase().match(WORD_RUN) ?? []).join(' ');
}

function pageTitles(doc: Document): string[] {
  const titles: string[] = [];
  for (const selector of ['meta[property="og:title"]', 'meta[name="twitter:title"]', 'meta[name="title"]']) {
    const content = doc.querySelector(selector)?.getAttribute('content');
    if (content) titles.push(normalized(content));
  }
  const title = doc.querySelector('title')?.textContent;
  if (title) titles.push(normalized(title));
  return titles.filter(Boolean);
}

function matchesTitle(heading: string, titles: string[]): boolean {
  if (heading.length < 8) return false;
  return titles.some((t) => t === heading || (t.includes(heading) && heading.length >= t.length / 3) || heading.startsWith(t));
}

/**
 * The story's headline: a heading that says what the page title says (sites append their
 * name to <title>), else the last <h1> before the body or the first inside it. Headings are
 * tried cheapest test first, so a page's many teaser headings after the story are never
 * read; `headings` is the page's <h1>–<h3>s, looked up once per reading.
 */
function findHeadline(root: Element, headings: Headings): Element | null {
  // One pass in document order, keeping the first (or, before the body, the last) heading
  // of each kind, in the order of preference below.
  let titledNearH1: Element | undefined;
  let titledNear: Element | undefined;
  let titledH1: Element | undefined;
  let lastH1Before: Element | undefined;
  let firstH1Inside: Element | undefined;
  for (const h of headings.all) {
    const isH1 = h.tagName === 'H1';
    const inside = contains(root, h);
    const before = !inside && (h.compareDocumentPosition(root) & 4) !== 0;
    const near = inside || before;
    if ((!isH1 && !near) || !headings.usable(h)) continue;
    if (headings.titled(h)) {
      if (isH1 && near) titledNearH1 ??= h;
      if (near) titledNear ??= h;
      if (isH1) titledH1 ??= h;
    }
    if (isH1 && before) lastH1Before = h;
    if (isH1 && inside) firstH1Inside ??= h;
  }
  return titledNearH1 ?? titledNear ?? titledH1 ?? lastH1Before ?? firstH1Inside ?? null;
}

interface Headings {
  all: Element[];
  /** Not inside something that is never text (a nav, a hidden block). */
  usable(h: Element): boolean;
  /** Says what the page's title says. */
  titled(h: Element): boolean;
}

function pageHeadings(doc: Document): Headings {
  let titles: string[] | null = null;
  const memo = (test: (h: Element) => boolean) => {
    const known = new Map<Element, boolean>();
    return (h: Element) => {
      let answer = known.get(h);
      if (answer === undefined) known.set(h, (answer = test(h)));
      return answer;
    };
  };
  return {
    all: [...doc.querySelectorAll('h1, h2, h3')],
    usable: memo((h) => !insideNeverText(h)),
    titled: memo((h) => matchesTitle(normalized(h.textContent ?? ''), (titles ??= pageTitles(doc)))),
  };
}

function insideNeverText(element: Element): boolean {
  // A <form> can wrap a whole page (server-side web forms); only the tags that never hold
  // page text count here.
  for (let el: Element | null = element; el; el = el.parentElement) {
    const tag = el.tagName.toUpperCase();
    if (tag !== 'FORM' && isNeverText(el, tag)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------

/**
 * A block of story cards rather than one story: several <article>s, or headlines that link
 * elsewhere, each with a line or two of summary.
 */
function isTeaserList(root: Element): boolean {
  // Too few <article>s and headings to be a list of cards: no need to walk the block.
  if (root.getElementsByTagName('article').length < 3 && root.querySelectorAll('h1, h2, h3, h4, h5, h6').length < 3) return false;
  let articles = 0;
  let linked = 0;
  let paragraphs = 0;
  const visit = (element: Element, inLink: boolean) => {
    for (const child of element.children) {
      if (isNotArticleText(child)) continue;
      const tag = child.tagName.toUpperCase();
      const link = inLink || (tag === 'A' && child.hasAttribute('href'));
      if (tag === 'ARTICLE') articles++;
      if (/^H[1-6]$/.test(tag)) {
        if (link || child.querySelector('a[href]')) linked++;
        continue;
      }
      if (tag === 'P') {
        if ((child.textContent ?? '').length >= 80) paragraphs++;
        continue;
      }
      visit(child, link);
    }
  };
  visit(root, false);
  return articles >= 3 || (linked >= 3 && linked * 2 >= paragraphs);
}

const LISTING_TYPES = /"@type"\s*:\s*"(CollectionPage|SearchResultsPage|ItemList)"/;
const ARTICLE_TYPES = /"@type"\s*:\s*"\w*(Article|BlogPosting|Report)"/;

/**
 * Pages that say they are a listing, not a story: linked data declaring a collection and no
 * article, or a site-level og:type on a section address such as /news/ (a front page may
 * show its lead story in full, and that is still not the page's article).
 */
function isSectionPage(doc: Document, linkedData: readonly string[]): boolean {
  let listing = false;
  for (const json of linkedData) {
    if (ARTICLE_TYPES.test(json)) return false;
    if (LISTING_TYPES.test(json)) listing = true;
  }
  if (listing) return true;
  const ogType = doc.querySelector('meta[property="og:type"]')?.getAttribute('content')?.trim().toLowerCase();
  if (ogType !== 'website') return false;
  let path: string;
  try {
    path = new URL(doc.URL).pathname;
  } catch {
    return false;
  }
  const segments = path.split('/').filter(Boolean);
  return segments.length === 0 || (segments.length === 1 && /^[\p{L}-]{1,24}$/u.test(segments[0]!) && segments[0]!.split('-').length <= 2);
}

/** Prose size: words, with each CJK character counted as half a word. */
function proseSize(text: string): number {
  const words = text.split(/\s+/);
  // One look for CJK over the whole text, not one per word: most pages have none.
  if (!CJK.test(text)) return words.length - (words[0] === '' ? 1 : 0) - (words.length > 1 && words[words.length - 1] === '' ? 1 : 0);
  let size = 0;
  for (const word of words) {
    if (!word) continue;
    const cjk = word.match(CJK_ALL)?.length ?? 0;
    size += cjk ? Math.max(1, cjk / 2) : 1;
  }
  return size;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const CJK_ALL = new RegExp(CJK.source, 'g');

/**
 * The article on the page, or null when there is none (a front page, a search page, an app).
 */
export function findArticle(doc: Document): ArticleScope | null {
  return readArticle(doc)?.scope ?? null;
}

type Found = { scope: ArticleScope; map: TextMap };

/**
 * The search, as steps: each `yield` is a point where the page may have its main thread back
 * (`readArticleInSteps`); `readArticle` runs them straight through.
 */
function* locate(doc: Document): Generator<void, Found | null> {
  const body = doc.body;
  if (!body) return null;
  // The page's JSON-LD, read once: it can say "listing", "article", and hold the story's text.
  const linkedData = Array.from(doc.querySelectorAll('script[type="application/ld+json"]'), (script) => script.textContent ?? '');
  if (isSectionPage(doc, linkedData)) return null;
  const reading: Reading = { doc, declared: declaresArticle(doc, linkedData), headings: pageHeadings(doc) };
  // Class names that say "sidebar" or "header" are usually right; when leaving them out
  // leaves no article, some page wrapper was misnamed, so look again with them in.
  // Score the part of the page that holds its paragraphs; when that finds nothing, the whole.
  const region = storyRegion(body);
  let strict = yield* attempt(reading, body, true, region);
  let found = strict.found ?? (yield* attempt(reading, body, false, region)).found;
  if (!found && region) {
    strict = yield* attempt(reading, body, true, null);
    found = strict.found ?? (yield* attempt(reading, body, false, null)).found;
  }
  yield;
  // The page's own linked data may hold the story's text: when the scoring found nothing, or
  // much less than that text, the blocks holding it are the story.
  const structured = structuredBody(linkedData);
  if (structured && (!found || !covers(found.map.text, structured))) {
    const matched = matchStructuredBody(reading, structured);
    if (matched) return matched;
  }
  if (found) return found;
  // A page that says it is an article: its marked-up body, or its longest run of paragraphs.
  if (reading.declared) return markedBody(reading, strict.pass) ?? longestParagraphRun(reading, strict.pass);
  return null;
}

/** One reading of a page: what is looked up once and used by every try. */
interface Reading {
  doc: Document;
  /** The page says it is an article (Open Graph or linked data). */
  declared: boolean;
  headings: Headings;
}

function* attempt(reading: Reading, body: Element, stripUnlikely: boolean, region: Element | null): Generator<void, { pass: Pass; found: Found | null }> {
  const pass = scorePage(body, stripUnlikely, region ?? body);
  yield;
  const ranked = rank(pass);
  // When the best block holds too little prose once its furniture is gone (a title block, a
  // teaser strip), the next best may be the story: try a few, best first.
  const tried = new Set<Element>();
  for (let i = 0; i < MAX_TRIES && i < ranked.length; i++) {
    const top = topCandidate(pass, body, ranked.slice(i));
    if (!top || tried.has(top)) continue;
    tried.add(top);
    const found = scopeAround(reading, pass, top, ranked[i]!.element);
    if (found) return { pass, found };
    yield;
  }
  return { pass, found: null };
}

const MAX_TRIES = 5;

function scopeAround(reading: Reading, pass: Pass, top: Element, candidate: Element, declared = reading.declared): Found | null {
  const { doc } = reading;
  const kept = storySiblings(pass, top);
  const root = kept.length > 1 ? kept[0]!.parentElement! : top;
  const skip = new WeakSet<Element>();
  if (root !== top) for (const child of root.children) if (!kept.includes(child)) skip.add(child);
  const headline = findHeadline(root, reading.headings);
  const elementsOnly: Element[] = [];
  const tweetBoxes: Element[] = [];
  for (const keep of kept) {
    if (keep === headline) continue;
    for (const el of furnitureInside(pass, keep, headline, elementsOnly, tweetBoxes)) skip.add(el);
  }
  if (headline && contains(root, headline)) skip.add(headline);
  const wrappers = new WeakSet<Element>(tweetBoxes);
  if (contains(root, candidate)) for (let el: Element | null = candidate; el && el !== root; el = el.parentElement) wrappers.add(el);
  decided.set(doc, { dropped: skip, wrappers, elementsOnly: new WeakSet(elementsOnly), anyElementsOnly: elementsOnly.length > 0 });

  let map = articleTextMap(root);
  const quotes = repeatedQuotes(root, map.text);
  if (quotes.length) {
    for (const quote of quotes) skip.add(quote);
    map = articleTextMap(root);
  }
  const floor = declared || root.closest('article, [itemprop="articleBody"]') ? MIN_DECLARED_ARTICLE_SIZE : MIN_ARTICLE_SIZE;
  if (proseSize(map.text) < floor || isTeaserList(root)) {
    decided.delete(doc);
    return null;
  }
  return { scope: { root, headline }, map };
}

// ---------------------------------------------------------------------------------------
// When the scoring finds nothing

/** Whether the page declares itself an article (Open Graph or linked data). */
function declaresArticle(doc: Document, linkedData: readonly string[]): boolean {
  const og = doc.querySelector('meta[property="og:type"], meta[name="og:type"]');
  const type = (og?.getAttribute('content') ?? og?.getAttribute('value') ?? '').trim().toLowerCase();
  if (type === 'article' || type.startsWith('article.')) return true;
  return linkedData.some((json) => ARTICLE_TYPES.test(json));
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', mdash: '—', ndash: '–', hellip: '…' };

/**
 * Some sites put markup in `articleBody`: it is read as text here, never parsed as HTML
 * (tags become line breaks, a few entities their characters).
 */
function plainText(body: string): string {
  return body
    .replace(/<[^>]*>/g, '\n')
    .replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/** The longest `articleBody` string in the page's JSON-LD (as plain text), or null. */
function structuredBody(linkedData: readonly string[]): string | null {
  let best: string | null = null;
  const visit = (value: unknown, depth: number) => {
    if (depth > 6 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key === 'articleBody' && typeof item === 'string') {
        if (!best || item.length > best.length) best = item;
      } else visit(item, depth + 1);
    }
  };
  for (const json of linkedData) {
    if (!json.includes('articleBody')) continue;
    try {
      visit(JSON.parse(json), 0);
    } catch {
      // Broken linked data is common; it only means no help from it.
    }
  }
  const text = best === null ? null : plainText(best);
  return text !== null && proseSize(text) >= MIN_DECLARED_ARTICLE_SIZE ? text : null;
}

/** Blocks whose own text is a line of prose: paragraphs, and divs with no block inside. */
const LINE_BLOCKS = 'p, div, li, blockquote, h2, h3, h4, td, span';

/**
 * The blocks whose text is in the linked data's `articleBody`, and the element holding
 * most of them: the story on pages whose markup says nothing (generated class names, no
 * <article>). Inside it, whatever holds none of that text is left out.
 */
function matchStructuredBody(reading: Reading, articleBody: string): Found | null {
  const { doc } = reading;
  const truth = ` ${normalized(articleBody)} `;
  const matched: Element[] = [];
  let total = 0;
  for (const el of doc.body.querySelectorAll(LINE_BLOCKS)) {
    if (insideNeverText(el)) continue;
    const tag = el.tagName.toUpperCase();
    if (tag !== 'P' && [...el.children].some((c) => BLOCKS.has(c.tagName.toUpperCase()))) continue;
    if (tag === 'SPAN' && el.parentElement && matched.includes(el.parentElement)) continue;
    const words = normalized(el.textContent ?? '');
    if (words.split(' ').length < 5 || !truth.includes(` ${words} `)) continue;
    matched.push(el);
    total += words.length;
  }
  if (matched.length === 0 || total < normalized(articleBody).length * 0.3) return null;
  // The deepest element holding at least 80 % of the matched text.
  let root: Element = matched[0]!.parentElement ?? matched[0]!;
  const share = (el: Element) => matched.reduce((n, m) => n + (el.contains(m) ? normalized(m.textContent ?? '').length : 0), 0);
  while (root.parentElement && share(root) < total * 0.8) root = root.parentElement;
  const keep = new Set<Element>();
  for (const m of matched) {
    if (!root.contains(m)) continue;
    for (let el: Element | null = m; el && el !== root; el = el.parentElement) keep.add(el);
  }
  const skip = new WeakSet<Element>();
  const visit = (element: Element) => {
    for (const child of element.children) {
      if (!keep.has(child)) skip.add(child);
      else if (!matched.includes(child)) visit(child);
    }
  };
  visit(root);
  const headline = findHeadline(root, reading.headings);
  if (headline && contains(root, headline)) skip.add(headline);
  decided.set(doc, { dropped: skip, wrappers: new WeakSet(), elementsOnly: new WeakSet(), anyElementsOnly: false });
  const map = articleTextMap(root);
  if (proseSize(map.text) < MIN_DECLARED_ARTICLE_SIZE) {
    decided.delete(doc);
    return null;
  }
  return { scope: { root, headline }, map };
}

/** Whether `text` holds at least half of `articleBody` (its paragraphs, by length). */
function covers(text: string, articleBody: string): boolean {
  const haystack = ` ${normalized(text)} `;
  let inside = 0;
  let all = 0;
  for (const paragraph of articleBody.split(/\n+/)) {
    const words = normalized(paragraph);
    if (!words) continue;
    all += words.length;
    if (haystack.includes(` ${words} `)) inside += words.length;
  }
  return all === 0 || inside >= all * 0.5;
}

/** `[itemprop=articleBody]`: the page's own mark for the story's body. */
function markedBody(reading: Reading, pass: Pass): Found | null {
  const marked = reading.doc.querySelector('[itemprop="articleBody"]');
  return marked ? scopeAround(reading, pass, marked, marked, true) : null;
}

/** The element holding the most paragraph text in <p>s of its own. */
function longestParagraphRun(reading: Reading, pass: Pass): Found | null {
  const byParent = new Map<Element, number>();
  for (const p of reading.doc.body.getElementsByTagName('p')) {
    const parent = p.parentElement;
    const s = pass.stats.get(p);
    if (!parent || !s || s.chars < MIN_PARAGRAPH_CHARS || s.linkChars > s.chars * 0.5) continue;
    byParent.set(parent, (byParent.get(parent) ?? 0) + s.chars - s.linkChars);
  }
  const best = [...byParent].sort((a, b) => b[1] - a[1])[0];
  return best ? scopeAround(reading, pass, best[0], best[0], true) : null;
}

/**
 * Pull quotes: a quote block or aside whose words the story already has (sites repeat a
 * line in large type). A quote whose words appear only once is an embedded quote, and stays.
 */
function repeatedQuotes(root: Element, text: string): Element[] {
  const candidates = [...root.querySelectorAll('blockquote, aside, [class*="quote"]')].filter((el) => !isNotArticleText(el) && !insideDropped(el, root));
  if (candidates.length === 0) return [];
  const whole = normalized(text);
  const out: Element[] = [];
  for (const el of candidates) {
    const words = normalized(el.textContent ?? '');
    if (words.length < 30 || words.length > 600) continue;
    const first = whole.indexOf(words);
    if (first >= 0 && whole.indexOf(words, first + 1) >= 0) out.push(el);
  }
  return out;
}

function insideDropped(element: Element, root: Element): boolean {
  for (let el = element.parentElement; el && el !== root; el = el.parentElement) if (isNotArticleText(el)) return true;
  return false;
}

/** The article text with its DOM map, or null when the page has no article. */
export function readArticle(doc: Document): { scope: ArticleScope; map: TextMap } | null {
  const steps = locate(doc);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `readArticle` in chunks: after a step, when the work since the last pause reached
 * `budgetMs`, it awaits `pause()` (an idle callback) so a long page never holds the main
 * thread for one long task. `measure` wraps each chunk (the User Timing step).
 */
export async function readArticleInSteps(
  doc: Document,
  options: { pause: () => Promise<void>; now: () => number; budgetMs: number; measure?: <T>(work: () => T) => T },
): Promise<Found | null> {
  const steps = locate(doc);
  const measure = options.measure ?? ((work) => work());
  for (;;) {
    const chunk = measure(() => {
      const started = options.now();
      for (;;) {
        const step = steps.next();
        if (step.done || options.now() - started >= options.budgetMs) return step;
      }
    });
    if (chunk.done) return chunk.value;
    await options.pause();
  }
}

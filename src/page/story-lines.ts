/**
 * Short lines inside an article body that are not the story: bylines, datelines with a
 * time, photo credits, "Read more" and "Related" inserts, newsletter and social boxes,
 * contributor notes. Readers skip them, detection should not see them, and a highlight on
 * "By Jane Doe, AP Political Writer" looks careless.
 *
 * Pure: it judges one block's text (white space collapsed). `article.ts` asks only about
 * short blocks (a paragraph of the story is never this short and this shaped), and only
 * about text the block holds as a whole, so a sentence of the story is never cut.
 */

export type NotStory = 'byline' | 'dateline' | 'credit' | 'insert' | 'promo' | 'contributors';

/** Longer blocks are never judged by their words alone. */
export const MAX_LINE_CHARS = 300;

/*
 * The patterns are case-sensitive and run on the lower-cased line (bylines aside, which need
 * the name's capitals), and they use character ranges rather than Unicode properties: the
 * content script meets each pattern cold on every page, and V8 compiles /i and \p{…}
 * patterns several times more slowly.
 */

/** "p.m." and "a.m." end a time, not a sentence. */
const TIME_END = /\b[ap]\.m\.\s*$/;

/**
 * A name's capital and its letters, as ranges rather than \p{Lu} and \p{L}: Latin (the
 * Latin Extended blocks in either case, since their capitals and small letters alternate),
 * Greek and Cyrillic.
 */
const CAPITAL = 'A-Z\\u00c0-\\u00d6\\u00d8-\\u00de\\u0100-\\u024f\\u0386-\\u03ab\\u0400-\\u042f';
const NAME = `[${CAPITAL}][A-Za-z\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff'’.-]*`;
// "By Jane Doe, AP Political Writer", "By Justine Coleman - 11/18/19 11:04 PM EST", "Von Anna Beck".
const BYLINE = new RegExp(
  `^(?:[Bb][Yy]|[Ww]ritten [Bb]y|[Ww]ords [Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Dd]oor|[Aa]v)\\s+${NAME}(?:\\s+${NAME}){0,3}\\s*(?:$|[,|•·–—-]|(?:and|und|et|y|e|&)\\s+[${CAPITAL}]|for\\s+[${CAPITAL}])`,
);
/** "By Tuesday, officials said…": a weekday or month after "By" starts a sentence. */
const NOT_A_NAME =
  /^(?:by|von|par|por)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|then|now|contrast|comparison|law|far|and|the|this|that)\b/;

const CONTRIBUTORS =
  /^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|research|compiled|edited|written)\s+by\b|\bcontributed\s+(?:reporting|research|to\s+this\s+(?:report|story|article))\b/;

const DATE_OR_TIME =
  /\b\d{1,2}:\d{2}\b|\b\d{1,2}h\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b|\b\d{1,2}\.?\s+(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|janv|févr|mars|avr|juin|juil|août|sept|déc)[a-zéû]*\.?\s+\d{4}\b/;
const UPDATED = /^(?:updated|published|posted|last\s+(?:updated|modified)|first\s+published|mis à jour|publié le|aktualisiert|veröffentlicht|actualizado|publicado)\b/;
const METADATA_SEPARATOR = /[|•·]/;

const CREDIT = [
  /^(?:image|photo|picture|video|graphic|illustration|foto|bild|photograph)s?\s*(?:copyright|credit|caption|courtesy|source)?\s*[:©]/,
  /^(?:image|photo|picture|video)\s+(?:copyright|caption|credit|courtesy)\b/,
  /^(?:credit|credits|courtesy|copyright|©|\(c\))(?:\s|:|$)/,
  /\ball rights reserved\b/,
  /^via\s+\S+$/,
];
/** An agency or picture desk at the end of a line with no sentence in it: "Alex Wong | Getty Images". */
const AGENCY_AT_END =
  /(?:getty(?:\s+images)?|\bap(?:\s+(?:photo|file|images))?|associated press|reuters|afp|epa(?:-efe)?|shutterstock|alamy|istock(?:photo)?|bloomberg|via ap|pa (?:wire|media|images)|xinhua|anadolu(?: agency)?|dpa|imago|sipa|zuma(?: press)?|nurphoto)\s*(?:file|images|photo)?\s*\)?\s*$/;

const INSERT = [
  /^(?:related|read more|read also|also read|see also|more|more on this|more from [\w ]+|recommended|watch|listen|most read|further reading|trending|next|previous|click here|read the full story|don't miss|don’t miss|lire aussi|à lire aussi|mehr zum thema|lesen sie auch|leer más|ver también)(?: (?:stories|story|articles|coverage|content|links|videos?|news|reading))?\s*[:|»›>]/,
  /^(?:related|more|read more|see also|also read|recommended|trending|most read|related (?:stories|articles|coverage|content|links|video))\s*:?\s*$/,
  /\[(?:insight|video|pictures|photos|poll|latest|revealed|analysis|live|gallery|watch|read more)\]\s*\|?\s*$/,
];

const PROMO = [
  /\bfollow\b[^.!?]*\b(?:twitter|facebook|instagram|youtube|linkedin|tiktok|threads|bluesky)\b/,
  /\b(?:sign up|subscribe)\b[^.!?]*\b(?:newsletter|inbox|updates|emails?|alerts|briefing|our)\b/,
  /\bnewsletters?\b[^.!?]*\b(?:sign up|subscribe|inbox|delivered|daily|weekly)\b/,
  /\b(?:meet|to) your inbox\b/,
  /\b(?:have a|news) tip\b/,
  /[\w.+-]+@[\w-]+\.[a-z]{2,}/,
  /\bjoin (?:our|the conversation)\b/,
  /\bdownload (?:the|our)\b[^.!?]*\bapp\b/,
  /^listen to\b/,
];

/** Curly or straight quotes at the start: a quoted sentence, which is the story. */
const QUOTED = /^["“„«‘']/;

/*
 * Each family of patterns is tried only when the line has the words it needs (its first
 * word, for the anchored ones): the content script judges every short block of a
 * page once, cold, and most blocks are the story, which none of these match. The guards
 * only skip patterns that cannot match, so the answers are the same.
 */
const BYLINE_LEADS = new Set('by von par por di door av written words'.split(' '));
/** The first two characters of each of a family's first words: a line starting otherwise cannot match. */
const leadStarts = (leads: string) => new Set(leads.split('|').map((lead) => lead.slice(0, 2)));
const UPDATED_STARTS = leadStarts('updated|published|posted|last|first|mis à jour|publié le|aktualisiert|veröffentlicht|actualizado|publicado');
const CREDIT_STARTS = leadStarts('image|photo|picture|video|graphic|illustration|foto|bild|credit|courtesy|copyright|©|(c)|via ');
const INSERT_STARTS = leadStarts('related|read|also|see|more|recommended|watch|listen|most read|further|trending|next|previous|click here|don|lire|à lire|mehr|lesen|leer|ver');
const startsLike = (lower: string, starts: ReadonlySet<string>) => starts.has(lower.slice(0, 2)) || starts.has(lower.slice(0, 1));
const PROMO_WORDS = 'follow|sign up|subscribe|newsletter|inbox|tip|@|join|download|listen to'.split('|');
const HAS_DIGIT = /\d/;

/** What kind of non-story line `text` is, or null when it may be the story. */
export function notStoryLine(raw: string): NotStory | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text.length === 0 || text.length > MAX_LINE_CHARS) return null;
  const lower = text.toLowerCase();
  const short = text.length <= 160;
  if (short && BYLINE_LEADS.has(lower.slice(0, lower.indexOf(' '))) && BYLINE.test(text) && !NOT_A_NAME.test(lower)) return 'byline';
  if (text.length <= 220 && (lower.includes('by') || lower.includes('contributed')) && CONTRIBUTORS.test(lower)) return 'contributors';
  const endsSentence = endsWithAny(text, '.!?…"”»)') && !TIME_END.test(lower);
  if (short && ((startsLike(lower, UPDATED_STARTS) && UPDATED.test(lower)) || (HAS_DIGIT.test(text) && DATE_OR_TIME.test(lower) && !endsSentence && (METADATA_SEPARATOR.test(text) || startsWithDate(lower) || text.split(' ').length <= 6)))) return 'dateline';
  if (short && (startsLike(lower, CREDIT_STARTS) || lower.includes('all rights reserved')) && CREDIT.some((re) => re.test(lower))) return 'credit';
  if (text.length <= 120 && !endsSentence && text.split(' ').length <= 12 && AGENCY_AT_END.test(lower)) return 'credit';
  if (text.length <= 200 && (startsLike(lower, INSERT_STARTS) || lower.includes('[')) && INSERT.some((re) => re.test(lower))) return 'insert';
  if (!QUOTED.test(text) && PROMO_WORDS.some((word) => lower.includes(word)) && PROMO.some((re) => re.test(lower))) return 'promo';
  return null;
}

/** Whether `text`, white space at its end aside, ends with one of `marks` (a sentence's end, say). */
export function endsWithAny(text: string, marks: string): boolean {
  const last = text.trimEnd().slice(-1);
  return last !== '' && marks.includes(last);
}

function startsWithDate(text: string): boolean {
  const match = DATE_OR_TIME.exec(text);
  return match !== null && match.index <= 2;
}

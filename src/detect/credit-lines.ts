/**
 * Credit and byline lines inside an article's text: "Credit Ashraf Shazly/Agence France-Presse —
 * Getty Images", "Photo: Jane Doe/AP", "By Jane Doe, AP Political Writer", "Caroline Hawley,
 * BBC diplomatic correspondent". They name people and agencies, but as furniture, not as actors
 * of the story, so nothing in them is highlighted. Only short lines without sentence punctuation
 * qualify, so a sentence that mentions a photographer is still read.
 */

const MAX_WORDS = 16;
const CREDIT_START = /^(?:credits?|photo(?:graph)?s?|images?|pictures?|video|illustrations?|graphics?)(?:\s+(?:by|credit))?\s*[:|]?\s+\S/i;
const PHOTO_AGENCY = /(?:getty images|shutterstock|alamy|\/\s*(?:ap|afp|reuters|epa|getty|ap photo|efe|anadolu|xinhua|pool)\b)/i;
const BYLINE_START = /^by\s+\p{Lu}/u;
const BYLINE_ROLE = /,\s*(?:[\p{L}.&'’ -]+\s)?(?:correspondent|editor|reporter|writer|journalist|staff|contributor|columnist|producer|analyst|bureau chief)s?$/iu;

/** [start, end) of each credit or byline line in `text`. */
export function creditLineRanges(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    if (line && isCreditLine(line)) out.push({ start, end });
    start = end + 1;
  }
  return out;
}

export function isCreditLine(line: string): boolean {
  const words = line.split(/\s+/).length;
  if (words > MAX_WORDS || /[.!?"”]$/.test(line) && !/\b(?:jr|sr)\.$/i.test(line)) return false;
  return CREDIT_START.test(line) || PHOTO_AGENCY.test(line) || BYLINE_START.test(line) || BYLINE_ROLE.test(line);
}

/**
 * Within one article, gives each mention its canonical name and settles its type:
 * "Sullivan" after "Jake Sullivan" is Jake Sullivan; "Kim" after "Kim Jong-un" is Kim Jong-un
 * (Korean and Chinese names put the family name first, so a lone first token counts too);
 * "Kim Jong Un" and "Kim Jong-un" are one name; a guessed type yields to a surer one seen for
 * the same words elsewhere in the article.
 */
import type { ActorSpan } from './actors';
import type { Token } from './tokens';
import type { ActorType, Mention } from './types';

/** Comparable form of a name: case, hyphens and dots do not matter. */
export function nameKey(text: string): string {
  return text.toLowerCase().replace(/[-\u2010\u2011.]/g, ' ').replace(/['’]/g, '').replace(/\s+/g, ' ').trim();
}

const RANK = { watchlist: 3, rule: 2, guess: 1 } as const;
const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

export function resolveMentions(text: string, tokens: readonly Token[], spans: readonly ActorSpan[]): Mention[] {
  const sorted = [...spans].sort((x, y) => x.first - y.first);
  const surface = (s: ActorSpan) => text.slice(tokens[s.first]!.start, tokens[s.last - 1]!.end);

  // The surest type for each surface form, and the full person names whose parts may stand alone.
  const bestType = new Map<string, { type: ActorType; rank: number }>();
  // One entry per distinct full name (a page may name the same person a hundred times).
  const fullNameByKey = new Map<string, { parts: string[]; joined: string; canonical: string; rank: number }>();
  const canonicalByKey = new Map<string, string>();
  for (const s of sorted) {
    const key = nameKey(surface(s));
    const rank = RANK[s.confidence] + (s.titled ? 1 : 0);
    const prev = bestType.get(key);
    if (!prev || rank > prev.rank) bestType.set(key, { type: s.type, rank });
    const canonical = s.entry ? s.entry.name : surface(s);
    if (!canonicalByKey.has(key) || s.entry) canonicalByKey.set(key, canonical);
    if (s.type === 'person' && !s.demonym) {
      const parts = key.split(' ');
      const known = fullNameByKey.get(key);
      if (parts.length >= 2 && (!known || rank > known.rank)) fullNameByKey.set(key, { parts, joined: key, canonical, rank });
    }
  }
  const fullNames = [...fullNameByKey.values()];
  const byLast = new Map<string, (typeof fullNames)[number]>();
  const byFirst = new Map<string, (typeof fullNames)[number]>();
  for (const f of fullNames) {
    // "Patrick W. Carlineo Jr." is Carlineo later on, not "Jr".
    const named = f.parts.length > 2 && NAME_SUFFIXES.has(f.parts[f.parts.length - 1]!) ? f.parts.slice(0, -1) : f.parts;
    const last = named[named.length - 1]!;
    if (!byLast.has(last)) byLast.set(last, f);
    if (f.rank >= RANK.rule && !byFirst.has(f.parts[0]!)) byFirst.set(f.parts[0]!, f);
  }

  const mentions: Mention[] = [];
  for (const s of sorted) {
    const start = tokens[s.first]!.start;
    const end = tokens[s.last - 1]!.end;
    const raw = text.slice(start, end);
    const key = nameKey(raw);
    let type = s.type;
    let canonical = s.entry ? s.entry.name : (canonicalByKey.get(key) ?? raw);
    if (!s.entry) {
      const best = bestType.get(key);
      if (best && best.rank > RANK[s.confidence]) type = best.type;
      // A lone family or given name of a person named in full elsewhere in the article.
      const single = !key.includes(' ');
      if (single && s.confidence !== 'watchlist') {
        const full = byLast.get(key) ?? byFirst.get(key);
        if (full && (s.confidence === 'guess' || type === 'person')) {
          type = 'person';
          canonical = full.canonical;
        }
      } else if (type === 'person') {
        // "Jake Sullivan" inside a longer known form keeps the longest form as its canonical name.
        const n = key.split(' ').length;
        const longer = fullNames.find((f) => f.parts.length > n && f.joined.endsWith(` ${key}`));
        if (longer) canonical = longer.canonical;
      }
    }
    const mention: Mention = { start, end, text: raw, type, canonical };
    if (s.demonym) mention.demonym = true;
    mentions.push(mention);
  }
  return mentions;
}

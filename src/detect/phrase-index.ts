/**
 * Multi-word phrase lists (gazetteers, the watchlist) matched over a sentence's tokens, case
 * folded. Each phrase is tokenized like the article and kept as its lower-case tokens joined by
 * spaces, so a gazetteer of 50,000 phrases loads as 50,000 map entries and no arrays; every
 * match marks its tokens B/I/L/U with the phrase's tag, the form the tagger's features read.
 */
import { hashString } from './learn/hash';
import { tokenize } from './tokens';

export interface PhraseHit {
  tag: string;
  /** Position of the token in the phrase: B(egin), I(nside), L(ast) or U(nit). */
  part: 'B' | 'I' | 'L' | 'U';
  /** hashString(tag) and hashString(`${tag}:${part}`), for the tagger's features. */
  hTag: number;
  hTagPart: number;
}

const hits = new Map<string, PhraseHit>();

/** One shared, frozen hit per tag and part: matching allocates no hit objects. */
function hitFor(tag: string, part: PhraseHit['part']): PhraseHit {
  const key = `${tag}:${part}`;
  let hit = hits.get(key);
  if (!hit) {
    hit = Object.freeze({ tag, part, hTag: hashString(tag), hTagPart: hashString(key) });
    hits.set(key, hit);
  }
  return hit;
}

/** A phrase's tokens as the article's would be, lower-cased. */
export function phraseTokens(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.text.toLowerCase());
}

const MAX_TOKENS = 8;

export class PhraseIndex {
  /** "tokens joined by spaces" → its tags (almost always one). */
  private readonly tags = new Map<string, string | string[]>();
  /** first token → the most tokens a phrase starting with it has. */
  private readonly longest = new Map<string, number>();

  get size(): number {
    return this.tags.size;
  }

  add(phrase: string, tag: string): void {
    const toks = phraseTokens(phrase);
    if (toks.length > 0) this.addJoined(toks.join(' '), toks[0]!, toks.length, tag);
  }

  /**
   * A phrase already tokenized, lower-cased and joined by single spaces (as the gazetteer file
   * stores them), with its first token and token count.
   */
  addJoined(joined: string, first: string, count: number, tag: string): void {
    if (count === 0 || count > MAX_TOKENS) return;
    const known = this.tags.get(joined);
    if (known === undefined) this.tags.set(joined, tag);
    else if (typeof known === 'string') {
      if (known !== tag) this.tags.set(joined, [known, tag]);
    } else if (!known.includes(tag)) known.push(tag);
    if ((this.longest.get(first) ?? 0) < count) this.longest.set(first, count);
  }

  /** Is this one lower-case word a phrase of its own? */
  has(word: string): boolean {
    return this.tags.has(word);
  }

  /**
   * Per token, the tags of the longest phrase of each tag that starts at the same token and
   * covers it; `undefined` for a token no phrase covers (most of them). With `active`, phrases
   * are looked up only from the tokens it marks.
   */
  match(lower: readonly string[], active?: Uint8Array | null): (PhraseHit[] | undefined)[] {
    const out: (PhraseHit[] | undefined)[] = new Array(lower.length);
    for (let i = 0; i < lower.length; i++) {
      if (active && !active[i]) continue;
      const max = this.longest.get(lower[i]!);
      if (max === undefined) continue;
      let done: string[] | null = null;
      let key = lower[i]!;
      const keys = [key];
      for (let len = 2; len <= max && i + len <= lower.length; len++) keys.push((key = `${key} ${lower[i + len - 1]}`));
      for (let len = keys.length; len >= 1; len--) {
        const found = this.tags.get(keys[len - 1]!);
        if (found === undefined) continue;
        for (const tag of typeof found === 'string' ? [found] : found) {
          if (done?.includes(tag)) continue;
          (done ??= []).push(tag);
          for (let k = 0; k < len; k++) {
            (out[i + k] ??= []).push(hitFor(tag, len === 1 ? 'U' : k === 0 ? 'B' : k === len - 1 ? 'L' : 'I'));
          }
        }
      }
    }
    return out;
  }
}

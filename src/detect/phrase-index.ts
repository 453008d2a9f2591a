/**
 * Multi-word phrase lists (gazetteers, the watchlist) matched over a sentence's tokens, case
 * folded. Each phrase is tokenized like the article, indexed by its first token, and every
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

const NO_TAIL: readonly string[] = Object.freeze([]);

export class PhraseIndex {
  /** first lower-case token → phrases starting with it (token lists), longest first per tag. */
  private readonly byFirst = new Map<string, { rest: readonly string[]; tag: string }[]>();
  size = 0;

  add(phrase: string, tag: string): void {
    this.addTokens(phraseTokens(phrase), tag);
  }

  /** A phrase already tokenized and lower-cased (as the gazetteer file stores them). */
  addTokens(toks: readonly string[], tag: string): void {
    if (toks.length === 0 || toks.length > 8) return;
    let list = this.byFirst.get(toks[0]!);
    if (!list) this.byFirst.set(toks[0]!, (list = []));
    // Most phrases are one word: they share one empty tail, and loading makes little garbage.
    const rest = toks.length === 1 ? NO_TAIL : toks.slice(1);
    for (const p of list) if (p.tag === tag && p.rest.length === rest.length && p.rest.every((t, i) => t === rest[i])) return;
    // Kept longest first: insert before the first shorter phrase.
    let at = list.length;
    while (at > 0 && list[at - 1]!.rest.length < rest.length) at--;
    list.splice(at, 0, { rest, tag });
    this.size++;
  }

  /** Is this one lower-case word a phrase of its own? */
  has(word: string): boolean {
    return this.byFirst.get(word)?.some((p) => p.rest.length === 0) ?? false;
  }

  /**
   * Per token, the tags of the longest phrase of each tag that covers it from its start;
   * `undefined` for a token no phrase covers (most of them). With `active`, phrases are looked
   * up only from the tokens it marks.
   */
  match(lower: readonly string[], active?: Uint8Array | null): (PhraseHit[] | undefined)[] {
    const out: (PhraseHit[] | undefined)[] = new Array(lower.length);
    for (let i = 0; i < lower.length; i++) {
      if (active && !active[i]) continue;
      const list = this.byFirst.get(lower[i]!);
      if (!list) continue;
      const done: string[] = [];
      for (const { rest, tag } of list) {
        if (done.includes(tag) || i + 1 + rest.length > lower.length) continue;
        let ok = true;
        for (let k = 0; k < rest.length; k++) {
          if (lower[i + 1 + k] !== rest[k]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        done.push(tag);
        const n = rest.length + 1;
        for (let k = 0; k < n; k++) {
          (out[i + k] ??= []).push(hitFor(tag, n === 1 ? 'U' : k === 0 ? 'B' : k === n - 1 ? 'L' : 'I'));
        }
      }
    }
    return out;
  }
}

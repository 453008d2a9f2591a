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

export class PhraseIndex {
  /** first lower-case token → phrases starting with it (token lists), longest first per tag. */
  private readonly byFirst = new Map<string, { rest: string[]; tag: string }[]>();
  private readonly seen = new Set<string>();
  size = 0;

  add(phrase: string, tag: string): void {
    const toks = tokenize(phrase).map((t) => t.text.toLowerCase());
    if (toks.length === 0 || toks.length > 8) return;
    const key = `${tag}\t${toks.join(' ')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    let list = this.byFirst.get(toks[0]!);
    if (!list) this.byFirst.set(toks[0]!, (list = []));
    const rest = toks.slice(1);
    // Kept longest first: insert before the first shorter phrase.
    let at = list.findIndex((p) => p.rest.length < rest.length);
    if (at < 0) at = list.length;
    list.splice(at, 0, { rest, tag });
    this.size++;
  }

  /**
   * Per token, the tags of the longest phrase of each tag that covers it from its start;
   * `undefined` for a token no phrase covers (most of them).
   */
  match(lower: readonly string[]): (PhraseHit[] | undefined)[] {
    const out: (PhraseHit[] | undefined)[] = new Array(lower.length);
    for (let i = 0; i < lower.length; i++) {
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

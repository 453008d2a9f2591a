/**
 * Multi-word phrase lists (gazetteers, the watchlist) matched over a sentence's tokens, case
 * folded. Each phrase is tokenized like the article, indexed by its first token, and every
 * match marks its tokens B/I/L/U with the phrase's tag, the form the tagger's features read.
 */
import { tokenize } from './tokens';

export interface PhraseHit {
  tag: string;
  /** Position of the token in the phrase: B(egin), I(nside), L(ast) or U(nit). */
  part: 'B' | 'I' | 'L' | 'U';
}

export class PhraseIndex {
  /** first lower-case token → phrases starting with it (token lists), longest first per tag. */
  private readonly byFirst = new Map<string, { rest: string[]; tag: string }[]>();
  size = 0;

  add(phrase: string, tag: string): void {
    const toks = tokenize(phrase).map((t) => t.text.toLowerCase());
    if (toks.length === 0 || toks.length > 8) return;
    const list = this.byFirst.get(toks[0]!) ?? [];
    const rest = toks.slice(1);
    if (list.some((p) => p.tag === tag && p.rest.join(' ') === rest.join(' '))) return;
    list.push({ rest, tag });
    list.sort((a, b) => b.rest.length - a.rest.length);
    this.byFirst.set(toks[0]!, list);
    this.size++;
  }

  /** Per token, the tags of the longest phrase of each tag that covers it from its start. */
  match(lower: readonly string[]): PhraseHit[][] {
    const out: PhraseHit[][] = lower.map(() => []);
    for (let i = 0; i < lower.length; i++) {
      const list = this.byFirst.get(lower[i]!);
      if (!list) continue;
      const done = new Set<string>();
      for (const { rest, tag } of list) {
        if (done.has(tag) || i + 1 + rest.length > lower.length) continue;
        let ok = true;
        for (let k = 0; k < rest.length; k++) {
          if (lower[i + 1 + k] !== rest[k]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        done.add(tag);
        const n = rest.length + 1;
        for (let k = 0; k < n; k++) {
          out[i + k]!.push({ tag, part: n === 1 ? 'U' : k === 0 ? 'B' : k === n - 1 ? 'L' : 'I' });
        }
      }
    }
    return out;
  }
}

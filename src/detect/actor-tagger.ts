/**
 * The learned actor tagger: a linear-chain model over the features of `actor-features.ts`,
 * trained on CoNLL-2003 with PER, ORG, LOC and MISC (MISC teaches it that nationalities,
 * events and products are not actors; it is dropped from the output).
 */
import { ACTOR_FEATURE_GROUPS, ACTOR_FEATURE_VERSION, type ActorFeatureContext, type ActorFeatureGroup, type WordInfo, actorSentenceFeatures, documentFacts } from './actor-features';
import { spansOf } from './learn/labels';
import { LinearChain } from './learn/linear-chain';
import { type ModelFile, type ModelHeader, ModelFormatError } from './learn/model-file';
import { PhraseIndex } from './phrase-index';
import type { ActorType, WatchlistEntry } from './types';

export const ACTOR_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type ActorTag = (typeof ACTOR_TYPES)[number];
export const TAG_TYPE: Record<string, ActorType | undefined> = { PER: 'person', ORG: 'organization', LOC: 'place' };

export interface TaggedSpan {
  /** Token range [first, last) inside its sentence. */
  first: number;
  last: number;
  tag: ActorTag;
}

export class ActorTagger {
  readonly header: ModelHeader;
  readonly chain: LinearChain;
  readonly gazetteer: PhraseIndex;
  private groups: ReadonlySet<ActorFeatureGroup>;

  constructor(model: ModelFile, gazetteer: PhraseIndex, groups?: Iterable<ActorFeatureGroup>) {
    if (model.header.kind !== 'actors') throw new ModelFormatError(`expected an actor model, got "${model.header.kind}"`);
    if (model.header.featureVersion !== ACTOR_FEATURE_VERSION) {
      throw new ModelFormatError(`actor model was trained on features v${model.header.featureVersion}; this code computes v${ACTOR_FEATURE_VERSION}: run npm run train -- actors`);
    }
    this.header = model.header;
    this.chain = new LinearChain(model.parts);
    this.gazetteer = gazetteer;
    this.groups = new Set(groups ?? (model.header.groups as ActorFeatureGroup[]));
  }

  /**
   * The summed scores of a word's own features, computed once per word and kept on the word's
   * cached record (with the model they came from, should two taggers share the cache).
   */
  private ownScores(info: WordInfo): Float32Array {
    if (info.scoredBy !== this.chain || !info.ownScores) {
      info.ownScores = new Float32Array(this.chain.labels.length);
      this.chain.addScores(info.own, 0, info.own.length, info.ownScores, 0);
      info.scoredBy = this.chain;
    }
    return info.ownScores;
  }

  /** Skipped plain words are O: Viterbi considers no other label for them. */
  private plainWordsAsO(active: Uint8Array): Int8Array {
    const O = this.chain.labels.indexOf('O');
    return Int8Array.from(active, (a) => (a ? -1 : O));
  }

  /** Tags a document given as sentences of token texts. */
  tag(sentences: readonly (readonly string[])[], watchlist?: PhraseIndex): TaggedSpan[][] {
    const ctx: ActorFeatureContext = { groups: this.groups, gazetteer: this.gazetteer, watchlist, skipPlainWords: true, separateOwn: true };
    const L = this.chain.labels.length;
    const doc = this.groups.has('doc') ? documentFacts(sentences) : null;
    let inQuote = false;
    return sentences.map((words) => {
      if (words.length === 0) return [];
      const f = actorSentenceFeatures(words, doc, ctx, inQuote);
      inQuote = f.inQuote && words.length < 200;
      const n = words.length;
      const em = this.chain.emissions(f.seq, n);
      for (let t = 0; t < n; t++) {
        if (f.active && !f.active[t]) continue;
        const own = this.ownScores(f.own![t]!);
        for (let y = 0; y < L; y++) em[t * L + y]! += own[y]!;
      }
      const path = this.chain.best(em, n, f.active ? this.plainWordsAsO(f.active) : undefined);
      const labels = Array.from(path, (y) => this.chain.labels[y]!);
      return spansOf(labels).map((s) => ({ first: s.first, last: s.last, tag: s.type as ActorTag }));
    });
  }
}

export function allGroups(): Set<ActorFeatureGroup> {
  return new Set(ACTOR_FEATURE_GROUPS);
}

/**
 * The gazetteer file's lines, "tag<TAB>tokens": each phrase already tokenized like an article
 * and lower-cased, tokens separated by spaces (scripts/gazetteer-gen.ts), so loading is splitting.
 */
export function parseGazetteer(text: string): PhraseIndex {
  const index = new PhraseIndex();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', start);
    if (tab > start && tab < end) {
      const joined = text.slice(tab + 1, end);
      const space = joined.indexOf(' ');
      let count = 1;
      for (let at = space; at >= 0; at = joined.indexOf(' ', at + 1)) count++;
      index.addJoined(joined, space < 0 ? joined : joined.slice(0, space), count, text.slice(start, tab));
    }
    start = end + 1;
  }
  return index;
}

const watchIndexes = new WeakMap<readonly WatchlistEntry[], PhraseIndex>();

/** The watchlist's names and aliases tagged by type, demonyms as "demonym"; cached per array. */
export function watchlistIndex(watchlist: readonly WatchlistEntry[]): PhraseIndex {
  let index = watchIndexes.get(watchlist);
  if (!index) {
    index = new PhraseIndex();
    for (const e of watchlist) {
      index.add(e.name, e.type);
      for (const a of e.aliases) index.add(a, e.type);
      for (const d of e.demonyms ?? []) index.add(d, 'demonym');
    }
    watchIndexes.set(watchlist, index);
  }
  return index;
}

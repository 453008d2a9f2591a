/** The detection contract shared by the content script, the command line and the evaluation. */
import type { Sourcing } from '../annotation/record';

export type ActorType = 'person' | 'organization' | 'place';

/** One mention of an actor. Offsets are UTF-16 code units into the analysed text. */
export interface Mention {
  start: number;
  end: number;
  text: string;
  type: ActorType;
  /** The watchlist name, or the longest form of the name seen in the text. */
  canonical: string;
  /** Set when the mention is an adjective of nationality ("Russian", "North Korean") standing for a place. */
  demonym?: boolean;
}

/** A statement or position attributed to an actor (or to nobody in particular). */
export interface Claim {
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  speakerStart: number | null;
  speakerEnd: number | null;
  cue: string;
  cueStart: number;
  cueEnd: number;
  sourcing: Sourcing;
  hedged: boolean;
}

export interface Detections {
  actors: Mention[];
  claims: Claim[];
}

/** A known actor: a canonical name, its type, and other names it goes by. */
export interface WatchlistEntry {
  name: string;
  type: ActorType;
  aliases: string[];
  /** Adjectives of nationality for places ("Russian" for Russia); matched as `demonym` mentions. */
  demonyms?: string[];
}

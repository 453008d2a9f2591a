/**
 * The reader's own claim cues: words and phrases they add ("grumbled", "according to a memo
 * from") and built-in cues they turn off ("claimed"). Plain data in, a lookup table out; the
 * background passes the stored edits to detect(), which compiles them once per edits object.
 */
import { type CueHit, formsForRemoval, regularForms } from './cues';
import { tokenize } from './tokens';

/** Where the speaker stands: before the cue ("X grumbled") or after it ("as told by X"). */
export type SpeakerSide = 'before' | 'after';

export interface ReaderCue {
  text: string;
  speaker: SpeakerSide;
}

export interface CueEdits {
  added: ReaderCue[];
  /** Built-in cues (any form: "warned" turns off "warn", "warns", "warning"). */
  removed: string[];
}

export const NO_CUE_EDITS: CueEdits = Object.freeze({ added: [], removed: [] }) as CueEdits;

/** Bounds that keep a hand-edited or hostile stored value from slowing every page down. */
export const CUE_LIMITS = { count: 200, chars: 60, words: 8 } as const;

/** Lowercase, single spaces, the tokens detection will compare against. */
export function cueWords(text: string): string[] {
  return tokenize(text.normalize('NFC')).map((t) => t.text.toLowerCase().replace(/\.$/, ''));
}

/** Why a typed cue cannot be used, in words the options page shows; null when it can. */
export function cueProblem(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return 'Type a word or phrase.';
  if (trimmed.length > CUE_LIMITS.chars) return `“${trimmed.slice(0, 20)}…” is longer than ${CUE_LIMITS.chars} characters.`;
  if (!/\p{L}/u.test(trimmed)) return `“${trimmed}” has no letters; a cue is a word or phrase.`;
  if (cueWords(trimmed).length > CUE_LIMITS.words) return `“${trimmed}” has more than ${CUE_LIMITS.words} words.`;
  return null;
}

/** The display form of a cue: trimmed, single spaces, lowercase. */
export function normaliseCue(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Reads stored edits leniently: an item that does not read (older version, hand-edited
 * storage) is dropped, not fatal; duplicates and anything past the bounds are left out.
 */
export function readCueEdits(raw: unknown): CueEdits {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const added: ReaderCue[] = [];
  const seen = new Set<string>();
  for (const item of Array.isArray(value.added) ? value.added : []) {
    if (added.length >= CUE_LIMITS.count) break;
    const cue = item as Partial<ReaderCue> | null;
    if (typeof cue?.text !== 'string' || cueProblem(cue.text)) continue;
    const text = normaliseCue(cue.text);
    if (seen.has(text)) continue;
    seen.add(text);
    added.push({ text, speaker: cue.speaker === 'after' ? 'after' : 'before' });
  }
  const removed: string[] = [];
  for (const item of Array.isArray(value.removed) ? value.removed : []) {
    if (removed.length >= CUE_LIMITS.count) break;
    if (typeof item !== 'string' || cueProblem(item)) continue;
    const text = normaliseCue(item);
    if (!removed.includes(text)) removed.push(text);
  }
  return { added, removed };
}

interface Phrase {
  words: string[];
  kind: CueHit['kind'];
  lemma: string;
}

/** The compiled form cueAt() consults. */
export interface ReaderCueTable {
  /** The reader's cues by first word, longest first. */
  added: Map<string, Phrase[]>;
  /** Lemmas and forms of built-in cues the reader turned off. */
  removed: Set<string>;
}

const compiled = new WeakMap<CueEdits, ReaderCueTable>();

export function compileCueEdits(edits: CueEdits): ReaderCueTable {
  const cached = compiled.get(edits);
  if (cached) return cached;
  const added = new Map<string, Phrase[]>();
  const put = (words: string[], kind: Phrase['kind'], lemma: string) => {
    if (words.length === 0) return;
    const list = added.get(words[0]!) ?? [];
    list.push({ words, kind, lemma });
    list.sort((a, b) => b.words.length - a.words.length);
    added.set(words[0]!, list);
  };
  for (const cue of edits.added) {
    const words = cueWords(cue.text);
    const kind = cue.speaker === 'after' ? 'according' : 'say';
    const lemma = words.join(' ');
    put(words, kind, lemma);
    // One verb stands for its forms: "grumble" also finds "grumbles", "grumbled", "grumbling".
    if (words.length === 1 && /^\p{L}+$/u.test(words[0]!)) {
      for (const form of regularForms(words[0]!)) if (form !== words[0]) put([form], kind, lemma);
    }
  }
  const removed = new Set<string>();
  for (const text of edits.removed) {
    const words = cueWords(text);
    if (words.length === 1) for (const form of formsForRemoval(words[0]!)) removed.add(form);
    else removed.add(words.join(' '));
  }
  const table = { added, removed };
  compiled.set(edits, table);
  return table;
}

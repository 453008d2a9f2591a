/**
 * What the object store actually holds: the W3C record plus a `derived` object of index keys.
 *
 * Why a derived field rather than restructuring the record: tags live inside `body` items
 * (purpose "tagging"), and IndexedDB key paths cannot filter an array of objects, so a tag
 * index needs the tags lifted out somewhere. Keeping the record exactly as exported and adding
 * one separate, recomputable object keeps the record the single definition
 * (src/annotation/record.ts) while giving every index a plain key path. `derived` is:
 *   - written only by `toStored`, from the record itself, on every write (never trusted from input);
 *   - stripped by `fromStored` on every read, so no caller, export or message ever sees it;
 *   - rebuilt for all records by the v2 upgrade, and by any later upgrade that changes it (v3, v4).
 */
import { type Annotation, noteOf, quoteSelectorOf, tagsOf } from '../annotation/record';
import { tokensOf } from './words';

/** [value, created, id]: one facet value's records sort oldest to newest, ties by id. */
export type FacetKey = [string, string, string];

export interface Derived {
  /** One key per actor, for a multiEntry index paged newest first. */
  actors: FacetKey[];
  /** One key per tag (body items with purpose "tagging"). */
  tags: FacetKey[];
  /** `claimlens.sourcing`, or "none" when it is null (null is not a valid IndexedDB key). */
  sourcing: FacetKey;
  /**
   * The speaker of a saved claim when `claimlens.actors` does not already list them (v3):
   * with `actors`, every annotation about or by an actor is in exactly one of two indexes,
   * so the actor ledger counts and pages them without walking records.
   */
  speaker: FacetKey[];
}

export type StoredAnnotation = Annotation & { derived: Derived };

export const NO_SOURCING = 'none';

/** Text that counts as the same passage: same page, same quoted words, same note. */
export function duplicateKey(annotation: Annotation): string {
  const exact = quoteSelectorOf(annotation)?.exact ?? '';
  return hash53(`${annotation.target.source}\u0000${exact}\u0000${noteOf(annotation)}`);
}

export function sameContent(a: Annotation, b: Annotation): boolean {
  return (
    a.target.source === b.target.source &&
    (quoteSelectorOf(a)?.exact ?? '') === (quoteSelectorOf(b)?.exact ?? '') &&
    noteOf(a) === noteOf(b)
  );
}

export function searchTexts(annotation: Annotation): string[] {
  return [
    quoteSelectorOf(annotation)?.exact ?? '',
    noteOf(annotation),
    annotation.target.title,
    ...annotation.claimlens.actors,
    ...(annotation.claimlens.speaker ? [annotation.claimlens.speaker] : []),
    ...tagsOf(annotation),
  ];
}

export function derive(annotation: Annotation): Derived {
  const { created, id } = annotation;
  const facet = (value: string): FacetKey => [value, created, id];
  const speaker = annotation.claimlens.speaker;
  return {
    actors: [...new Set(annotation.claimlens.actors)].map(facet),
    tags: [...new Set(tagsOf(annotation))].map(facet),
    sourcing: facet(annotation.claimlens.sourcing ?? NO_SOURCING),
    speaker: speaker && !annotation.claimlens.actors.includes(speaker) ? [facet(speaker)] : [],
  };
}

export function toStored(annotation: Annotation): StoredAnnotation {
  const { derived: _ignored, ...record } = annotation as Annotation & { derived?: unknown };
  return { ...record, derived: derive(record) };
}

export function fromStored(stored: StoredAnnotation | Annotation): Annotation {
  if (!('derived' in stored)) return stored;
  const { derived: _derived, ...record } = stored;
  return record;
}

const tokenCache = new WeakMap<object, readonly string[]>();

/**
 * A record's search tokens (words.ts) of snippet, note, title, actors and tags; none for a
 * record too damaged to read. Computed, not stored (v4): keeping them in each record made it
 * a third larger, and they are needed only for the few records a search checks and the one a
 * write replaces. Cached per record object, since a query may test several words on one record.
 */
export function storedTokens(record: Annotation): readonly string[] {
  let tokens = tokenCache.get(record);
  if (!tokens) {
    try {
      tokens = tokensOf(searchTexts(record));
    } catch {
      tokens = [];
    }
    tokenCache.set(record, tokens);
  }
  return tokens;
}

/**
 * cyrb53 (public domain): a fast 53-bit string hash. Only a pre-filter: records whose keys
 * match are compared field by field, so a collision can never make a new record look duplicate.
 */
export function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

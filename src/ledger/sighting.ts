/**
 * A sighting: one claim sentence Claimlens saw on one page, attributed to an actor. The actor
 * ledger is built from these (and from the reader's saved annotations). Pure: built from a
 * page's detections; stored by src/store/sightings.ts.
 */
import type { Sourcing } from '../annotation/record';
import { canonicalUrl, siteOf } from '../annotation/url';
import type { Detections } from '../detect/types';
import { hash53 } from '../store/stored';
import { bandKeysOf, normalise, shingles } from './near-duplicate';

export interface Sighting {
  /** Page + normalised sentence: a revisit or a re-scan of the page writes the same record again. */
  id: string;
  /** The canonical name of the actor the claim is attributed to. */
  speaker: string;
  /** Other actors named in the sentence (canonical names), not the speaker. */
  actors: string[];
  /** The claim sentence as it stood on the page, cut at a word boundary after SIGHTING_TEXT_MAX characters. */
  text: string;
  cue: string;
  sourcing: Sourcing;
  hedged: boolean;
  /** Canonical page address, as in an annotation's `target.source`. */
  source: string;
  title: string;
  site: string;
  firstSeen: string;
  lastSeen: string;
  /** LSH band keys of the sentence (src/ledger/near-duplicate.ts), for the `byBand` index. */
  bands: string[];
}

/** What the content script says about the page it asks detection for. */
export interface SeenPage {
  pageUrl: string;
  canonicalLink: string | null;
  title: string;
}

export const SIGHTING_TEXT_MAX = 600;
export const SIGHTING_ACTORS_MAX = 20;
const TITLE_MAX = 300;

/** A sentence longer than the bound is kept up to its last whole word (a text-fragment link still finds it). */
export function boundedText(text: string, max = SIGHTING_TEXT_MAX): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** The text a text-fragment link can look for: without the ellipsis a cut added. */
export function searchableText(sighting: Pick<Sighting, 'text'>): string {
  return sighting.text.endsWith('…') ? sighting.text.slice(0, -1) : sighting.text;
}

/**
 * The claims of a page worth a place in an actor's ledger: those whose speaker is an actor
 * Claimlens recognised on the page. A claim's speaker can also be a phrase ("Officials in
 * Washington", "Analysts"): that is the sourcing level, not an actor, and a ledger for
 * "Analysts" would mix every analyst ever quoted. Claims without a speaker have no ledger.
 */
export function sightingsFrom(detections: Detections, page: SeenPage, now: Date): Sighting[] {
  const source = canonicalUrl(page.pageUrl, page.canonicalLink);
  const site = siteOf(source);
  if (!site) return [];
  const actorNames = new Set(detections.actors.map((m) => m.canonical));
  const byId = new Map<string, Sighting>();
  for (const claim of detections.claims) {
    const speaker = claim.speaker;
    if (!speaker || !actorNames.has(speaker)) continue;
    const text = boundedText(claim.text);
    const normal = normalise(text);
    if (!normal) continue;
    const id = sightingId(source, normal);
    if (byId.has(id)) continue;
    // Claims of one visit are stamped a millisecond apart in article order, so a ledger in
    // date order lists them as the article did rather than by their ids.
    const stamp = new Date(now.getTime() + byId.size).toISOString();
    const inside = detections.actors.filter((m) => m.start < claim.end && m.end > claim.start).map((m) => m.canonical);
    byId.set(id, {
      id,
      speaker,
      actors: [...new Set(inside)].filter((name) => name !== speaker).slice(0, SIGHTING_ACTORS_MAX),
      text,
      cue: claim.cue.slice(0, 100),
      sourcing: claim.sourcing,
      hedged: claim.hedged,
      source,
      title: page.title.replace(/\s+/g, ' ').trim().slice(0, TITLE_MAX),
      site,
      firstSeen: stamp,
      lastSeen: stamp,
      bands: bandKeysOf(shingles(text)),
    });
  }
  return [...byId.values()];
}

/** Two 53-bit hashes: a clash needs both the page and the sentence hashes to collide. */
export function sightingId(source: string, normalisedText: string): string {
  return `${hash53(source)}.${hash53(normalisedText)}`;
}

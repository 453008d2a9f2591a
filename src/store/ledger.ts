/**
 * The actor ledger's reads: which actors have a ledger, and one actor's entries in date
 * order — claims Claimlens saw them make (`sightings`) merged with the reader's saved
 * annotations about or by them — each with the other outlets that carried a near-identical
 * sentence. Every read walks an index range; nothing scans a whole store.
 */
import { type Annotation, quoteSelectorOf } from '../annotation/record';
import { bandKeysOf, isNearDuplicateSets, normalise, shingles } from '../ledger/near-duplicate';
import type { Sighting } from '../ledger/sighting';
import type { ClaimlensDB } from './db';
import { type FacetKey, fromStored } from './stored';

export interface LedgerActor {
  name: string;
  /** Claims Claimlens saw the actor make. */
  seen: number;
  /** Saved annotations listing the actor, or saved claims the actor made. */
  saved: number;
}

/** All keys [value, *, *] of a facet index: arrays sort after strings, so [value, []] closes the range. */
const whole = (value: string) => IDBKeyRange.bound([value], [value, []]);

/**
 * Distinct first key parts of a [value, time, id] index, each with its count: one cursor
 * jump per value, then all the counts requested at once (IndexedDB answers queued requests
 * without a round trip to this page between them).
 */
async function facetCounts(
  index: {
    openKeyCursor(range?: null): Promise<{ key: FacetKey; continue(key: unknown): Promise<unknown> } | null>;
    count(range: IDBKeyRange): Promise<number>;
  },
): Promise<Map<string, number>> {
  const values: string[] = [];
  for (let cursor = await index.openKeyCursor(null); cursor; ) {
    const value = cursor.key[0];
    values.push(value);
    cursor = (await cursor.continue([value, []])) as typeof cursor;
  }
  const counts = await Promise.all(values.map((value) => index.count(whole(value))));
  return new Map(values.map((value, i) => [value, counts[i]!]));
}

/** Every actor with a ledger: most entries first, then by name. */
export async function ledgerActors(db: ClaimlensDB): Promise<LedgerActor[]> {
  const tx = db.transaction(['sightings', 'annotations'], 'readonly');
  const [seen, about, spoke] = await Promise.all([
    facetCounts(tx.objectStore('sightings').index('bySpeakerTime') as never),
    facetCounts(tx.objectStore('annotations').index('byActorTime') as never),
    facetCounts(tx.objectStore('annotations').index('bySpeakerOnly') as never),
  ]);
  await tx.done;
  const actors = new Map<string, LedgerActor>();
  const entry = (name: string) => actors.get(name) ?? actors.set(name, { name, seen: 0, saved: 0 }).get(name)!;
  for (const [name, n] of seen) entry(name).seen += n;
  // bySpeakerOnly holds only speakers their record's actors do not list: the two never count one record twice.
  for (const [name, n] of about) entry(name).saved += n;
  for (const [name, n] of spoke) entry(name).saved += n;
  return [...actors.values()].sort((a, b) => b.seen + b.saved - (a.seen + a.saved) || a.name.localeCompare(b.name));
}

/** Another page with a near-identical sentence. */
export interface Carrier {
  site: string;
  source: string;
  title: string;
  text: string;
}

export type LedgerEntry =
  | {
      kind: 'seen';
      time: string;
      sighting: Sighting;
      /** The reader's saved annotations of this passage (same page, same or overlapping words). */
      saved: Annotation[];
      carriedBy: Carrier[];
    }
  | { kind: 'saved'; time: string; annotation: Annotation; carriedBy: Carrier[] };

/** Where a page of entries ended: the time and id of the last one shown. */
export interface LedgerCursor {
  time: string;
  id: string;
}

export type LedgerOrder = 'newest' | 'oldest';

export interface LedgerPage {
  entries: LedgerEntry[];
  next: LedgerCursor | null;
  /** Counts for the whole ledger of this actor, not only this page. */
  seen: number;
  saved: number;
}

/** The range of one actor's [actor, time, id] keys after the cursor, in the chosen order. */
function rangeAfter(actor: string, after: LedgerCursor | null, order: LedgerOrder): IDBKeyRange {
  if (!after) return whole(actor);
  return order === 'newest'
    ? IDBKeyRange.bound([actor], [actor, after.time, after.id], false, true)
    : IDBKeyRange.bound([actor, after.time, after.id], [actor, []], true, false);
}

interface Keyed<T> {
  time: string;
  id: string;
  value: T;
}

async function take<T>(
  index: { openCursor(range: IDBKeyRange, direction: IDBCursorDirection): Promise<{ key: FacetKey; value: unknown; continue(): Promise<unknown> } | null> },
  range: IDBKeyRange,
  order: LedgerOrder,
  limit: number,
  read: (value: unknown) => T,
): Promise<Keyed<T>[]> {
  const out: Keyed<T>[] = [];
  for (let cursor = await index.openCursor(range, order === 'newest' ? 'prev' : 'next'); cursor; ) {
    out.push({ time: cursor.key[1], id: cursor.key[2], value: read(cursor.value) });
    if (out.length >= limit) break;
    cursor = (await cursor.continue()) as typeof cursor;
  }
  return out;
}

/** Does a saved quote stand for this claim sentence? The same words, or one inside the other. */
export function quoteMatches(quote: string, sentence: string): boolean {
  const q = normalise(quote);
  const s = normalise(sentence);
  if (!q || !s) return false;
  return s.includes(q) || q.includes(s) || isNearDuplicateSets(shingles(quote), shingles(sentence));
}

/** Band matches read per band key, and candidates verified per sentence: bounds for boilerplate that every page repeats. */
const PER_BAND = 64;
const CANDIDATES = 96;
/** Outlets named per claim. */
const CARRIERS = 12;

/**
 * Other pages with a near-identical sentence, for each text: candidates come from the band
 * index (all bands of all texts asked at once), the most-shared first; each is verified on
 * its shingles. Other sites only, one page per site.
 */
async function carriersFor(
  sightings: { index(name: 'byBand'): { getAllKeys(key: string, count?: number): Promise<string[]> }; get(key: string): Promise<Sighting | undefined> },
  texts: { text: string; source: string; site: string }[],
): Promise<Carrier[][]> {
  const bandIndex = sightings.index('byBand');
  const sets = texts.map((t) => shingles(t.text));
  const keysPerText = sets.map((set) => bandKeysOf(set));
  const allKeys = [...new Set(keysPerText.flat())];
  const slot = new Map(allKeys.map((k, i) => [k, i]));
  const byKey = await Promise.all(allKeys.map((k) => bandIndex.getAllKeys(k, PER_BAND)));
  const candidatesPerText = keysPerText.map((keys) => {
    const shared = new Map<string, number>();
    for (const key of keys) for (const id of byKey[slot.get(key)!]!) shared.set(id, (shared.get(id) ?? 0) + 1);
    return [...shared.entries()].sort((a, b) => b[1] - a[1]).slice(0, CANDIDATES).map(([id]) => id);
  });
  const ids = [...new Set(candidatesPerText.flat())];
  const records = await Promise.all(ids.map((id) => sightings.get(id)));
  const byId = new Map(ids.map((id, i) => [id, records[i]]));
  return texts.map(({ source, site }, t) => {
    const bySite = new Map<string, Carrier>();
    for (const id of candidatesPerText[t]!) {
      const other = byId.get(id);
      if (!other || other.source === source || other.site === site || bySite.has(other.site)) continue;
      if (!isNearDuplicateSets(sets[t]!, shingles(other.text))) continue;
      bySite.set(other.site, { site: other.site, source: other.source, title: other.title, text: other.text });
      if (bySite.size >= CARRIERS) break;
    }
    return [...bySite.values()].sort((a, b) => a.site.localeCompare(b.site));
  });
}

/**
 * One page of an actor's ledger. Three index ranges are walked from the cursor — sightings
 * by speaker, annotations by actor, annotations by speaker-only — `limit` from each, merged
 * by (time, id), and the first `limit` kept; the next page starts after the last kept. A
 * saved annotation of a passage Claimlens also saw is shown once, on that sighting.
 */
export async function ledgerPage(
  db: ClaimlensDB,
  actor: string,
  options: { limit: number; after?: LedgerCursor | null; order?: LedgerOrder },
): Promise<LedgerPage> {
  const { limit } = options;
  const order = options.order ?? 'newest';
  const range = rangeAfter(actor, options.after ?? null, order);
  const tx = db.transaction(['sightings', 'annotations'], 'readonly');
  const sightings = tx.objectStore('sightings');
  const annotations = tx.objectStore('annotations');
  type Item = Keyed<{ sighting: Sighting } | { annotation: Annotation }>;
  const [seen, about, spoke, seenTotal, aboutTotal, spokeTotal] = await Promise.all([
    take(sightings.index('bySpeakerTime') as never, range, order, limit, (v) => ({ sighting: v as Sighting })),
    take(annotations.index('byActorTime') as never, range, order, limit, (v) => ({ annotation: fromStored(v as Annotation) })),
    take(annotations.index('bySpeakerOnly') as never, range, order, limit, (v) => ({ annotation: fromStored(v as Annotation) })),
    sightings.index('bySpeakerTime').count(whole(actor)),
    annotations.index('byActorTime').count(whole(actor)),
    annotations.index('bySpeakerOnly').count(whole(actor)),
  ]);
  const sign = order === 'newest' ? -1 : 1;
  const merged: Item[] = [...seen, ...about, ...spoke]
    .sort((a, b) => sign * (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
  const last = merged[merged.length - 1];
  const next = last && merged.length >= limit ? { time: last.time, id: last.id } : null;

  // A saved passage and the claim it is, told apart from other saved passages of the page.
  const pageSightings = new Map<string, Promise<Sighting[]>>();
  const seenOn = (source: string) => {
    if (!pageSightings.has(source)) pageSightings.set(source, sightings.index('bySource').getAll(source));
    return pageSightings.get(source)!;
  };
  const pageSaved = new Map<string, Promise<Annotation[]>>();
  const savedOn = (source: string) => {
    if (!pageSaved.has(source)) pageSaved.set(source, annotations.index('bySource').getAll(source).then((all) => all.map((a) => fromStored(a))));
    return pageSaved.get(source)!;
  };

  const entries: LedgerEntry[] = [];
  for (const item of merged) {
    if ('sighting' in item.value) {
      const { sighting } = item.value;
      const saved = (await savedOn(sighting.source)).filter((a) => quoteMatches(quoteSelectorOf(a)?.exact ?? '', sighting.text));
      entries.push({ kind: 'seen', time: item.time, sighting, saved, carriedBy: [] });
    } else {
      const { annotation } = item.value;
      const quote = quoteSelectorOf(annotation)?.exact ?? '';
      const onPage = await seenOn(annotation.target.source);
      // Shown with the claim it is, in the actor's ledger, wherever that claim's page lands.
      if (onPage.some((s) => s.speaker === actor && quoteMatches(quote, s.text))) continue;
      entries.push({ kind: 'saved', time: item.time, annotation, carriedBy: [] });
    }
  }
  const carriers = await carriersFor(
    sightings as never,
    entries.map((e) =>
      e.kind === 'seen'
        ? { text: e.sighting.text, source: e.sighting.source, site: e.sighting.site }
        : { text: quoteSelectorOf(e.annotation)?.exact ?? '', source: e.annotation.target.source, site: e.annotation.claimlens.site },
    ),
  );
  entries.forEach((e, i) => (e.carriedBy = carriers[i]!));
  await tx.done;
  return { entries, next, seen: seenTotal, saved: aboutTotal + spokeTotal };
}

/** Annotation records for store and export tests, varied but deterministic. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { Annotation, AnnotationKind, Sourcing } from '../../../src/annotation/record';
import { openClaimlensDB, type ClaimlensDB } from '../../../src/store/db';

export interface Spec {
  i: number;
  site?: string;
  path?: string;
  exact?: string;
  note?: string;
  tags?: string[];
  actors?: string[];
  kind?: AnnotationKind;
  sourcing?: Sourcing | null;
  title?: string;
  created?: string;
}

const SITES = ['ledger.example', 'courier.example', 'gazette.example'];
const ACTORS = ['Jake Sullivan', 'Kim Jong Un', 'European Commission', 'Ursula von der Leyen'];
const WORDS = ['tariff', 'sanctions', 'deterrence', 'missile', 'summit', 'ceasefire', 'election', 'inflation'];

export function uuid(i: number): string {
  return `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

export function makeAnnotation(spec: Spec): Annotation {
  const { i } = spec;
  const site = spec.site ?? SITES[i % SITES.length]!;
  const source = `https://www.${site}/${spec.path ?? `story/${i % 7}`}`;
  const exact = spec.exact ?? `Officials said the ${WORDS[i % WORDS.length]} talks (round ${i}) would continue`;
  const note = spec.note ?? (i % 3 === 0 ? `check ${WORDS[(i + 1) % WORDS.length]} figures` : '');
  const tags = spec.tags ?? (i % 4 === 0 ? ['follow-up'] : i % 5 === 0 ? ['follow-up', 'energy'] : []);
  const created = spec.created ?? new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    id: uuid(i),
    created,
    modified: created,
    motivation: note ? 'commenting' : tags.length ? 'tagging' : 'highlighting',
    body: [
      ...(note ? [{ type: 'TextualBody' as const, value: note, purpose: 'commenting' as const }] : []),
      ...tags.map((value) => ({ type: 'TextualBody' as const, value, purpose: 'tagging' as const })),
    ],
    target: {
      source,
      title: spec.title ?? `Story ${i % 7} on ${site}`,
      selector: [
        { type: 'TextQuoteSelector', exact, prefix: 'In Seoul, ', suffix: ', an aide added.' },
        { type: 'TextPositionSelector', start: 10 * i, end: 10 * i + exact.length },
      ],
    },
    claimlens: {
      kind: spec.kind ?? (['actor', 'claim', 'manual'] as const)[i % 3]!,
      actors: spec.actors ?? [ACTORS[i % ACTORS.length]!],
      speaker: i % 2 ? (ACTORS[i % ACTORS.length] ?? null) : null,
      sourcing: spec.sourcing !== undefined ? spec.sourcing : ([null, 'named', 'vague', 'unattributed'] as const)[i % 4]!,
      site,
    },
  };
}

export function makeMany(n: number, from = 0): Annotation[] {
  return Array.from({ length: n }, (_, k) => makeAnnotation({ i: from + k }));
}

let counter = 0;
/** A fresh, private database: its own fake-indexeddb factory, so tests never share state. */
export async function freshDb(): Promise<{ db: ClaimlensDB; factory: IDBFactory; name: string }> {
  const factory = new IDBFactory();
  const name = `claimlens-test-${++counter}`;
  return { db: await openClaimlensDB(factory, name), factory, name };
}

/**
 * Everything the annotation stores hold, raw: records (with `derived`), postings and counters,
 * each in key order. For "unchanged" comparisons.
 */
export async function snapshot(db: ClaimlensDB): Promise<unknown[]> {
  const tx = db.transaction(['annotations', 'postings', 'facetCounts']);
  const all = (name: 'annotations' | 'postings' | 'facetCounts') =>
    Promise.all([tx.objectStore(name).getAllKeys(), tx.objectStore(name).getAll() as Promise<unknown[]>]);
  const stores = await Promise.all([all('annotations'), all('postings'), all('facetCounts')]);
  await tx.done;
  return stores;
}

export const TIE = '2026-01-01T01:00:00.000Z';
export const LATER_TIE = '2026-01-01T02:00:00.000Z';

/** 150 records over three sites; some name two actors, some none; two clusters share a millisecond. */
export function tiedDataset(): Annotation[] {
  return Array.from({ length: 150 }, (_, i) => {
    const spec: Spec = { i };
    if (i % 9 === 0) spec.actors = [];
    else if (i % 5 === 0) spec.actors = ['Kim Jong Un', 'Jake Sullivan'];
    if (i >= 40 && i < 52) spec.created = TIE;
    if (i >= 90 && i < 96) spec.created = LATER_TIE;
    return makeAnnotation(spec);
  });
}

/**
 * How many annotations there are in all and per site, actor, tag, kind and sourcing level,
 * kept in the `facetCounts` store (v4) and changed in the same transaction as the records.
 *
 * Why stored counters: IndexedDB counts by walking a key range, so an exact total cost about
 * 0.6 s at 100,000 records, on every first screen and every filter menu. A counter read is one
 * request whatever the size. Because each write adjusts the counters inside its own read-write
 * transaction, and IndexedDB runs overlapping read-write transactions one after another, two
 * tabs saving at the same moment both count, and a rolled-back import counts nothing.
 *
 * A value whose count falls to zero is deleted, so the stored values are exactly the facet
 * values in use (the filter menus list them).
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { Annotation } from '../annotation/record';
import { tagsOf } from '../annotation/record';
import type { ClaimlensSchema } from './db';
import { NO_SOURCING } from './stored';

export type CountedFacet = 'all' | 'site' | 'actor' | 'tag' | 'kind' | 'sourcing';
/** [facet, value]; the total is ['all', '']. */
export type CountKey = [CountedFacet, string];

export const TOTAL: CountKey = ['all', ''];

/** Every counter one annotation adds to. */
export function countKeysOf(annotation: Annotation): CountKey[] {
  const meta = annotation.claimlens;
  return [
    TOTAL,
    ['site', meta.site],
    ['kind', meta.kind],
    ['sourcing', meta.sourcing ?? NO_SOURCING],
    ...[...new Set(meta.actors)].map((actor): CountKey => ['actor', actor]),
    ...[...new Set(tagsOf(annotation))].map((tag): CountKey => ['tag', tag]),
  ];
}

/** Counter changes gathered in memory, so a batch of writes touches each counter once. */
export class CountChanges {
  private readonly changes = new Map<string, { key: CountKey; by: number }>();

  add(annotation: Annotation, sign: 1 | -1 = 1): this {
    for (const key of countKeysOf(annotation)) {
      const id = `${key[0]}\u0000${key[1]}`;
      const change = this.changes.get(id);
      if (change) change.by += sign;
      else this.changes.set(id, { key, by: sign });
    }
    return this;
  }

  remove(annotation: Annotation): this {
    return this.add(annotation, -1);
  }

  /** Writes the changes into the transaction's `facetCounts` store; requests go out together. */
  async apply(store: WritableCounts): Promise<void> {
    const pending = [...this.changes.values()]
      .filter(({ by }) => by !== 0)
      .map(async ({ key, by }) => {
        const count = ((await store.get(key)) ?? 0) + by;
        // Never negative: a counter that drifted (a record too damaged to count) stays usable.
        await (count > 0 ? store.put(count, key) : store.delete(key));
      });
    await Promise.all(pending);
  }
}

type CountStore<Mode extends IDBTransactionMode> = IDBPObjectStore<ClaimlensSchema, ArrayLike<StoreNames<ClaimlensSchema>>, 'facetCounts', Mode>;
export type WritableCounts = CountStore<'readwrite'> | CountStore<'versionchange'>;
type ReadableCounts = CountStore<IDBTransactionMode>;

/** One counter; 0 when there is none. */
export async function readCount(store: ReadableCounts, key: CountKey): Promise<number> {
  return (await store.get(key)) ?? 0;
}

export interface CountedValue {
  value: string;
  count: number;
}

/** Every value of one facet with its count, in value order; `from` skips values before it. */
export async function readFacetCounts(store: ReadableCounts, facet: Exclude<CountedFacet, 'all'>, from = ''): Promise<CountedValue[]> {
  const range = IDBKeyRange.bound([facet, from], [facet, []]);
  const [keys, counts] = await Promise.all([store.getAllKeys(range), store.getAll(range)]);
  return keys.map((key, i) => ({ value: key[1], count: counts[i]! }));
}

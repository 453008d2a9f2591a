/**
 * `IDBIndex.getAllRecords` (Chrome 141+, https://w3c.github.io/IndexedDB/#dom-idbindex-getallrecords):
 * many records of a key range in one request, in either direction, each with its index key, so
 * the next request can start strictly after the last one. `getAll` only reads forwards and
 * returns no keys; a cursor costs a round trip per record.
 *
 * Not in TypeScript's DOM types, Firefox or fake-indexeddb: the types are declared here and
 * callers check `hasGetAllRecords` and fall back to another read where it is missing.
 */
export interface IndexRecord<Value> {
  key: IDBValidKey;
  primaryKey: IDBValidKey;
  value: Value;
}

export interface GetAllRecordsOptions {
  query?: IDBKeyRange | null;
  count?: number;
  direction?: IDBCursorDirection;
}

interface IndexWithRecords extends IDBIndex {
  getAllRecords(options?: GetAllRecordsOptions): IDBRequest<IndexRecord<unknown>[]>;
}

/** Takes the raw index (idb's `unwrap`): idb's wrapper does not know the method. */
export function hasGetAllRecords(index: IDBIndex): index is IndexWithRecords {
  return typeof (index as Partial<IndexWithRecords>).getAllRecords === 'function';
}

/** The records of `query` on `index`, `count` at most, in `direction`. */
export function getAllRecords<Value>(index: IndexWithRecords, options: GetAllRecordsOptions): Promise<IndexRecord<Value>[]> {
  const request = index.getAllRecords(options);
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as IndexRecord<Value>[]);
    request.onerror = () => reject(request.error);
  });
}

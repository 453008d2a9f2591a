/**
 * Store failures as typed errors with messages a reader can act on. IndexedDB reports
 * problems as DOMExceptions whose names differ by cause; callers (the background's handlers)
 * switch on `code`, and show `message`.
 */

export type StoreErrorCode = 'quota' | 'not-found' | 'conflict' | 'closed' | 'aborted' | 'corrupt' | 'unknown';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

function nameOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
}

/**
 * Maps whatever a transaction threw to a StoreError. `doing` completes the sentence
 * "Claimlens could not …", e.g. "save the annotation".
 */
export function toStoreError(error: unknown, doing: string): StoreError {
  if (error instanceof StoreError) return error;
  const name = nameOf(error);
  const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
  switch (name) {
    case 'QuotaExceededError':
      return new StoreError(
        'quota',
        `Claimlens could not ${doing}: the browser's storage for the extension is full. Nothing was changed. ` +
          'Export and delete old annotations, or free disk space, then try again.',
        { cause: error },
      );
    case 'ConstraintError':
      return new StoreError('conflict', `Claimlens could not ${doing}: a record with the same id already exists.`, {
        cause: error,
      });
    case 'InvalidStateError':
    case 'TransactionInactiveError':
      return new StoreError('closed', `Claimlens could not ${doing}: the database was closed. Nothing was changed; try again.`, {
        cause: error,
      });
    case 'AbortError':
      return new StoreError('aborted', `Claimlens could not ${doing}: the change was cancelled and nothing was written.${detail}`, {
        cause: error,
      });
    case 'DataCloneError':
    case 'DataError':
      return new StoreError('corrupt', `Claimlens could not ${doing}: a record could not be stored as it is.${detail}`, {
        cause: error,
      });
    default:
      return new StoreError('unknown', `Claimlens could not ${doing}.${detail}`, { cause: error });
  }
}

/**
 * A transaction aborted by a quota error rejects its requests with AbortError and puts the
 * real cause on `transaction.error`; prefer that cause so the reader hears "storage is full".
 */
export function transactionError(error: unknown, tx: { error: DOMException | null } | undefined, doing: string): StoreError {
  let cause: unknown = error;
  try {
    if (nameOf(error) === 'AbortError' && tx?.error) cause = tx.error;
  } catch {
    // Reading `error` of an unfinished transaction throws; the request's own error stands.
  }
  return toStoreError(cause, doing);
}

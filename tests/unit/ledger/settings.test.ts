import { describe, expect, it } from 'vitest';
import { readLedgerSettings } from '../../../src/settings';

describe('the ledger switch', () => {
  it.each([
    [undefined, true],
    [null, true],
    ['off', true],
    [{ record: 'no' }, true],
    [{ record: false }, false],
    [{ record: true, extra: 1 }, true],
  ])('reads %j leniently as record=%s (default on)', (raw, record) => {
    expect(readLedgerSettings(raw)).toEqual({ record });
  });
});

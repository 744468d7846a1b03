import { describe, expect, it } from 'vitest';
import { normalizeSequenceOptions } from '../../src/catalog/normalize.js';
import { isStrataError } from '../../src/errors/strata-error.js';

describe('normalizeSequenceOptions', () => {
  it("drops every option equal to PostgreSQL's default for the type", () => {
    expect(
      normalizeSequenceOptions(
        { start: '1', increment: '1', minValue: '1', maxValue: '2147483647', cache: '1', cycle: false },
        'integer',
      ),
    ).toEqual({});
    expect(normalizeSequenceOptions({ maxValue: '9223372036854775807' }, 'bigint')).toEqual({});
    expect(normalizeSequenceOptions({ maxValue: '32767' }, 'smallint')).toEqual({});
  });

  it('keeps the options that differ, in canonical decimal form', () => {
    expect(
      normalizeSequenceOptions({ start: '+0100', increment: '5', cache: '20', cycle: true }, 'bigint'),
    ).toEqual({
      start: '100',
      increment: '5',
      cache: '20',
      cycle: true,
    });
  });

  it('knows that the type decides the default maximum', () => {
    expect(normalizeSequenceOptions({ maxValue: '2147483647' }, 'bigint')).toEqual({
      maxValue: '2147483647',
    });
  });

  it('starts an ascending sequence at its minimum and a descending one at its maximum', () => {
    expect(normalizeSequenceOptions({ start: '10', minValue: '10' }, 'integer')).toEqual({ minValue: '10' });
    expect(
      normalizeSequenceOptions(
        { start: '-1', increment: '-1', minValue: '-2147483648', maxValue: '-1' },
        'integer',
      ),
    ).toEqual({ increment: '-1' });
  });

  it('rejects a value that is not a whole number', () => {
    let caught: unknown;
    try {
      normalizeSequenceOptions({ cache: '1.5' }, 'integer');
    } catch (error) {
      caught = error;
    }
    expect(isStrataError(caught, 'SCHEMA_INVALID')).toBe(true);
    expect((caught as Error).message).toContain('cache');
  });
});

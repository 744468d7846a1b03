import { describe, expect, it } from 'vitest';
import { isRetryableError, withRetry } from '../../src/db/with-retry.js';
import { StrataError } from '../../src/errors/strata-error.js';

function failing(codes: readonly StrataError['code'][]): {
  fn: (attempt: number) => Promise<string>;
  calls: number[];
} {
  const calls: number[] = [];
  return {
    calls,
    fn: async (attempt) => {
      calls.push(attempt);
      const code = codes[calls.length - 1];
      if (code !== undefined) throw new StrataError(code, code);
      return `done after ${attempt}`;
    },
  };
}

describe('withRetry', () => {
  it('retries serialization failures and deadlocks, reporting each retry', async () => {
    const { fn, calls } = failing(['SERIALIZATION_FAILURE', 'DEADLOCK']);
    const retries: Array<[string, number]> = [];
    const result = await withRetry(fn, {
      retries: 3,
      baseDelayMs: 1,
      onRetry: (error, attempt) => retries.push([error.code, attempt]),
    });
    expect(result).toBe('done after 3');
    expect(calls).toEqual([1, 2, 3]);
    expect(retries).toEqual([
      ['SERIALIZATION_FAILURE', 1],
      ['DEADLOCK', 2],
    ]);
  });

  it('gives up after the given number of retries with the last error', async () => {
    const { fn, calls } = failing(['DEADLOCK', 'DEADLOCK', 'SERIALIZATION_FAILURE']);
    await expect(withRetry(fn, { retries: 2, baseDelayMs: 1 })).rejects.toMatchObject({
      code: 'SERIALIZATION_FAILURE',
    });
    expect(calls).toEqual([1, 2, 3]);
  });

  it('does not retry other errors', async () => {
    const { fn, calls } = failing(['UNIQUE_VIOLATION']);
    await expect(withRetry(fn, { retries: 5, baseDelayMs: 1 })).rejects.toMatchObject({
      code: 'UNIQUE_VIOLATION',
    });
    expect(calls).toEqual([1]);
  });

  it('backs off exponentially up to maxDelayMs', async () => {
    const { fn } = failing(['DEADLOCK', 'DEADLOCK', 'DEADLOCK', 'DEADLOCK']);
    const delays: number[] = [];
    await withRetry(fn, {
      retries: 4,
      baseDelayMs: 8,
      maxDelayMs: 20,
      onRetry: (_e, _a, ms) => delays.push(ms),
    });
    expect(delays).toHaveLength(4);
    // Jitter keeps each delay between half and all of min(max, base * 2^n).
    const ceilings = [8, 16, 20, 20];
    delays.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(ceilings[i]! / 2);
      expect(ms).toBeLessThanOrEqual(ceilings[i]!);
    });
  });

  it('refuses a negative or fractional number of retries', async () => {
    await expect(withRetry(async () => 1, { retries: -1 })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(withRetry(async () => 1, { retries: 1.5 })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('recognises retryable errors', () => {
    expect(isRetryableError(new StrataError('SERIALIZATION_FAILURE', 'x'))).toBe(true);
    expect(isRetryableError(new StrataError('CHECK_VIOLATION', 'x'))).toBe(false);
    expect(isRetryableError(new Error('x'))).toBe(false);
  });
});

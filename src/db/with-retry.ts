import { StrataError } from '../errors/strata-error.js';
import { isPostgresError } from './wrap-database-error.js';

/** How `withRetry` (and `db.transaction(fn, { retries })`) retries. */
export interface RetryOptions {
  /** Retries after the first attempt (so `retries: 3` makes at most 4 attempts). */
  readonly retries: number;
  /** Called before each retry, e.g. to log or count; `attempt` is the attempt that failed (1-based). */
  readonly onRetry?: (error: StrataError, attempt: number, delayMs: number) => void;
  /** First backoff delay; each retry doubles it, with jitter. Default 20 ms. */
  readonly baseDelayMs?: number;
  /** Longest backoff delay. Default 1000 ms. */
  readonly maxDelayMs?: number;
}

/**
 * Whether retrying the whole transaction may succeed: a serialization failure (40001) or a
 * deadlock (40P01), as a `StrataError` or as the raw driver error.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof StrataError)
    return error.code === 'SERIALIZATION_FAILURE' || error.code === 'DEADLOCK';
  return isPostgresError(error) && (error.code === '40001' || error.code === '40P01');
}

/**
 * Runs `fn`, and runs it again when it fails with a serialization failure or a deadlock,
 * waiting an exponentially growing, jittered delay between attempts. Any other error, or the
 * last retryable one, is thrown. `fn` must be safe to repeat: put the whole transaction in it.
 *
 * @example
 * ```ts
 * import { type Database, type Session, withRetry } from 'strata';
 *
 * declare const db: Database;
 * declare function transfer(tx: Session, from: string, to: string, amount: number): Promise<number>;
 * const total = await withRetry(
 *   () => db.transaction(async (tx) => transfer(tx, 'alice', 'bob', 10), { isolationLevel: 'serializable' }),
 *   { retries: 5, onRetry: (error, attempt) => console.warn(`attempt ${attempt} failed: ${error.code}`) },
 * );
 * ```
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { retries } = options;
  if (!Number.isInteger(retries) || retries < 0) {
    throw new StrataError('USAGE', `retries must be a whole number of 0 or more; got ${String(retries)}.`);
  }
  const baseDelayMs = options.baseDelayMs ?? 20;
  const maxDelayMs = options.maxDelayMs ?? 1000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt > retries || !isRetryableError(error)) throw error;
      const delayMs = Math.round(
        Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2),
      );
      options.onRetry?.(asStrataError(error), attempt, delayMs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

function asStrataError(error: unknown): StrataError {
  if (error instanceof StrataError) return error;
  const code = isPostgresError(error) && error.code === '40P01' ? 'DEADLOCK' : 'SERIALIZATION_FAILURE';
  const message = error instanceof Error ? error.message : String(error);
  return new StrataError(code, message, {}, { cause: error });
}

import { StrataError } from '../errors/strata-error.js';

/** Where a page of files ended: the last file's creation time (µs since 1970) and id. */
export interface PageCursor {
  readonly kind: 'pageCursor';
  readonly createdMicros: string;
  readonly id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID in its usual 8-4-4-4-12 form. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * An opaque, URL-safe cursor for a page position. Microseconds rather than a `Date`: a JS date
 * keeps milliseconds only, and rows created within one millisecond would be skipped.
 */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(`${cursor.createdMicros}:${cursor.id}`, 'utf8').toString('base64url');
}

/** Reads a cursor from `encodeCursor`; anything else is FILE_INVALID. */
export function decodeCursor(text: string): PageCursor {
  const decoded = typeof text === 'string' ? Buffer.from(text, 'base64url').toString('utf8') : '';
  const match = /^(-?\d{1,19}):(.+)$/.exec(decoded);
  if (!match || !isUuid(match[2])) {
    throw new StrataError(
      'FILE_INVALID',
      `The cursor ${JSON.stringify(text)} is not one FileStore.list returned: pass its nextCursor unchanged, or no cursor for the first page.`,
      { cursor: text },
    );
  }
  return { kind: 'pageCursor', createdMicros: match[1]!, id: match[2]! };
}

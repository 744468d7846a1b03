import { describe, expect, it } from 'vitest';
import { StrataError } from '../../src/errors/strata-error.js';
import { decodeCursor, encodeCursor } from '../../src/files/page-cursor.js';

describe('file page cursors', () => {
  it('round-trips a position with microsecond precision', () => {
    const cursor = {
      kind: 'pageCursor' as const,
      createdMicros: '1732270000123456',
      id: '0b7c1a8e-3f4d-4b6a-9c2e-1d2f3a4b5c6d',
    };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it('refuses text that is not a cursor', () => {
    for (const text of ['', 'bogus', Buffer.from('123:not-a-uuid').toString('base64url')]) {
      let error: unknown;
      try {
        decodeCursor(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StrataError);
      expect((error as StrataError).code).toBe('FILE_INVALID');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { qualifiedIdent, quoteIdent, quoteIdentList, quoteLiteral } from '../../src/ddl/index.js';
import { isStrataError } from '../../src/errors/strata-error.js';

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('quoteIdent', () => {
  it.each(['users', '_private', 'created_at2', 'name', 'type', 'comment', 'version'])(
    'leaves %s bare: lower case and not a keyword PostgreSQL reserves',
    (name) => {
      expect(quoteIdent(name)).toBe(name);
    },
  );

  it.each([
    ['user', '"user"'],
    ['select', '"select"'],
    ['order', '"order"'],
    ['table', '"table"'],
    ['position', '"position"'],
    ['time', '"time"'],
    ['json', '"json"'],
  ])('quotes the keyword %s', (name, quoted) => {
    expect(quoteIdent(name)).toBe(quoted);
  });

  it.each([
    ['Order', '"Order"'],
    ['a"b', '"a""b"'],
    ['placed at', '"placed at"'],
    ['1st', '"1st"'],
    ['a$b', '"a$b"'],
    ['café', '"café"'],
    ['a-b', '"a-b"'],
  ])('quotes %s, which is not all lower-case letters, digits and underscores', (name, quoted) => {
    expect(quoteIdent(name)).toBe(quoted);
  });

  it('rejects an empty name', () => {
    const error = errorOf(() => quoteIdent(''));
    expect(isStrataError(error, 'SCHEMA_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/empty/);
  });

  it('rejects a name with a NUL character', () => {
    expect(
      isStrataError(
        errorOf(() => quoteIdent('a\0b')),
        'SCHEMA_INVALID',
      ),
    ).toBe(true);
  });

  it('accepts 63 bytes and rejects 64, counting UTF-8 bytes rather than characters', () => {
    expect(quoteIdent('a'.repeat(63))).toBe('a'.repeat(63));
    const tooLong = errorOf(() => quoteIdent('a'.repeat(64)));
    expect(isStrataError(tooLong, 'SCHEMA_INVALID')).toBe(true);
    expect((tooLong as Error).message).toMatch(/64 bytes.*63 bytes/);
    expect(
      isStrataError(
        errorOf(() => quoteIdent('é'.repeat(32))),
        'SCHEMA_INVALID',
      ),
    ).toBe(true);
  });
});

describe('quoteIdentList', () => {
  it('joins quoted names with commas', () => {
    expect(quoteIdentList(['id', 'Order', 'user'])).toBe('id, "Order", "user"');
  });
});

describe('qualifiedIdent', () => {
  it('leaves objects in public unqualified', () => {
    expect(qualifiedIdent('public', 'users')).toBe('users');
    expect(qualifiedIdent('public', 'user')).toBe('"user"');
  });

  it('always qualifies other schemas, quoting each part on its own', () => {
    expect(qualifiedIdent('app', 'tasks')).toBe('app.tasks');
    expect(qualifiedIdent('Billing', 'Order')).toBe('"Billing"."Order"');
    expect(qualifiedIdent('public2', 'a.b')).toBe('public2."a.b"');
  });
});

describe('quoteLiteral', () => {
  it('wraps text in single quotes and doubles the quotes inside', () => {
    expect(quoteLiteral('draft')).toBe("'draft'");
    expect(quoteLiteral("won't do")).toBe("'won''t do'");
    expect(quoteLiteral('')).toBe("''");
  });

  it('writes text with backslashes as an E literal so it reads the same under any standard_conforming_strings', () => {
    expect(quoteLiteral('C:\\tmp')).toBe("E'C:\\\\tmp'");
    expect(quoteLiteral("it's \\n")).toBe("E'it''s \\\\n'");
  });

  it('rejects a NUL character, which PostgreSQL text cannot hold', () => {
    expect(
      isStrataError(
        errorOf(() => quoteLiteral('a\0b')),
        'VALUE_INVALID',
      ),
    ).toBe(true);
  });
});

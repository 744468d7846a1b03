import { describe, expect, it } from 'vitest';
import { isConfigValidator, runValidator } from '../../src/configuration/index.js';

describe('runValidator', () => {
  describe('a function', () => {
    it('accepts when it returns nothing, true or an empty list', async () => {
      for (const answer of [undefined, null, true, []]) {
        expect(await runValidator(() => answer, { a: 1 })).toEqual({ kind: 'valid', value: { a: 1 } });
      }
    });

    it('rejects with the messages it returns', async () => {
      expect(await runValidator(() => ['a is missing', 'b is too long'], {})).toEqual({
        kind: 'invalid',
        issues: ['a is missing', 'b is too long'],
      });
      expect(await runValidator(() => 'not allowed', {})).toEqual({
        kind: 'invalid',
        issues: ['not allowed'],
      });
      expect(await runValidator(() => false, {})).toEqual({
        kind: 'invalid',
        issues: ['rejected by the validator'],
      });
    });

    it('may be async', async () => {
      expect(await runValidator(async () => ['later'], {})).toEqual({ kind: 'invalid', issues: ['later'] });
    });
  });

  describe('a zod-like schema', () => {
    const schema = {
      safeParse: (value: unknown) =>
        typeof value === 'number'
          ? ({ success: true, data: value * 2 } as const)
          : ({
              success: false,
              error: {
                issues: [
                  { path: ['limits', 0, 'max'], message: 'Expected number' },
                  { path: [], message: 'Bad root' },
                ],
              },
            } as const),
    };

    it('stores the parsed data, not the input', async () => {
      expect(await runValidator(schema, 21)).toEqual({ kind: 'valid', value: 42 });
    });

    it('reports each issue with its path', async () => {
      expect(await runValidator(schema, 'x')).toEqual({
        kind: 'invalid',
        issues: ['limits[0].max: Expected number', 'Bad root'],
      });
    });

    it('uses parse when there is no safeParse, turning what it throws into issues', async () => {
      const parseOnly = {
        parse(value: unknown): string {
          if (typeof value !== 'string') throw new Error('Expected string');
          return value.toUpperCase();
        },
      };
      expect(await runValidator(parseOnly, 'a')).toEqual({ kind: 'valid', value: 'A' });
      expect(await runValidator(parseOnly, 1)).toEqual({ kind: 'invalid', issues: ['Expected string'] });
    });
  });

  describe('a Standard Schema', () => {
    const standard = {
      '~standard': {
        validate: (value: unknown) =>
          typeof value === 'string'
            ? { value: value.trim() }
            : { issues: [{ message: 'Expected string', path: [{ key: 'name' }] }] },
      },
    };

    it('stores its value and reports its issues', async () => {
      expect(await runValidator(standard, ' x ')).toEqual({ kind: 'valid', value: 'x' });
      expect(await runValidator(standard, 3)).toEqual({ kind: 'invalid', issues: ['name: Expected string'] });
    });
  });
});

describe('isConfigValidator', () => {
  it('recognises functions, safeParse, parse and Standard Schema objects, and nothing else', () => {
    expect(isConfigValidator(() => undefined)).toBe(true);
    expect(isConfigValidator({ safeParse: () => ({ success: true, data: 1 }) })).toBe(true);
    expect(isConfigValidator({ parse: (v: unknown) => v })).toBe(true);
    expect(isConfigValidator({ '~standard': { validate: (v: unknown) => ({ value: v }) } })).toBe(true);
    expect(isConfigValidator({ validate: () => true })).toBe(false);
    expect(isConfigValidator('schema')).toBe(false);
    expect(isConfigValidator(null)).toBe(false);
  });
});

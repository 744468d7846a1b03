import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/migrate/diff/index.js';
import { defineSchema, integer, pgEnum, serial, table, text, varchar } from '../../src/schema/index.js';

const t = (columns: Parameters<typeof table>[1]) =>
  defineSchema({ t: table('t', { id: integer().primaryKey(), ...columns }) }).model;

describe('diffSchemas warnings', () => {
  it('marks each destructive operation with its reason', () => {
    const { operations, warnings } = diffSchemas(t({ a: text(), b: varchar(50) }), t({ b: varchar(10) }));
    expect(warnings).toEqual([
      {
        kind: 'destructive',
        operation: operations[0],
        reason: 'drops column t.a and its data; the downgrade recreates it empty',
        message: 'Destructive: drops column t.a and its data; the downgrade recreates it empty.',
      },
      expect.objectContaining({
        kind: 'destructive',
        reason: expect.stringMatching(/narrows character varying\(50\)/),
      }),
    ]);
  });

  it('marks dropping a table and removing an enum label', () => {
    const mood = (values: readonly [string, ...string[]]) => pgEnum('mood', values);
    const before = defineSchema({
      t: table('t', { m: mood(['a', 'b'])() }),
      gone: table('gone', { id: integer() }),
    }).model;
    const after = defineSchema({ t: table('t', { m: mood(['a'])() }) }).model;
    const reasons = diffSchemas(before, after).warnings.map((w) =>
      w.kind === 'destructive' ? w.reason : '',
    );
    expect(reasons).toEqual([
      expect.stringMatching(/drops table gone/),
      expect.stringMatching(/removes 'b' from enum mood/),
    ]);
  });

  it('gives no warning for additive changes', () => {
    expect(
      diffSchemas(t({ a: text() }), t({ a: text(), b: text(), c: integer().default(0) })).warnings,
    ).toEqual([]);
  });

  it('warns that a NOT NULL column without a default cannot be added to a table with rows', () => {
    const { warnings } = diffSchemas(t({}), t({ code: text().notNull() }));
    expect(warnings).toEqual([
      { kind: 'manualStep', message: expect.stringMatching(/t\.code is added NOT NULL without a default/) },
    ]);
  });

  it('asks for a manual step when a column becomes serial', () => {
    const { warnings } = diffSchemas(t({ n: integer().notNull() }), t({ n: serial() }));
    expect(warnings).toEqual([{ kind: 'manualStep', message: expect.stringMatching(/t\.n becomes serial/) }]);
  });
});

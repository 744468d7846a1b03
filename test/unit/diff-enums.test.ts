import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/migrate/diff/index.js';
import { invertOperations, renderOperations } from '../../src/migrate/ops/index.js';
import { check, defineSchema, index, integer, pgEnum, pgSchema, sql, table } from '../../src/schema/index.js';

function model(values: readonly [string, ...string[]], defaultValue?: string) {
  const mood = pgEnum('mood', values);
  const column = defaultValue === undefined ? mood() : mood().default(defaultValue as never);
  return defineSchema({
    diary: table('diary', { id: integer().primaryKey(), mood: column, past: mood().array() }),
  }).model;
}

const diary = { schema: 'public', name: 'diary' };
const mood = { schema: 'public', name: 'mood' };

describe('diffSchemas enums', () => {
  it('adds a label at the end with ADD VALUE, outside the transaction, knowing how to undo it', () => {
    const { operations } = diffSchemas(
      model(['sad', 'happy'], 'sad'),
      model(['sad', 'happy', 'ecstatic'], 'sad'),
    );
    expect(operations).toEqual([
      {
        kind: 'addEnumValue',
        enum: mood,
        value: 'ecstatic',
        existing: {
          values: ['sad', 'happy'],
          usages: [
            { table: diary, column: 'mood', arrayDims: 0, defaultBefore: "'sad'", defaultAfter: "'sad'" },
            { table: diary, column: 'past', arrayDims: 1 },
          ],
        },
      },
    ]);
    expect(renderOperations(operations)).toEqual([
      { sql: "ALTER TYPE mood ADD VALUE 'ecstatic';", transactional: false },
    ]);
  });

  it('adds labels at the start and in the middle in place', () => {
    const { operations } = diffSchemas(model(['sad', 'happy']), model(['awful', 'sad', 'ok', 'happy']));
    expect(renderOperations(operations).map((s) => s.sql)).toEqual([
      "ALTER TYPE mood ADD VALUE 'awful' BEFORE 'sad';",
      "ALTER TYPE mood ADD VALUE 'ok' AFTER 'sad';",
    ]);
  });

  it('recreates the type to remove a label, converting every column and keeping the default', () => {
    const { operations, warnings } = diffSchemas(
      model(['sad', 'ok', 'happy'], 'ok'),
      model(['sad', 'ok'], 'ok'),
    );
    expect(operations).toEqual([
      {
        kind: 'recreateEnum',
        enum: mood,
        from: ['sad', 'ok', 'happy'],
        to: ['sad', 'ok'],
        usages: [
          { table: diary, column: 'mood', arrayDims: 0, defaultBefore: "'ok'", defaultAfter: "'ok'" },
          { table: diary, column: 'past', arrayDims: 1 },
        ],
      },
    ]);
    expect(warnings).toContainEqual(
      expect.objectContaining({ kind: 'destructive', reason: expect.stringMatching(/'happy'/) }),
    );
  });

  it('sets the new default while recreating when the old one is removed', () => {
    const { operations } = diffSchemas(model(['sad', 'happy'], 'happy'), model(['sad'], 'sad'));
    expect(operations).toHaveLength(1);
    expect(operations[0]).toMatchObject({
      kind: 'recreateEnum',
      usages: [{ column: 'mood', defaultBefore: "'happy'", defaultAfter: "'sad'" }, { column: 'past' }],
    });
  });

  it('undoes a removal by adding the label back in place', () => {
    const { operations } = diffSchemas(model(['sad', 'ok', 'happy']), model(['sad', 'happy']));
    expect(invertOperations(operations)).toEqual([
      expect.objectContaining({ kind: 'addEnumValue', value: 'ok', position: { after: 'sad' } }),
    ]);
  });

  it('recreates the type to reorder labels', () => {
    const { operations } = diffSchemas(model(['a', 'b']), model(['b', 'a']));
    expect(operations.map((op) => op.kind)).toEqual(['recreateEnum']);
  });

  it('finds no change when the labels are the same', () => {
    expect(diffSchemas(model(['a', 'b'], 'a'), model(['a', 'b'], 'a')).operations).toEqual([]);
  });

  it('adds labels to an enum in another schema, qualified', () => {
    const app = pgSchema('app');
    const t = (values: readonly [string, ...string[]]) =>
      defineSchema({ t: app.table('t', { id: integer().primaryKey(), l: app.enum('level', values)() }) })
        .model;
    const { operations } = diffSchemas(t(['low', 'high']), t(['low', 'mid', 'high']));
    expect(renderOperations(operations).map((s) => s.sql)).toEqual([
      "ALTER TYPE app.level ADD VALUE 'mid' AFTER 'low';",
    ]);
  });

  it('recreates the type after dropping the columns that go, so their rows cannot stop it', () => {
    const before = defineSchema({
      t: table('t', {
        id: integer().primaryKey(),
        a: pgEnum('mood', ['x', 'y'])(),
        b: pgEnum('mood', ['x', 'y'])(),
      }),
    }).model;
    const after = defineSchema({
      t: table('t', { id: integer().primaryKey(), a: pgEnum('mood', ['x'])() }),
    }).model;
    const { operations } = diffSchemas(before, after);
    expect(operations.map((op) => op.kind)).toEqual(['dropColumn', 'recreateEnum']);
    expect(operations[1]).toMatchObject({ usages: [{ column: 'a' }] });
  });

  it('rebuilds the indexes and checks over the column around a recreated type', () => {
    const build = (values: readonly [string, ...string[]]) => {
      const state = pgEnum('state', values);
      return defineSchema({
        t: table('t', { id: integer().primaryKey(), s: state() }, (c) => [
          index('t_live_idx').on(c.id).where(sql`${c.s} = 'live'`),
          check('t_s_check', sql`${c.s} <> 'gone'`),
        ]),
      }).model;
    };
    const { operations } = diffSchemas(build(['live', 'gone', 'old']), build(['live', 'gone']));
    expect(operations.map((op) => op.kind)).toEqual([
      'dropConstraint',
      'dropIndex',
      'recreateEnum',
      'addConstraint',
      'createIndex',
    ]);
  });

  it('keeps the indexes and checks over the column with an added label, for the downgrade to rebuild', () => {
    const build = (values: readonly [string, ...string[]]) => {
      const state = pgEnum('state', values);
      return defineSchema({
        t: table('t', { id: integer().primaryKey(), s: state() }, (c) => [
          index('t_live_idx').on(c.id).where(sql`${c.s} = 'live'`),
        ]),
      }).model;
    };
    const { operations } = diffSchemas(build(['live']), build(['live', 'new']));
    expect(operations).toEqual([
      expect.objectContaining({
        kind: 'addEnumValue',
        existing: expect.objectContaining({
          dependents: [
            expect.objectContaining({
              kind: 'index',
              index: expect.objectContaining({ name: 't_live_idx' }),
            }),
          ],
        }),
      }),
    ]);
    const down = renderOperations(invertOperations(operations) as never).map((s) => s.sql);
    expect(down[0]).toBe('DROP INDEX t_live_idx;');
    expect(down.at(-1)).toMatch(/^CREATE INDEX t_live_idx ON t/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  invertOperation,
  invertOperations,
  isDestructive,
  isIrreversible,
  type MigrationOperation,
} from '../../src/migrate/ops/index.js';
import { sqlType } from '../../src/model/index.js';
import { OPERATION_SAMPLES } from './ops-samples.js';

const users = { schema: 'public', name: 'users' } as const;

const reversible = Object.entries(OPERATION_SAMPLES).filter(([, op]) => !isIrreversible(invertOperation(op)));
const irreversible = Object.entries(OPERATION_SAMPLES).filter(([, op]) =>
  isIrreversible(invertOperation(op)),
);

describe('invertOperation', () => {
  for (const [name, op] of reversible) {
    it(`gives back the original when inverted twice: ${name}`, () => {
      const inverse = invertOperation(op);
      if (isIrreversible(inverse)) throw new Error(inverse.reason);
      expect(invertOperation(inverse)).toEqual(op);
    });
  }

  it('pairs each create with its drop, carrying the model the drop needs', () => {
    const created = OPERATION_SAMPLES['create table with everything']!;
    const inverse = invertOperation(created);
    expect(inverse).toMatchObject({ kind: 'dropTable', table: { schema: 'app', name: 'tasks' } });
    expect(inverse).toHaveProperty(
      'model',
      (created as Extract<MigrationOperation, { kind: 'createTable' }>).table,
    );
  });

  it('undoes an added enum label by recreating the type without it', () => {
    expect(
      invertOperation(OPERATION_SAMPLES['add enum value first, with a column to convert on the way down']!),
    ).toMatchObject({ kind: 'recreateEnum', from: ['backlog', 'todo', 'done'], to: ['todo', 'done'] });
  });

  it('says why an operation cannot be undone and names how to fix it', () => {
    expect(irreversible.map(([name]) => name).sort()).toEqual(
      [
        'add enum value without what the downgrade needs',
        'alter column type without the previous type',
        'drop constraint without its model',
        'drop default not known',
        'drop enum without its labels',
        'drop index concurrently without its model',
        'drop table without its model',
        'raw sql outside a transaction',
      ].sort(),
    );
    for (const [, op] of irreversible) {
      const inverse = invertOperation(op);
      expect(inverse).toMatchObject({ kind: 'irreversible', operation: op });
      expect(isIrreversible(inverse) && inverse.reason).toMatch(/pass|down/);
    }
  });

  it('turns a raw SQL operation with down into the swapped one', () => {
    expect(invertOperation({ kind: 'sql', sql: 'A;', down: 'B;' })).toEqual({
      kind: 'sql',
      sql: 'B;',
      down: 'A;',
    });
  });

  it('inverts a list into the reversed list of inverses', () => {
    const ops: MigrationOperation[] = [
      {
        kind: 'addColumn',
        table: users,
        column: { kind: 'column', name: 'a', type: sqlType('text'), notNull: false },
      },
      { kind: 'setNotNull', table: users, column: 'a' },
    ];
    expect(invertOperations(ops).map((op) => op.kind)).toEqual(['dropNotNull', 'dropColumn']);
  });
});

describe('isDestructive', () => {
  it('flags dropping a table or a column with data, and says what is lost', () => {
    expect(isDestructive(OPERATION_SAMPLES['drop table']!)).toMatch(
      /drops table app\.tasks with all its rows/,
    );
    expect(isDestructive(OPERATION_SAMPLES['drop column']!)).toMatch(/drops column users\.bio and its data/);
  });

  it('does not flag dropping a generated column, whose values are computed again', () => {
    expect(isDestructive(OPERATION_SAMPLES['drop generated column']!)).toBe(false);
  });

  it('flags a narrowing type change but not a widening one', () => {
    expect(isDestructive(OPERATION_SAMPLES['narrow column type with a collation']!)).toMatch(
      /narrows text to character varying\(20\)/,
    );
    const widen: MigrationOperation = {
      kind: 'alterColumnType',
      table: users,
      column: 'n',
      type: sqlType('bigint'),
      previous: { type: sqlType('integer') },
    };
    expect(isDestructive(widen)).toBe(false);
    const inverse = invertOperation(widen);
    expect(!isIrreversible(inverse) && isDestructive(inverse)).toMatch(/narrows bigint to integer/);
  });

  it('flags removing enum labels, naming them', () => {
    expect(isDestructive(OPERATION_SAMPLES['recreate enum without a label']!)).toMatch(
      /removes 'ok' from enum mood/,
    );
  });

  it('does not flag adding, renaming or commenting', () => {
    for (const name of ['add column with a comment', 'rename column', 'comment on table', 'create index']) {
      expect(isDestructive(OPERATION_SAMPLES[name]!)).toBe(false);
    }
  });
});

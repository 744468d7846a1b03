import { describe, expect, it } from 'vitest';
import { isStrataError } from '../../src/errors/strata-error.js';
import {
  createOperationsApi,
  invertOperations,
  type MigrationOperation,
  renderOperation,
  renderOperationsAsCode,
} from '../../src/migrate/ops/index.js';
import { sqlType } from '../../src/model/index.js';
import { defineSchema, index, integer, pgEnum, table, text, uuid } from '../../src/schema/index.js';
import { OPERATION_SAMPLES } from './ops-samples.js';

function record(
  write: (op: ReturnType<typeof createOperationsApi>['api']) => void,
): readonly MigrationOperation[] {
  const recorder = createOperationsApi();
  write(recorder.api);
  return recorder.operations();
}

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isStrataError(error, 'USAGE')) return error.message;
    throw error;
  }
  throw new Error('expected a USAGE error');
}

/** What a migration file written by renderOperationsAsCode records when its function runs. */
function replay(code: string): readonly MigrationOperation[] {
  const recorder = createOperationsApi();
  new Function('op', code)(recorder.api);
  return recorder.operations();
}

describe('createOperationsApi', () => {
  it('records each call as an operation value, in order', () => {
    const ops = record((op) => {
      op.createSchema('app');
      op.renameColumn('app.tasks', 'name', 'title');
      op.setNotNull({ schema: 'app', name: 'tasks' }, 'title');
    });
    expect(ops).toEqual([
      { kind: 'createSchema', name: 'app' },
      { kind: 'renameColumn', table: { schema: 'app', name: 'tasks' }, from: 'name', to: 'title' },
      { kind: 'setNotNull', table: { schema: 'app', name: 'tasks' }, column: 'title' },
    ]);
  });

  it('freezes what it records, so a migration cannot change an operation afterwards', () => {
    const [op] = record((api) => api.setDefault('users', 'status', "'new'"));
    expect(Object.isFrozen(op)).toBe(true);
    expect(Object.isFrozen((op as Extract<MigrationOperation, { kind: 'setDefault' }>).table)).toBe(true);
  });

  it('takes a DSL table and records the model defineSchema builds for it', () => {
    const users = table('users', {
      id: uuid().primaryKey().defaultRandom(),
      email: text().notNull().unique(),
    });
    const [op] = record((api) => api.createTable(users));
    expect(op).toEqual({ kind: 'createTable', table: defineSchema({ users }).model.tables[0] });
  });

  it('takes a DSL column and a DSL index', () => {
    const users = table('users', { id: integer(), email: text() });
    const ops = record((op) => {
      op.addColumn('users', 'nickname', text().notNull().default('anon'));
      op.createIndex('users', index().on(users.columns.email), { concurrently: true });
    });
    expect(ops[0]).toEqual({
      kind: 'addColumn',
      table: { schema: 'public', name: 'users' },
      column: { kind: 'column', name: 'nickname', type: sqlType('text'), notNull: true, default: "'anon'" },
    });
    expect(ops[1]).toMatchObject({
      kind: 'createIndex',
      concurrently: true,
      index: { name: 'users_email_idx' },
    });
  });

  it('refuses a DSL column that declares constraints, pointing to addConstraint', () => {
    expect(usageError(() => record((op) => op.addColumn('users', 'email', text().unique())))).toMatch(
      /op\.addConstraint/,
    );
  });

  it('takes enums from the DSL or as a name and labels', () => {
    const mood = pgEnum('mood', ['sad', 'happy']);
    const ops = record((op) => {
      op.createEnum(mood);
      op.createEnum('app.level', ['low', 'high']);
    });
    expect(ops).toEqual([
      {
        kind: 'createEnum',
        enum: { kind: 'enum', schema: 'public', name: 'mood', values: ['sad', 'happy'] },
      },
      { kind: 'createEnum', enum: { kind: 'enum', schema: 'app', name: 'level', values: ['low', 'high'] } },
    ]);
  });

  it('parses a type written as SQL text', () => {
    const [op] = record((api) =>
      api.alterColumnType('users', 'code', { type: 'varchar(20)', previous: { type: 'text' } }),
    );
    expect(op).toMatchObject({
      type: sqlType('character varying', [20]),
      previous: { type: sqlType('text') },
    });
  });

  it('names what is wrong with bad input', () => {
    expect(usageError(() => record((op) => op.dropTable('a.b.c')))).toMatch(/'schema\.name'/);
    expect(usageError(() => record((op) => op.createEnum('mood' as never)))).toMatch(/labels/);
    expect(
      usageError(() => record((op) => op.addEnumValue('mood', 'ok', { before: 'happy', after: 'sad' }))),
    ).toMatch(/either before or after/);
  });

  it('makes op.irreversible fail with IRREVERSIBLE and the reason', () => {
    expect(() => record((op) => op.irreversible('data was merged'))).toThrow(/data was merged/);
    try {
      record((op) => op.irreversible('data was merged'));
    } catch (error) {
      expect(isStrataError(error, 'IRREVERSIBLE')).toBe(true);
    }
  });

  it('renders recorded operations to SQL', () => {
    const [op] = record((api) => api.sql('VACUUM users;', null, { transactional: false }));
    expect(renderOperation(op!)).toEqual([{ sql: 'VACUUM users;', transactional: false }]);
  });
});

describe('renderOperationsAsCode', () => {
  const samples = Object.values(OPERATION_SAMPLES);

  it('writes code that records exactly the same operations', () => {
    expect(replay(renderOperationsAsCode(samples))).toEqual(samples);
  });

  it('writes the downgrade as code too, irreversible steps as op.irreversible', () => {
    const down = invertOperations(samples);
    const code = renderOperationsAsCode(down);
    expect(code).toMatch(/op\.irreversible\(\s*'raw SQL without a down statement/);
    expect(() => replay(code)).toThrow(/cannot be downgraded/);
  });

  it('flags destructive operations with their reason', () => {
    const code = renderOperationsAsCode([OPERATION_SAMPLES['drop column']!]);
    expect(code.split('\n')[0]).toBe(
      '// DESTRUCTIVE: drops column users.bio and its data; the downgrade recreates it empty',
    );
  });

  it('gives the same text for the same operations, one call per line where it fits', () => {
    const ops = [OPERATION_SAMPLES['rename column']!, OPERATION_SAMPLES['set not null']!];
    expect(renderOperationsAsCode(ops)).toBe(
      "op.renameColumn('users', 'name', 'user');\nop.setNotNull('users', 'email');\n",
    );
    expect(renderOperationsAsCode([])).toBe('');
  });
});

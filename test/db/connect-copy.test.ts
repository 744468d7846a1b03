import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { isStrataError, StrataError } from '../../src/errors/strata-error.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

let testDb: TestDatabase;
let db: Database;

async function rejection(promise: Promise<unknown>): Promise<StrataError> {
  try {
    await promise;
  } catch (error) {
    if (isStrataError(error)) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

async function stored(): Promise<Array<{ id: number; name: string | null }>> {
  const { rows } = await db.executor.query<{ id: number; name: string | null }>(
    'select id, name from people order by id',
  );
  return rows;
}

/** Binary COPY of (int4, text) rows, as PostgreSQL documents the format. */
function binaryCopy(rows: ReadonlyArray<readonly [number, string]>): Buffer[] {
  const header = Buffer.from([
    0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  ]);
  const body = rows.map(([id, name]) => {
    const text = Buffer.from(name, 'utf8');
    const row = Buffer.alloc(2 + 4 + 4 + 4 + text.length);
    let at = row.writeInt16BE(2, 0);
    at = row.writeInt32BE(4, at);
    at = row.writeInt32BE(id, at);
    at = row.writeInt32BE(text.length, at);
    text.copy(row, at);
    return row;
  });
  return [header, ...body, Buffer.from([0xff, 0xff])];
}

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = await connectTestDatabase(testDb);
  await db.executor.exec('create table people (id int primary key, name text)');
});

afterAll(async () => {
  await db?.close();
  await testDb?.close();
});

beforeEach(async () => {
  await db.executor.exec('truncate people');
});

describe('Session.copyFrom', () => {
  it('loads text-format rows from an async source and reports how many were stored', async () => {
    async function* lines() {
      yield Buffer.from('1\tAda\n2\t');
      yield Buffer.from('Grace\n3\t\\N\n');
    }
    const result = await db.copyFrom('COPY people (id, name) FROM STDIN', lines());
    expect(result).toEqual({ rowCount: 3 });
    expect(await stored()).toEqual([
      { id: 1, name: 'Ada' },
      { id: 2, name: 'Grace' },
      { id: 3, name: null },
    ]);
  });

  it('loads binary COPY data from a plain iterable', async () => {
    const result = await db.copyFrom(
      'copy people (id, name) from stdin with (format binary)',
      binaryCopy([
        [7, 'Édith'],
        [8, 'Kō'],
      ]),
    );
    expect(result.rowCount).toBe(2);
    expect(await stored()).toEqual([
      { id: 7, name: 'Édith' },
      { id: 8, name: 'Kō' },
    ]);
  });

  it('loads CSV with an empty source as zero rows', async () => {
    expect(await db.copyFrom('COPY people (id, name) FROM STDIN WITH (FORMAT csv)', [])).toEqual({
      rowCount: 0,
    });
    expect(await stored()).toEqual([]);
  });

  it('runs inside the transaction: rolled back with it, committed with it', async () => {
    const failure = new Error('stop here');
    await expect(
      db.transaction(async (tx) => {
        expect(await tx.copyFrom('COPY people (id, name) FROM STDIN', [Buffer.from('1\tinside\n')])).toEqual({
          rowCount: 1,
        });
        const seen = await tx.executor.query<{ n: number }>('select count(*)::int as n from people');
        expect(seen.rows[0]?.n).toBe(1);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await stored()).toEqual([]);

    await db.transaction(async (tx) => {
      await tx.copyFrom('COPY people (id, name) FROM STDIN', [Buffer.from('2\tkept\n')]);
    });
    expect(await stored()).toEqual([{ id: 2, name: 'kept' }]);
  });

  it('reports bad data as the PostgreSQL error it is, and the database keeps working', async () => {
    const error = await rejection(
      db.copyFrom('COPY people (id, name) FROM STDIN', [Buffer.from('1\tone\nnot a number\ttwo\n')]),
    );
    expect(error.code).toBe('DATABASE_ERROR');
    expect(error.details.sqlstate).toBe('22P02');
    expect(await stored()).toEqual([]);
    await db.copyFrom('COPY people (id, name) FROM STDIN', [Buffer.from('1\tafter\n')]);
    expect(await stored()).toEqual([{ id: 1, name: 'after' }]);
  });

  it('maps a duplicate key to UNIQUE_VIOLATION', async () => {
    const error = await rejection(
      db.copyFrom('COPY people (id, name) FROM STDIN', [Buffer.from('1\ta\n1\tb\n')]),
    );
    expect(error.code).toBe('UNIQUE_VIOLATION');
    expect(await stored()).toEqual([]);
  });

  it('abandons the COPY when the source throws, rethrowing its error and storing nothing', async () => {
    const failure = new StrataError('VALUE_INVALID', 'row 2 is not valid');
    async function* failing() {
      yield Buffer.from('1\tfirst\n');
      throw failure;
    }
    const error = await rejection(db.copyFrom('COPY people (id, name) FROM STDIN', failing()));
    expect(error).toBe(failure);
    expect(await stored()).toEqual([]);
    expect((await db.executor.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('refuses a statement that is not one COPY … FROM STDIN, naming what it takes', async () => {
    for (const statement of [
      'select 1',
      "COPY people FROM '/etc/passwd'",
      'COPY people TO STDOUT',
      'COPY people FROM STDIN; COPY people FROM STDIN',
    ]) {
      const error = await rejection(db.copyFrom(statement, []));
      expect(error.code).toBe('USAGE');
      expect(error.message).toContain('COPY table (columns) FROM STDIN');
    }
  });

  it('refuses chunks that are not bytes', async () => {
    const error = await rejection(
      db.copyFrom('COPY people (id, name) FROM STDIN', ['1\ttext\n'] as unknown as Uint8Array[]),
    );
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain('Buffer.from(text)');
    expect(await stored()).toEqual([]);
  });

  it('refuses a COPY on a transaction that has ended', async () => {
    const tx = await db.begin();
    await tx.commit();
    const error = await rejection(tx.copyFrom('COPY people (id, name) FROM STDIN', []));
    expect(error.code).toBe('USAGE');
  });
});

import { type Generated, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { isStrataError, StrataError } from '../../src/errors/strata-error.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

interface DB {
  notes: { id: Generated<number>; body: string };
}

let testDb: TestDatabase;
let db: Database<DB>;

async function bodies(): Promise<string[]> {
  const rows = await db.kysely.selectFrom('notes').select('body').orderBy('id').execute();
  return rows.map((row) => row.body);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = await connectTestDatabase<DB>(testDb);
  await db.executor.exec('create table notes (id serial primary key, body text not null unique)');
});

afterAll(async () => {
  await db?.close();
  await testDb?.close();
});

beforeEach(async () => {
  await db.executor.exec('truncate notes restart identity');
});

describe('db.transaction', () => {
  it('commits when the callback resolves and returns its value', async () => {
    const id = await db.transaction(async (tx) => {
      expect(tx.isTransaction).toBe(true);
      expect(tx.backend).toBe(db.backend);
      const row = await tx.kysely
        .insertInto('notes')
        .values({ body: 'a' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.executor.query('insert into notes (body) values ($1)', ['b']);
      return row.id;
    });
    expect(id).toBe(1);
    expect(await bodies()).toEqual(['a', 'b']);
  });

  it('rolls back everything when the callback throws, and rethrows the same error', async () => {
    const failure = new Error('handler failed');
    const error = await rejection(
      db.transaction(async (tx) => {
        await tx.kysely.insertInto('notes').values({ body: 'lost' }).execute();
        await tx.executor.exec("insert into notes (body) values ('lost too'); create table scratch (x int)");
        throw failure;
      }),
    );
    expect(error).toBe(failure);
    expect(await bodies()).toEqual([]);
    const scratch = await db.executor.query("select to_regclass('scratch') as t");
    expect(scratch.rows[0]).toEqual({ t: null });
  });

  it('rolls back when a statement fails and reports the database error', async () => {
    await db.kysely.insertInto('notes').values({ body: 'taken' }).execute();
    const error = await rejection(
      db.transaction(async (tx) => {
        await tx.kysely.insertInto('notes').values({ body: 'new' }).execute();
        await tx.kysely.insertInto('notes').values({ body: 'taken' }).execute();
      }),
    );
    expect(isStrataError(error, 'UNIQUE_VIOLATION')).toBe(true);
    expect(await bodies()).toEqual(['taken']);
  });

  it('makes a nested transaction a savepoint: its failure is undone alone and the outer one commits', async () => {
    await db.transaction(async (tx) => {
      await tx.kysely.insertInto('notes').values({ body: 'outer' }).execute();
      const inner = await rejection(
        tx.transaction(async (nested) => {
          expect(nested.isTransaction).toBe(true);
          await nested.kysely.insertInto('notes').values({ body: 'inner' }).execute();
          await nested.kysely.insertInto('notes').values({ body: 'outer' }).execute();
        }),
      );
      expect(isStrataError(inner, 'UNIQUE_VIOLATION')).toBe(true);
      await tx.transaction(async (nested) => {
        await nested.kysely.insertInto('notes').values({ body: 'kept' }).execute();
        await nested.transaction(async (deeper) => {
          await deeper.kysely.insertInto('notes').values({ body: 'deeper' }).execute();
        });
      });
      await tx.kysely.insertInto('notes').values({ body: 'after' }).execute();
    });
    expect(await bodies()).toEqual(['outer', 'kept', 'deeper', 'after']);
  });

  it('rolls back a committed savepoint when the outer transaction fails', async () => {
    await rejection(
      db.transaction(async (tx) => {
        await tx.transaction(async (nested) => {
          await nested.kysely.insertInto('notes').values({ body: 'inner' }).execute();
        });
        throw new Error('outer fails');
      }),
    );
    expect(await bodies()).toEqual([]);
  });

  it("turns Kysely's own transaction() inside a Strata transaction into a savepoint", async () => {
    await db.transaction(async (tx) => {
      await tx.kysely.insertInto('notes').values({ body: 'outer' }).execute();
      await rejection(
        tx.kysely.transaction().execute(async (trx) => {
          await trx.insertInto('notes').values({ body: 'kysely inner' }).execute();
          throw new Error('undo the inner part');
        }),
      );
      await tx.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ body: 'kysely kept' }).execute();
      });
    });
    expect(await bodies()).toEqual(['outer', 'kysely kept']);
  });

  it('refuses options on a nested transaction', async () => {
    const error = await rejection(
      db.transaction(async (tx) => tx.transaction(async () => 1, { isolationLevel: 'serializable' })),
    );
    expect(isStrataError(error, 'USAGE')).toBe(true);
  });

  it('refuses statements through a transaction session after the transaction ended', async () => {
    const tx = await db.transaction(async (session) => session);
    await expect(tx.executor.query('select 1')).rejects.toMatchObject({ code: 'USAGE' });
    await expect(tx.kysely.selectFrom('notes').selectAll().execute()).rejects.toMatchObject({
      code: 'USAGE',
    });
  });

  it('reports TRANSACTION_FAILED when a failed statement was caught inside and PostgreSQL rolled back', async () => {
    const error = await rejection(
      db.transaction(async (tx) => {
        await tx.kysely.insertInto('notes').values({ body: 'first' }).execute();
        await tx.executor.query('select 1 / 0').catch(() => undefined);
      }),
    );
    expect(isStrataError(error, 'TRANSACTION_FAILED')).toBe(true);
    expect((error as StrataError).message).toContain('tx.transaction');
    expect(await bodies()).toEqual([]);
  });

  it('applies the isolation level and access mode', async () => {
    const level = await db.transaction(
      async (tx) =>
        (
          await sql<{ level: string }>`select current_setting('transaction_isolation') as level`.execute(
            tx.kysely,
          )
        ).rows[0]?.level,
      { isolationLevel: 'serializable' },
    );
    expect(level).toBe('serializable');
    const error = await rejection(
      db.transaction(async (tx) => tx.kysely.insertInto('notes').values({ body: 'x' }).execute(), {
        accessMode: 'read only',
      }),
    );
    expect(isStrataError(error, 'DATABASE_ERROR')).toBe(true);
    expect((error as StrataError).details.sqlstate).toBe('25006');
  });

  it('refuses an unknown isolation level before touching the database', async () => {
    const error = await rejection(
      db.transaction(async () => 1, { isolationLevel: 'serializable; drop table notes' as 'serializable' }),
    );
    expect(isStrataError(error, 'USAGE')).toBe(true);
    expect(await db.executor.query("select to_regclass('notes') as t")).toMatchObject({
      rows: [{ t: 'notes' }],
    });
  });

  it('retries the whole callback on a serialization failure when asked to', async () => {
    let attempts = 0;
    const retried: number[] = [];
    const result = await db.transaction(
      async (tx) => {
        attempts += 1;
        await tx.kysely
          .insertInto('notes')
          .values({ body: `attempt ${attempts}` })
          .execute();
        if (attempts < 3) {
          await tx.executor.exec(
            "do $$ begin raise exception 'simulated conflict' using errcode = 'serialization_failure'; end $$",
          );
        }
        return attempts;
      },
      {
        retries: 3,
        onRetry: (error, attempt) =>
          retried.push(attempt) && expect(error.code).toBe('SERIALIZATION_FAILURE'),
      },
    );
    expect(result).toBe(3);
    expect(retried).toEqual([1, 2]);
    expect(await bodies()).toEqual(['attempt 3']);
  });

  it('does not retry other errors', async () => {
    let attempts = 0;
    await rejection(
      db.transaction(
        async () => {
          attempts += 1;
          throw new StrataError('CHECK_VIOLATION', 'not retryable');
        },
        { retries: 3 },
      ),
    );
    expect(attempts).toBe(1);
  });
});

describe('db.unitOfWork', () => {
  it('runs each call of the wrapped handler in its own transaction, passing the arguments through', async () => {
    const createNote = db.unitOfWork(async (tx, body: string, fail: boolean) => {
      await tx.kysely.insertInto('notes').values({ body }).execute();
      if (fail) throw new StrataError('VALUE_INVALID', `rejected ${body}`);
      return { created: body, inTransaction: tx.isTransaction };
    });
    expect(await createNote('one', false)).toEqual({ created: 'one', inTransaction: true });
    await expect(createNote('two', true)).rejects.toMatchObject({
      code: 'VALUE_INVALID',
      message: 'rejected two',
    });
    expect(await createNote('three', false)).toEqual({ created: 'three', inTransaction: true });
    expect(await bodies()).toEqual(['one', 'three']);
  });

  it('runs concurrent calls in separate transactions', async () => {
    const handler = db.unitOfWork(async (tx, body: string) => {
      await tx.kysely.insertInto('notes').values({ body }).execute();
      if (body.startsWith('bad')) throw new Error(body);
    });
    const results = await Promise.allSettled(['a', 'bad1', 'b', 'bad2', 'c'].map((body) => handler(body)));
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((await bodies()).sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('db.begin', () => {
  it('commits on commit() and reports its state', async () => {
    const tx = await db.begin();
    expect(tx.state).toBe('open');
    expect(tx.isTransaction).toBe(true);
    await tx.kysely.insertInto('notes').values({ body: 'begun' }).execute();
    await tx.commit();
    expect(tx.state).toBe('committed');
    expect(await bodies()).toEqual(['begun']);
  });

  it('undoes the work on rollback(), and rollback() after the end does nothing', async () => {
    const tx = await db.begin();
    await tx.executor.query("insert into notes (body) values ('undone')");
    await tx.rollback();
    expect(tx.state).toBe('rolledBack');
    await tx.rollback();
    expect(await bodies()).toEqual([]);
    const committed = await db.begin();
    await committed.commit();
    await committed.rollback();
    expect(committed.state).toBe('committed');
  });

  it('refuses a second commit and statements after the end', async () => {
    const tx = await db.begin();
    await tx.commit();
    await expect(tx.commit()).rejects.toMatchObject({ code: 'USAGE' });
    await expect(tx.executor.query('select 1')).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('supports savepoints inside', async () => {
    const tx = await db.begin({ isolationLevel: 'repeatable read' });
    await tx.kysely.insertInto('notes').values({ body: 'kept' }).execute();
    await rejection(
      tx.transaction(async (nested) => {
        await nested.kysely.insertInto('notes').values({ body: 'dropped' }).execute();
        throw new Error('nested fails');
      }),
    );
    await tx.commit();
    expect(await bodies()).toEqual(['kept']);
  });

  it('reports a commit of a failed transaction as TRANSACTION_FAILED', async () => {
    const tx = await db.begin();
    await tx.kysely.insertInto('notes').values({ body: 'x' }).execute();
    await expect(tx.executor.query('select 1 / 0')).rejects.toMatchObject({ code: 'DATABASE_ERROR' });
    await expect(tx.commit()).rejects.toMatchObject({ code: 'TRANSACTION_FAILED' });
    expect(tx.state).toBe('rolledBack');
    expect(await bodies()).toEqual([]);
  });
});

import type { Generated } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { Session } from '../../src/db/session.js';
import { isStrataError } from '../../src/errors/strata-error.js';
import { openTestDatabase, type TestDatabase, testBackend } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

interface DB {
  events: { id: Generated<number>; label: string };
  counters: { id: number; n: number };
  doctors: { id: number; on_call: boolean };
}

let testDb: TestDatabase;
let db: Database<DB>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `parties` callers are waiting; fails instead of hanging when they never all arrive. */
function barrier(parties: number, timeoutMs = 10_000): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return async () => {
    arrived += 1;
    if (arrived >= parties) open();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`barrier: ${arrived} of ${parties} arrived`)), timeoutMs);
    });
    try {
      await Promise.race([opened, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}

async function labels(): Promise<string[]> {
  return (await db.kysely.selectFrom('events').select('label').orderBy('id').execute()).map((r) => r.label);
}

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = await connectTestDatabase<DB>(testDb, { pool: { max: 5 } });
  await db.executor.exec(`
    create table events (id serial primary key, label text not null);
    create table counters (id int primary key, n int not null);
    create table doctors (id int primary key, on_call boolean not null);
  `);
});

afterAll(async () => {
  await db?.close();
  await testDb?.close();
});

beforeEach(async () => {
  await db.executor.exec(`
    truncate events restart identity;
    truncate counters; insert into counters values (1, 0), (2, 0);
    truncate doctors; insert into doctors values (1, true), (2, true);
  `);
});

describe('concurrent transactions on both backends', () => {
  it('keeps concurrent increments exact', async () => {
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          await tx.kysely
            .updateTable('counters')
            .set((eb) => ({ n: eb('n', '+', 1) }))
            .where('id', '=', 1)
            .execute();
        }),
      ),
    );
    const row = await db.kysely
      .selectFrom('counters')
      .select('n')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(row.n).toBe(20);
  });
});

describe.runIf(testBackend() === 'pglite')('concurrent transactions on PGlite', () => {
  it('serializes them: one runs from BEGIN to COMMIT before the next begins', async () => {
    const run = (name: string) =>
      db.transaction(async (tx) => {
        await tx.kysely
          .insertInto('events')
          .values({ label: `${name} start` })
          .execute();
        await sleep(30);
        await tx.kysely
          .insertInto('events')
          .values({ label: `${name} end` })
          .execute();
      });
    await Promise.all([run('a'), run('b'), run('c')]);
    expect(await labels()).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('makes a query issued during an open transaction wait for its end instead of running inside it', async () => {
    const tx = await db.begin();
    await tx.kysely.insertInto('events').values({ label: 'uncommitted' }).execute();
    let finished = false;
    const outside = db.executor.query<{ n: bigint }>('select count(*) as n from events').then((result) => {
      finished = true;
      return result;
    });
    await sleep(100);
    expect(finished).toBe(false);
    await tx.rollback();
    expect((await outside).rows[0]?.n).toBe(0n);
  });

  it('refuses, rather than deadlocks, when a transaction callback uses the database instead of its session', async () => {
    const error = await db
      .transaction(async () => db.executor.query('select 1'))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isStrataError(error, 'USAGE')).toBe(true);
    expect((error as Error).message).toContain('tx.kysely');
    // The database is still usable afterwards.
    expect((await db.executor.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('does not mistake later work started from a finished transaction for waiting on itself', async () => {
    let later: Promise<unknown> | undefined;
    await db.transaction(async () => {
      later = sleep(20).then(() => db.executor.query('select 1 as one'));
    });
    expect(await later).toMatchObject({ rows: [{ one: 1 }] });
  });
});

describe.runIf(testBackend() === 'postgres')('concurrent transactions on the server', () => {
  it('runs them at the same time, each isolated from the other one’s uncommitted rows', async () => {
    const bothInserted = barrier(2);
    // Neither commits before both have read: a commit first would make its row visible to the other.
    const bothRead = barrier(2);
    const run = (name: string) =>
      db.transaction(async (tx) => {
        await tx.kysely.insertInto('events').values({ label: name }).execute();
        await bothInserted();
        const seen = await labelsIn(tx);
        await bothRead();
        return seen;
      });
    const [a, b] = await Promise.all([run('a'), run('b')]);
    expect(a).toEqual(['a']);
    expect(b).toEqual(['b']);
    expect((await labels()).sort()).toEqual(['a', 'b']);
  });

  it('reports a serialization conflict as SERIALIZATION_FAILURE, and retries resolve it', async () => {
    // Write skew: both read two doctors on call, both take themselves off.
    const takeOffCall =
      (id: number, readDone: () => Promise<void>, attempts: number[]) => (tx: Session<DB>) =>
        (async () => {
          attempts.push(id);
          const onCall = await tx.kysely
            .selectFrom('doctors')
            .select('id')
            .where('on_call', '=', true)
            .execute();
          if (attempts.length <= 2) await readDone();
          if (onCall.length >= 2) {
            await tx.kysely.updateTable('doctors').set({ on_call: false }).where('id', '=', id).execute();
          }
        })();

    const firstRound: number[] = [];
    const reads = barrier(2);
    const results = await Promise.allSettled([
      db.transaction(takeOffCall(1, reads, firstRound), { isolationLevel: 'serializable' }),
      db.transaction(takeOffCall(2, reads, firstRound), { isolationLevel: 'serializable' }),
    ]);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(isStrataError((rejected[0] as PromiseRejectedResult).reason, 'SERIALIZATION_FAILURE')).toBe(true);

    await db.executor.exec('update doctors set on_call = true');
    const secondRound: number[] = [];
    const retried: string[] = [];
    const reads2 = barrier(2);
    const options = {
      isolationLevel: 'serializable' as const,
      retries: 3,
      onRetry: (error: { code: string }) => retried.push(error.code),
    };
    await Promise.all([
      db.transaction(takeOffCall(1, reads2, secondRound), options),
      db.transaction(takeOffCall(2, reads2, secondRound), options),
    ]);
    expect(retried).toEqual(['SERIALIZATION_FAILURE']);
    const onCall = await db.kysely.selectFrom('doctors').select('id').where('on_call', '=', true).execute();
    expect(onCall).toHaveLength(1);
  });

  it('reports a deadlock as DEADLOCK, and retries resolve it', async () => {
    const lockInOrder =
      (first: number, second: number, bothLocked: () => Promise<void>, attempt: { n: number }) =>
      async (tx: Session<DB>) => {
        attempt.n += 1;
        await tx.executor.query('update counters set n = n + 1 where id = $1', [first]);
        if (attempt.n === 1) await bothLocked();
        await tx.executor.query('update counters set n = n + 1 where id = $1', [second]);
      };

    const locked = barrier(2);
    const results = await Promise.allSettled([
      db.transaction(lockInOrder(1, 2, locked, { n: 0 })),
      db.transaction(lockInOrder(2, 1, locked, { n: 0 })),
    ]);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const reason = (rejected[0] as PromiseRejectedResult).reason;
    expect(isStrataError(reason, 'DEADLOCK')).toBe(true);
    expect(reason.details.sqlstate).toBe('40P01');

    await db.executor.exec('update counters set n = 0');
    const locked2 = barrier(2);
    await Promise.all([
      db.transaction(lockInOrder(1, 2, locked2, { n: 0 }), { retries: 3 }),
      db.transaction(lockInOrder(2, 1, locked2, { n: 0 }), { retries: 3 }),
    ]);
    const rows = await db.kysely.selectFrom('counters').select(['id', 'n']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });
});

async function labelsIn(tx: Session<DB>): Promise<string[]> {
  return (await tx.kysely.selectFrom('events').select('label').orderBy('id').execute()).map((r) => r.label);
}

import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import type { Database } from '../../src/db/database.js';
import { PGliteDialect } from '../../src/db/pglite-dialect.js';
import { isStrataError } from '../../src/errors/strata-error.js';
import { openTestDatabase, type TestDatabase, testBackend } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(testBackend() === 'pglite')('the embedded PGlite backend', () => {
  let testDb: TestDatabase;
  let tmp: string;

  beforeAll(async () => {
    testDb = await openTestDatabase();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-pglite-'));
  });

  afterAll(async () => {
    await testDb?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('opens a throwaway in-memory database for memory:// with pgvector available', async () => {
    const db = await connect({ url: 'memory://' });
    try {
      expect(db.backend).toBe('pglite');
      await db.executor.exec('create extension vector');
      await db.refreshTypes();
      const result = await db.executor.query(
        "select '[3,4]'::vector <-> '[0,0]'::vector as d, '[1,2]'::vector as v",
      );
      expect(result.rows).toEqual([{ d: 5, v: [1, 2] }]);
    } finally {
      await db.close();
    }
  });

  it('keeps the data of a dataDir database across close and reopen, pgvector types included', async () => {
    const dataDir = path.join(tmp, 'nested', 'db');
    const first = await connect({ dataDir });
    await first.executor.exec(`
      create extension vector;
      create table items (id int primary key, embedding vector(2));
      insert into items values (1, '[1,2]');
    `);
    await first.close();
    expect((await stat(path.join(dataDir, 'PG_VERSION'))).isFile()).toBe(true);

    const second = await connect({ dataDir });
    try {
      // Types are read at connect, so the extension created earlier is known right away.
      const rows = await second.kysely
        .selectFrom('items' as never)
        .selectAll()
        .execute();
      expect(rows).toEqual([{ id: 1, embedding: [1, 2] }]);
    } finally {
      await second.close();
    }
  });

  it('leaves a PGlite instance it was given open when it closes', async () => {
    const db = await connectTestDatabase(testDb);
    expect(db.backend).toBe('pglite');
    await db.executor.exec('create table shared (x int)');
    await db.close();
    expect(testDb.pglite?.closed).toBe(false);
    expect((await testDb.query("select to_regclass('shared') as t")).rows).toEqual([{ t: 'shared' }]);
    expect(
      isStrataError(await db.executor.query('select 1').catch((e: unknown) => e), 'CONNECTION_CLOSED'),
    ).toBe(true);
  });

  it('shares one lock among all Databases on the same instance', async () => {
    const a = await connectTestDatabase(testDb);
    const b = await connectTestDatabase(testDb);
    try {
      const tx = await a.begin();
      await tx.executor.query('create table locked (x int)');
      let done = false;
      const other = b.executor.query("select to_regclass('locked')::text as t").then((result) => {
        done = true;
        return result;
      });
      await sleep(100);
      expect(done).toBe(false);
      await tx.rollback();
      // It ran after the rollback, not inside the transaction: the table is gone.
      expect((await other).rows).toEqual([{ t: null }]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('offers PGliteDialect as a plain Kysely dialect with wrapped errors and the shared lock', async () => {
    const kysely = new Kysely<{ dialect_items: { id: number } }>({
      dialect: new PGliteDialect({ pglite: testDb.pglite! }),
    });
    try {
      await sql`create table dialect_items (id int primary key)`.execute(kysely);
      await kysely.transaction().execute(async (trx) => {
        await trx.insertInto('dialect_items').values({ id: 1 }).execute();
      });
      const error = await kysely
        .insertInto('dialect_items')
        .values({ id: 1 })
        .execute()
        .catch((e: unknown) => e);
      expect(isStrataError(error, 'UNIQUE_VIOLATION')).toBe(true);
      expect(await kysely.selectFrom('dialect_items').selectAll().execute()).toEqual([{ id: 1 }]);
    } finally {
      await kysely.destroy();
    }
    expect(testDb.pglite?.closed).toBe(false);
  });

  it('waits for a transaction in progress before closing', async () => {
    const db = await connect({ url: 'memory://' });
    const events: string[] = [];
    const work = db.transaction(async (tx) => {
      await sleep(100);
      await tx.executor.query('select 1');
      events.push('transaction done');
    });
    await sleep(10);
    await db.close();
    events.push('closed');
    await work;
    expect(events).toEqual(['transaction done', 'closed']);
  });

  it('refuses to open a dataDir that is a file, naming the folder', async () => {
    const file = path.join(tmp, 'not-a-folder');
    await writeFile(file, 'x');
    const error = await connect({ dataDir: file }).catch((e: unknown) => e);
    expect(isStrataError(error, 'CONNECTION_FAILED')).toBe(true);
    expect((error as Error).message).toContain(file);
  });

  it('gives transactions the same Session interface as the database', async () => {
    const db: Database = await connectTestDatabase(testDb);
    try {
      const inside = await db.transaction(async (tx) => ({
        backend: tx.backend,
        isTransaction: tx.isTransaction,
      }));
      expect(inside).toEqual({ backend: 'pglite', isTransaction: true });
      expect(db.isTransaction).toBe(false);
    } finally {
      await db.close();
    }
  });
});

import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import type { Database } from '../../src/db/database.js';
import type { PoolOptions } from '../../src/db/pool-options.js';
import { isStrataError, type StrataError } from '../../src/errors/strata-error.js';
import { openTestDatabase, type TestDatabase, testBackend } from '../support/backend.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A TCP proxy in front of the server that can cut its connections the way a failover, a NAT
 * timeout or a restarted server does: the server side is gone, but the client notices nothing
 * until it sends something, and then its socket is closed.
 */
interface Proxy {
  readonly port: number;
  cutAll(): void;
  close(): Promise<void>;
}

async function startProxy(target: URL): Promise<Proxy> {
  const links = new Set<{ client: net.Socket; upstream: net.Socket; cut: boolean }>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    const link = { client, upstream, cut: false };
    links.add(link);
    client.on('data', (data) => {
      if (link.cut) client.destroy();
      else upstream.write(data);
    });
    upstream.on('data', (data) => {
      if (!link.cut) client.write(data);
    });
    client.on('close', () => {
      upstream.destroy();
      links.delete(link);
    });
    upstream.on('close', () => {
      if (!link.cut) client.destroy();
    });
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    cutAll() {
      for (const link of links) {
        link.cut = true;
        link.upstream.destroy();
      }
    },
    async close() {
      for (const link of links) link.client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<StrataError> {
  try {
    await promise;
  } catch (error) {
    if (isStrataError(error)) return error;
    throw error;
  }
  throw new Error('expected a StrataError');
}

describe.runIf(testBackend() === 'postgres')('the server connection pool', () => {
  let testDb: TestDatabase;
  const open: Database[] = [];

  async function connectWith(pool: PoolOptions, url = testDb.url): Promise<Database> {
    const db = await connect({ url, pool });
    open.push(db);
    return db;
  }

  async function backendPid(db: Database): Promise<number> {
    return (await db.executor.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  }

  async function sessionsNamed(name: string): Promise<number> {
    const result = await testDb.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()',
      [name],
    );
    return result.rows[0]!.n;
  }

  beforeAll(async () => {
    testDb = await openTestDatabase();
  });

  afterAll(async () => {
    for (const db of open) await db.close();
    await testDb?.close();
  });

  it('connects to the URL in DATABASE_URL when no url is given', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = testDb.url;
    try {
      const db = await connect();
      open.push(db);
      expect(db.backend).toBe('postgres');
      expect((await db.executor.query('select current_database() as name')).rows).toEqual([
        { name: testDb.name },
      ]);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });

  it('sets application_name and statement_timeout on its connections', async () => {
    const db = await connectWith({ applicationName: 'strata-pool-test', statementTimeoutMs: 300 });
    const settings = await db.executor.query(
      "select current_setting('application_name') as app, current_setting('statement_timeout') as timeout",
    );
    expect(settings.rows).toEqual([{ app: 'strata-pool-test', timeout: '300ms' }]);
    const error = await failure(db.executor.query('select pg_sleep(2)'));
    expect(error.code).toBe('DATABASE_ERROR');
    expect(error.details.sqlstate).toBe('57014');
  });

  it('opens at most max connections and fails after connectionTimeoutMs when all are busy', async () => {
    const db = await connectWith({ max: 1, connectionTimeoutMs: 300 });
    const tx = await db.begin();
    const started = Date.now();
    const error = await failure(db.executor.query('select 1'));
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await tx.rollback();
    expect((await db.executor.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('closes connections idle longer than idleTimeoutMs', async () => {
    const name = 'strata-idle-test';
    const db = await connectWith({ applicationName: name, idleTimeoutMs: 200, max: 3 });
    await Promise.all([1, 2, 3].map(() => db.executor.query('select pg_sleep(0.1)')));
    expect(await sessionsNamed(name)).toBe(3);
    const deadline = Date.now() + 5000;
    while ((await sessionsNamed(name)) > 0 && Date.now() < deadline) await sleep(100);
    expect(await sessionsNamed(name)).toBe(0);
  });

  it('replaces a connection older than maxLifetimeSeconds', async () => {
    const db = await connectWith({ max: 1, maxLifetimeSeconds: 1 });
    const first = await backendPid(db);
    expect(await backendPid(db)).toBe(first);
    await sleep(1300);
    expect(await backendPid(db)).not.toBe(first);
  });

  it('pre-pings: a pooled connection whose backend was terminated is replaced, and the query succeeds', async () => {
    const db = await connectWith({ max: 1, prePingAfterMs: 0 });
    const pid = await backendPid(db);
    const terminated = await testDb.query<{ ok: boolean }>('select pg_terminate_backend($1, 5000) as ok', [
      pid,
    ]);
    expect(terminated.rows).toEqual([{ ok: true }]);
    expect(await backendPid(db)).not.toBe(pid);
  });

  it('pre-pings: a connection cut without the client noticing is replaced before the query uses it', async () => {
    const proxy = await startProxy(new URL(testDb.url!));
    try {
      const url = new URL(testDb.url!);
      url.host = `127.0.0.1:${proxy.port}`;
      const db = await connectWith({ max: 2, prePingAfterMs: 0 }, url.toString());
      await Promise.all([1, 2].map(() => db.executor.query('select pg_sleep(0.05)')));
      proxy.cutAll();
      await expect(db.executor.query('select 1 as one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
      await expect(db.transaction(async (tx) => tx.executor.query('select 2 as two'))).resolves.toMatchObject(
        {
          rows: [{ two: 2 }],
        },
      );
    } finally {
      await proxy.close();
    }
  });

  it('without pre-ping, the first query after such a cut fails with CONNECTION_FAILED', async () => {
    const proxy = await startProxy(new URL(testDb.url!));
    try {
      const url = new URL(testDb.url!);
      url.host = `127.0.0.1:${proxy.port}`;
      const db = await connectWith({ max: 1, prePing: false }, url.toString());
      await db.executor.query('select 1');
      proxy.cutAll();
      const error = await failure(db.executor.query('select 1'));
      expect(error.code).toBe('CONNECTION_FAILED');
      // The dead connection was discarded: the next query gets a new one.
      await expect(db.executor.query('select 1 as one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
    } finally {
      await proxy.close();
    }
  });

  it('only pre-pings connections idle for prePingAfterMs', async () => {
    const proxy = await startProxy(new URL(testDb.url!));
    try {
      const url = new URL(testDb.url!);
      url.host = `127.0.0.1:${proxy.port}`;
      const db = await connectWith({ max: 1, prePingAfterMs: 60_000 }, url.toString());
      await db.executor.query('select 1');
      proxy.cutAll();
      // Used a moment ago, so it is trusted without a ping, and the cut shows.
      expect((await failure(db.executor.query('select 1'))).code).toBe('CONNECTION_FAILED');
    } finally {
      await proxy.close();
    }
  });

  it('reports an unreachable server or a missing database as CONNECTION_FAILED without the password', async () => {
    const missing = new URL(testDb.url!);
    missing.pathname = '/strata_no_such_database';
    missing.password = 'hunter2';
    const error = await failure(connect({ url: missing.toString(), pool: { connectionTimeoutMs: 2000 } }));
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.details.sqlstate).toBe('3D000');
    expect(error.message).not.toContain('hunter2');

    const closedPort = await failure(
      connect({ url: 'postgres://postgres@127.0.0.1:1/x', pool: { connectionTimeoutMs: 2000 } }),
    );
    expect(closedPort.code).toBe('CONNECTION_FAILED');
    expect(closedPort.message).toContain('127.0.0.1:1');
  });

  it('refuses statements after close() with CONNECTION_CLOSED', async () => {
    const db = await connect({ url: testDb.url });
    await db.close();
    await db.close();
    expect(db.closed).toBe(true);
    expect((await failure(db.executor.query('select 1'))).code).toBe('CONNECTION_CLOSED');
    expect((await failure(db.kysely.selectNoFrom((eb) => eb.val(1).as('x')).execute())).code).toBe(
      'CONNECTION_CLOSED',
    );
  });
});

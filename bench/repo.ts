/**
 * Repository benchmarks against the raw `pg` driver in the same run, on a throwaway database
 * on the local server: get by key, find of 100 rows with a filter, single insert, update
 * (goal: at most 1.10× raw `pg`), and a bulk load of 100,000 rows with a 1536-dimension
 * vector (goal: at least 0.8× raw binary COPY and 5× a multi-row INSERT loop).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { asc, sql as drizzleSql, eq } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as dpg from 'drizzle-orm/pg-core';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { connect, type Database } from '../src/db/index.js';
import { toSql } from '../src/ddl/index.js';
import { type AnySession, type BoundRepository, repository } from '../src/repo/index.js';
import {
  bigint,
  type DatabaseOf,
  defineSchema,
  index,
  integer,
  table,
  text,
  timestamps,
  timestamptz,
  uuid,
  uuidPrimaryKey,
  varchar,
  vector,
} from '../src/schema/index.js';
import {
  type Bench,
  type BenchReport,
  type Contender,
  formatNumber,
  machineDescription,
  measureLatency,
  median,
  PROJECT_ROOT,
  type ResultTable,
  roundRatios,
  withBenchDatabase,
} from './support/kit.js';

const users = table('users', {
  id: uuidPrimaryKey(),
  email: varchar(255).notNull().unique(),
  name: text(),
  karma: bigint().notNull().default(0n),
  ...timestamps(),
});

const posts = table(
  'posts',
  {
    id: bigint().primaryKey().generatedAlwaysAsIdentity(),
    author_id: uuid().notNull(),
    title: text().notNull(),
    status: text().notNull(),
    views: integer().notNull().default(0),
    created_at: timestamptz().notNull().defaultNow(),
  },
  (t) => [index('posts_author_idx').on(t.author_id, t.id)],
);

const DRIZZLE_VERSION = (
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules/drizzle-orm/package.json'), 'utf8')) as {
    version: string;
  }
).version;

const DIMENSIONS = 1536;
const chunks = table('chunks', {
  id: bigint().primaryKey().generatedAlwaysAsIdentity(),
  doc_id: integer().notNull(),
  ord: integer().notNull(),
  body: text().notNull(),
  embedding: vector(DIMENSIONS).notNull(),
});

const schema = defineSchema({ users, posts, chunks });
type DB = DatabaseOf<typeof schema>;

/** The same tables declared for Drizzle, the peer the report compares with. */
const drizzleUsers = dpg.pgTable('users', {
  id: dpg.uuid('id').primaryKey().defaultRandom(),
  email: dpg.varchar('email', { length: 255 }).notNull().unique(),
  name: dpg.text('name'),
  karma: dpg.bigint('karma', { mode: 'bigint' }).notNull().default(0n),
  created_at: dpg.timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updated_at: dpg.timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
const drizzlePosts = dpg.pgTable('posts', {
  id: dpg.bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
  author_id: dpg.uuid('author_id').notNull(),
  title: dpg.text('title').notNull(),
  status: dpg.text('status').notNull(),
  views: dpg.integer('views').notNull().default(0),
  created_at: dpg.timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

const usersRepo = repository(users, { key: 'id' });
const postsRepo = repository(posts, { key: 'id' });
const chunksRepo = repository(chunks);

const USER_COLUMNS = 'id, email, name, karma, created_at, updated_at';
const RAW = {
  get: `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`,
  find: 'SELECT id, author_id, title, status, views, created_at FROM posts WHERE author_id = $1 ORDER BY id LIMIT 100',
  insert: `INSERT INTO users (email, name) VALUES ($1, $2) RETURNING ${USER_COLUMNS}`,
  update: `UPDATE users SET name = $1, updated_at = now() WHERE id = $2 RETURNING ${USER_COLUMNS}`,
};

/** Per operation: 8 rounds, each on new connections, of 100 warm-up turns and 750 measured calls of each contender. */
const LATENCY = { rounds: 8, warmup: 100, samples: 750 };
const BULK_ROWS = 100_000;
/** Alternating runs of Strata's load and raw COPY; the best of each is compared (the server's own work varies by ±10%). */
const BULK_RUNS = 3;
/** The INSERT loop loads the same rows as COPY: the 5× goal compares like with like. */
const INSERT_LOOP_ROWS = BULK_ROWS;
const INSERT_BATCH = 500;

function randomVectors(count: number): number[][] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31 - 0.5;
  };
  return Array.from({ length: count }, () => Array.from({ length: DIMENSIONS }, random));
}

interface ChunkRow {
  doc_id: number;
  ord: number;
  body: string;
  embedding: number[];
}

function* chunkRows(count: number, vectors: readonly number[][]): Generator<ChunkRow> {
  for (let i = 0; i < count; i += 1) {
    yield {
      doc_id: i >> 4,
      ord: i & 15,
      body: `chunk ${i} of a document about PostgreSQL`,
      embedding: vectors[i % vectors.length]!,
    };
  }
}

/** Binary COPY written by hand with `pg` + pg-copy-streams: the baseline Strata's `load` is held to. */
async function rawBinaryCopy(pool: pg.Pool, rows: Iterable<ChunkRow>): Promise<void> {
  const client = await pool.connect();
  try {
    async function* encode(): AsyncGenerator<Buffer> {
      const header = Buffer.from([
        0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      ]);
      let buffer = Buffer.allocUnsafe(1 << 20);
      let at = header.copy(buffer, 0);
      for (const row of rows) {
        const body = Buffer.from(row.body, 'utf8');
        const need = 2 + 8 + 8 + 4 + body.length + 4 + 4 + DIMENSIONS * 4;
        if (at + need > buffer.length) {
          yield buffer.subarray(0, at);
          buffer = Buffer.allocUnsafe(1 << 20);
          at = 0;
        }
        at = buffer.writeInt16BE(4, at);
        at = buffer.writeInt32BE(4, at);
        at = buffer.writeInt32BE(row.doc_id, at);
        at = buffer.writeInt32BE(4, at);
        at = buffer.writeInt32BE(row.ord, at);
        at = buffer.writeInt32BE(body.length, at);
        at += body.copy(buffer, at);
        at = buffer.writeInt32BE(4 + DIMENSIONS * 4, at);
        at = buffer.writeInt16BE(DIMENSIONS, at);
        at = buffer.writeInt16BE(0, at);
        for (const x of row.embedding) at = buffer.writeFloatBE(x, at);
      }
      at = buffer.writeInt16BE(-1, at);
      yield buffer.subarray(0, at);
    }
    await pipeline(
      Readable.from(encode()),
      client.query(copyFrom('COPY chunks (doc_id, ord, body, embedding) FROM STDIN WITH (FORMAT BINARY)')),
    );
  } finally {
    client.release();
  }
}

/** The usual alternative to COPY: multi-row INSERTs of text vectors, one statement per batch. */
async function rawInsertLoop(pool: pg.Pool, rows: Iterable<ChunkRow>): Promise<void> {
  let batch: ChunkRow[] = [];
  const flush = async () => {
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      params.push(row.doc_id, row.ord, row.body, `[${row.embedding.join(',')}]`);
      const n = params.length;
      return `($${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
    });
    await pool.query(`INSERT INTO chunks (doc_id, ord, body, embedding) VALUES ${tuples.join(', ')}`, params);
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length === INSERT_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * The repository layer alone: the same calls on a session whose executor answers at once with
 * ready rows, so what is measured is Strata's own work (checks, SQL text, parameters, rows),
 * independent of the database and of the machine's load.
 */
async function layerOverhead(): Promise<ResultTable> {
  const id = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
  const userRow = {
    id,
    email: 'e@x.io',
    name: 'n',
    karma: 1n,
    created_at: new Date(),
    updated_at: new Date(),
  };
  const postRows = Array.from({ length: 100 }, (_, i) => ({
    id: BigInt(i),
    author_id: id,
    title: 't',
    status: 's',
    views: i,
    created_at: new Date(),
  }));
  const answer = async (sql: string) => ({
    rows: sql.includes('"posts"') ? postRows.slice() : [{ ...userRow }],
    rowCount: 1,
  });
  const session = {
    backend: 'postgres',
    isTransaction: false,
    executor: { backend: 'postgres', query: answer, exec: async () => {} },
  } as unknown as AnySession;
  const u = usersRepo.with(session);
  const p = postsRepo.with(session);
  const calls: Array<[string, () => Promise<unknown>]> = [
    ['executor stub alone', () => answer('')],
    ['get by key', () => u.get(id)],
    ['find 100 rows', () => p.find({ where: { author_id: id }, orderBy: 'id', limit: 100 })],
    ['single insert', () => u.create({ email: 'x@y.z', name: 'n' })],
    ['update by key', () => u.update(id, { name: 'n' })],
  ];
  const rows: string[][] = [];
  for (const [label, call] of calls) {
    for (let i = 0; i < 20_000; i += 1) await call();
    const samples: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const start = performance.now();
      for (let i = 0; i < 50_000; i += 1) await call();
      samples.push(((performance.now() - start) * 1000) / 50_000);
    }
    rows.push([label, formatNumber(median(samples), 2)]);
  }
  return {
    title:
      'The repository layer alone, on a stub session that answers at once (µs per call, median of 5 rounds of 50,000)',
    columns: ['call', 'µs'],
    rows,
  };
}

/**
 * The contenders' connections in one round of the latency comparison: every contender has its
 * own pool (of the same size), so none finds its server process warmer from another's calls.
 */
interface Clients {
  readonly pool: pg.Pool;
  readonly strata: Database<DB>;
  readonly users: BoundRepository<typeof users, 'id', Record<never, never>>;
  readonly posts: BoundRepository<typeof posts, 'id', Record<never, never>>;
  readonly kyselyDb: Database<DB>;
  readonly kysely: Kysely<DB>;
  readonly drizzlePool: pg.Pool;
  readonly drizzle: NodePgDatabase;
}

async function openClients(url: string): Promise<Clients> {
  const strata = await connect<DB>({ url, pool: { max: 10 } });
  const kyselyDb = await connect<DB>({ url, pool: { max: 10 } });
  const drizzlePool = new pg.Pool({ connectionString: url, max: 10 });
  return {
    pool: new pg.Pool({ connectionString: url, max: 10 }),
    strata,
    users: usersRepo.with(strata),
    posts: postsRepo.with(strata),
    kyselyDb,
    kysely: kyselyDb.kysely,
    drizzlePool,
    drizzle: drizzle({ client: drizzlePool }),
  };
}

async function closeClients(clients: Clients): Promise<void> {
  await Promise.all([
    clients.pool.end(),
    clients.strata.close(),
    clients.kyselyDb.close(),
    clients.drizzlePool.end(),
  ]);
}

const bench: Bench = {
  name: 'Repositories',
  run: () =>
    withBenchDatabase(
      'strata_bench_repo',
      async (url): Promise<BenchReport> => {
        // Setup and the bulk load; the latency contenders get connections of their own (`Clients`).
        const pool = new pg.Pool({ connectionString: url, max: 10 });
        const db = await connect<DB>({ url, pool: { max: 10 } });
        let clients: Clients | undefined;
        try {
          await pool.query(toSql(schema.model));
          await db.refreshTypes();
          await pool.query(
            `INSERT INTO users (email, name, karma) SELECT 'user' || g || '@example.com', 'User ' || g, g FROM generate_series(1, 10000) g`,
          );
          await pool.query(
            `INSERT INTO posts (author_id, title, status, views)
           SELECT u.id, 'Post ' || g, CASE WHEN g % 2 = 0 THEN 'published' ELSE 'draft' END, g
           FROM (SELECT id FROM users ORDER BY email LIMIT 100) u, generate_series(1, 100) g`,
          );
          await pool.query('ANALYZE');
          const version = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!
            .server_version;
          const ids = (await pool.query<{ id: string }>('SELECT id FROM users ORDER BY random()')).rows.map(
            (r) => r.id,
          );
          const authors = (
            await pool.query<{ id: string }>('SELECT DISTINCT author_id AS id FROM posts')
          ).rows.map((r) => r.id);
          const id = (i: number) => ids[i % ids.length]!;
          const author = (i: number) => authors[i % authors.length]!;
          let emailCounter = 0;
          const email = (who: string) => {
            emailCounter += 1;
            return `bench-${process.pid}-${emailCounter}-${who}@example.com`;
          };

          const c = () => clients!;
          const latency = {
            ...LATENCY,
            beforeRound: async () => {
              if (clients !== undefined) await closeClients(clients);
              clients = await openClients(url);
            },
          };
          const operations: Array<{ label: string; contenders: Contender[] }> = [
            {
              label: 'get by key',
              contenders: [
                { name: 'pg', op: (i) => c().pool.query(RAW.get, [id(i)]) },
                { name: 'strata', op: (i) => c().users.get(id(i)) },
                {
                  name: 'kysely',
                  op: (i) =>
                    c().kysely.selectFrom('users').selectAll().where('id', '=', id(i)).executeTakeFirst(),
                },
                {
                  name: 'drizzle',
                  op: (i) =>
                    c()
                      .drizzle.select()
                      .from(drizzleUsers)
                      .where(eq(drizzleUsers.id, id(i))),
                },
              ],
            },
            {
              label: 'find 100 rows (filter + order + limit)',
              contenders: [
                { name: 'pg', op: (i) => c().pool.query(RAW.find, [author(i)]) },
                {
                  name: 'strata',
                  op: (i) => c().posts.find({ where: { author_id: author(i) }, orderBy: 'id', limit: 100 }),
                },
                {
                  name: 'kysely',
                  op: (i) =>
                    c()
                      .kysely.selectFrom('posts')
                      .selectAll()
                      .where('author_id', '=', author(i))
                      .orderBy('id')
                      .limit(100)
                      .execute(),
                },
                {
                  name: 'drizzle',
                  op: (i) =>
                    c()
                      .drizzle.select()
                      .from(drizzlePosts)
                      .where(eq(drizzlePosts.author_id, author(i)))
                      .orderBy(asc(drizzlePosts.id))
                      .limit(100),
                },
              ],
            },
            {
              label: 'single insert (returning the row)',
              contenders: [
                { name: 'pg', op: () => c().pool.query(RAW.insert, [email('pg'), 'Raw']) },
                { name: 'strata', op: () => c().users.create({ email: email('strata'), name: 'Strata' }) },
                {
                  name: 'kysely',
                  op: () =>
                    c()
                      .kysely.insertInto('users')
                      .values({ email: email('kysely'), name: 'Kysely' })
                      .returningAll()
                      .executeTakeFirst(),
                },
                {
                  name: 'drizzle',
                  op: () =>
                    c()
                      .drizzle.insert(drizzleUsers)
                      .values({ email: email('drizzle'), name: 'Drizzle' })
                      .returning(),
                },
              ],
            },
            {
              label: 'update by key (sets updated_at)',
              contenders: [
                { name: 'pg', op: (i) => c().pool.query(RAW.update, [`Name ${i}`, id(i)]) },
                { name: 'strata', op: (i) => c().users.update(id(i), { name: `Name ${i}` }) },
                {
                  name: 'kysely',
                  op: (i) =>
                    c()
                      .kysely.updateTable('users')
                      .set({ name: `Name ${i}`, updated_at: sql<Date>`now()` })
                      .where('id', '=', id(i))
                      .returningAll()
                      .executeTakeFirst(),
                },
                {
                  name: 'drizzle',
                  op: (i) =>
                    c()
                      .drizzle.update(drizzleUsers)
                      .set({ name: `Name ${i}`, updated_at: drizzleSql`now()` })
                      .where(eq(drizzleUsers.id, id(i)))
                      .returning(),
                },
              ],
            },
          ];

          const latencyRows: string[][] = [];
          const notes: string[] = [];
          for (const { label, contenders } of operations) {
            const result = await measureLatency(contenders, latency);
            const raw = result.get('pg')!;
            const strata = result.get('strata')!;
            const kyselyTime = result.get('kysely')!;
            const drizzleTime = result.get('drizzle')!;
            const ratio = strata.medianUs / raw.medianUs;
            const spread = roundRatios(strata, raw);
            latencyRows.push([
              label,
              ...[raw, strata, kyselyTime, drizzleTime].map((m) => formatNumber(m.medianUs)),
              `${formatNumber(ratio, 2)}×`,
              `${formatNumber(Math.min(...spread), 2)}–${formatNumber(Math.max(...spread), 2)}×`,
              `${formatNumber(kyselyTime.medianUs / raw.medianUs, 2)}×`,
              `${formatNumber(drizzleTime.medianUs / raw.medianUs, 2)}×`,
              [raw, strata, kyselyTime, drizzleTime].map((m) => formatNumber(m.cpuUs)).join(' / '),
              ratio <= 1.1 ? 'met' : 'missed',
            ]);
          }

          // Bulk load: alternate raw COPY and Strata's load so drift hits both alike.
          const vectors = randomVectors(1000);
          const copyTimes: number[] = [];
          const loadTimes: number[] = [];
          let progressCalls = 0;
          for (let round = 0; round < BULK_RUNS; round += 1) {
            await pool.query('TRUNCATE chunks');
            copyTimes.push(await timed(() => rawBinaryCopy(pool, chunkRows(BULK_ROWS, vectors))));
            await pool.query('TRUNCATE chunks');
            loadTimes.push(
              await timed(() =>
                chunksRepo.with(db).load(chunkRows(BULK_ROWS, vectors), {
                  onProgress: () => {
                    progressCalls += 1;
                  },
                }),
              ),
            );
          }
          const loaded = Number(
            (await pool.query<{ n: string }>('SELECT count(*) AS n FROM chunks')).rows[0]!.n,
          );
          if (loaded !== BULK_ROWS) throw new Error(`load stored ${loaded} rows, expected ${BULK_ROWS}`);
          await pool.query('TRUNCATE chunks');
          const insertTime = await timed(() => rawInsertLoop(pool, chunkRows(INSERT_LOOP_ROWS, vectors)));
          await pool.query('TRUNCATE chunks');

          const rate = (rows: number, ms: number) => (rows / ms) * 1000;
          const copyRate = rate(BULK_ROWS, Math.min(...copyTimes));
          const loadRate = rate(BULK_ROWS, Math.min(...loadTimes));
          const insertRate = rate(INSERT_LOOP_ROWS, insertTime);
          const bulkTable: ResultTable = {
            title: `Bulk load: ${BULK_ROWS.toLocaleString('en-US')} rows with a vector(${DIMENSIONS}) (rows/s, higher is better)`,
            columns: ['method', 'time (s)', 'rows/s', 'Strata load ÷ this', 'goal'],
            rows: [
              [
                'Strata `load` (binary COPY)',
                (Math.min(...loadTimes) / 1000).toFixed(2),
                formatNumber(loadRate, 0),
                '1.00×',
                '',
              ],
              [
                'raw `pg` binary COPY (hand-written encoder)',
                (Math.min(...copyTimes) / 1000).toFixed(2),
                formatNumber(copyRate, 0),
                `${formatNumber(loadRate / copyRate, 2)}×`,
                loadRate / copyRate >= 0.8 ? '≥ 0.8×: met' : '≥ 0.8×: missed',
              ],
              [
                `raw \`pg\` multi-row INSERT loop (${INSERT_BATCH} rows/statement, ${INSERT_LOOP_ROWS.toLocaleString('en-US')} rows)`,
                (insertTime / 1000).toFixed(2),
                formatNumber(insertRate, 0),
                `${formatNumber(loadRate / insertRate, 2)}×`,
                loadRate / insertRate >= 5 ? '≥ 5×: met' : '≥ 5×: missed',
              ],
            ],
          };
          notes.push(
            `Bulk times are the best of ${BULK_RUNS} alternating runs each (Strata: ${loadTimes.map((t) => (t / 1000).toFixed(2)).join(', ')} s; raw COPY: ${copyTimes.map((t) => (t / 1000).toFixed(2)).join(', ')} s). ` +
              `The INSERT loop loads the same ${INSERT_LOOP_ROWS.toLocaleString('en-US')} rows, once. ` +
              `Strata's load reported progress ${progressCalls} times.`,
          );
          notes.push(
            `Latency is measured call by call: the four contenders take turns operation by operation, in an order shuffled each turn, on the same inputs. ` +
              `Each operation runs ${LATENCY.rounds} rounds; each round opens new connections for every contender (each its own pool), runs ${LATENCY.warmup} warm-up turns, then ${LATENCY.samples} measured calls of each contender. ` +
              'The table gives each contender’s median call over all rounds; "per round" is the Strata ÷ pg ratio of medians in each round, lowest to highest. ' +
              'Rounds on new connections matter on this 2-core machine: which core the server puts each backend process on, next to the client or not, moves one connection’s latency by up to ±10% for as long as it lives, even between two identical `pg` pools. ' +
              'Where the latency goal is missed, compare the gap with the repository layer alone (second table): it is what Strata adds to each call before the driver.',
          );
          const latencyTable: ResultTable = {
            title: `Latency per operation (µs, median of ${(LATENCY.rounds * LATENCY.samples).toLocaleString('en-US')} calls each in ${LATENCY.rounds} rounds, contenders taking turns call by call; lower is better)`,
            columns: [
              'operation',
              'pg',
              'Strata',
              'Kysely',
              'Drizzle',
              'Strata ÷ pg',
              'Strata ÷ pg per round',
              'Kysely ÷ pg',
              'Drizzle ÷ pg',
              'client CPU µs (pg / Strata / Kysely / Drizzle)',
              'goal ≤ 1.10×',
            ],
            rows: latencyRows,
          };
          return {
            section: 'Repositories',
            intro: [
              `Run on ${new Date().toISOString().slice(0, 10)}: ${machineDescription(`PostgreSQL ${version} on 127.0.0.1`)}.`,
              '',
              'Same database, same pool size (10), same statements: `pg` is `pool.query(sql, params)` with the SQL written by hand; ' +
                'Strata is `repository(table).with(db)`; Kysely is the typed `db.kysely` of a second Strata database (so that every contender has connections of its own); ' +
                'Drizzle (drizzle-orm ' +
                DRIZZLE_VERSION +
                ', node-postgres driver, its own pool of 10) runs the same queries with its query builder, not prepared statements. ' +
                'Tables: 10,000 users (uuid key, unique email, timestamps), 10,000 posts (100 per author, index on author_id, id). ' +
                'Strata checks every value before sending it and parses int8 as bigint; raw `pg` does neither. ' +
                'Both parse timestamptz into a Date, Strata with its own parser, faster than `pg`’s (so a read of many rows can come out below 1.00×). ' +
                'Every contender runs as compiled JavaScript: `npm run bench` compiles src/ and bench/ with `tsc` and runs the output with Node, as an application would run the package. ' +
                'The database has `synchronous_commit = off` so that write latency measures the client and the server, ' +
                'not the disk flush (the same for every contender). Client CPU is this process’s CPU time per operation.',
            ],
            tables: [latencyTable, await layerOverhead(), bulkTable],
            notes,
          };
        } finally {
          if (clients !== undefined) await closeClients(clients);
          await db.close();
          await pool.end();
        }
      },
      { synchronous_commit: 'off' },
    ),
};

export default bench;

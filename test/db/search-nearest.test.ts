import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { SqlExecutor } from '../../src/db/executor.js';
import { toSql } from '../../src/ddl/index.js';
import { isStrataError } from '../../src/errors/strata-error.js';
import type { DistanceMetric } from '../../src/model/pgvector.js';
import {
  bit,
  defineSchema,
  halfvec,
  index,
  integer,
  jsonb,
  sparsevec,
  table,
  text,
  timestamptz,
  vector,
} from '../../src/schema/index.js';
import { seededRandom } from '../../src/search/clustered-vectors.js';
import type { SearchSession } from '../../src/search/search-session.js';
import { vectorSearch } from '../../src/search/vector-search.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

const DIMS = 8;

/** The physical table; this declaration has no ANN index, so every metric may be searched (exactly). */
const items = table('items', {
  id: integer().primaryKey(),
  category: text().notNull(),
  metadata: jsonb<{ lang: string; rank: number }>().notNull(),
  embedding: vector(DIMS),
  half: halfvec(DIMS),
  sparse: sparsevec(DIMS),
  bits: bit(DIMS),
  deleted_at: timestamptz().role('deletedAt'),
});

/** The same table as migrations declare it, with its HNSW index. */
const indexedItems = table('items', items.columns, (t) => [
  index('items_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops')),
]);

interface Item {
  id: number;
  category: string;
  metadata: { lang: string; rank: number };
  embedding: number[] | null;
  half: number[];
  sparse: { dimensions: number; indices: number[]; values: number[] };
  bits: string;
  deleted: boolean;
}

const random = seededRandom(7);
const round = (x: number) => Math.round(x * 1000) / 1000;
const data: Item[] = Array.from({ length: 240 }, (_, i) => {
  const dense = Array.from({ length: DIMS }, () => round(random() * 2 - 1));
  const indices = [0, 2, 5, 7].filter(() => random() < 0.6);
  return {
    id: i + 1,
    category: ['a', 'b', 'c', 'd'][i % 4]!,
    metadata: { lang: i % 3 === 0 ? 'en' : 'de', rank: i % 10 },
    embedding: i === 17 ? null : dense,
    half: dense.map((x) => round(x / 2)),
    sparse: { dimensions: DIMS, indices, values: indices.map(() => round(random() * 4 - 2)) },
    bits: Array.from({ length: DIMS }, () => (random() < 0.5 ? '1' : '0')).join(''),
    deleted: i % 11 === 5,
  };
});

function distance(metric: DistanceMetric, a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  let l2 = 0;
  let l1 = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
    l2 += (a[i]! - b[i]!) ** 2;
    l1 += Math.abs(a[i]! - b[i]!);
  }
  switch (metric) {
    case 'l2':
      return Math.sqrt(l2);
    case 'ip':
      return -dot;
    case 'cosine':
      return 1 - dot / Math.sqrt(na * nb);
    case 'l1':
      return l1;
    case 'hamming':
      return a.reduce((n, x, i) => n + (x !== b[i] ? 1 : 0), 0);
    case 'jaccard': {
      const both = a.reduce((n, x, i) => n + (x === 1 && b[i] === 1 ? 1 : 0), 0);
      const either = a.reduce((n, x, i) => n + (x === 1 || b[i] === 1 ? 1 : 0), 0);
      return 1 - both / either;
    }
  }
}

const dense = (s: Item['sparse']) => {
  const out = new Array<number>(s.dimensions).fill(0);
  s.indices.forEach((index, i) => {
    out[index] = s.values[i]!;
  });
  return out;
};
const bitsOf = (text: string) => [...text].map(Number);

/** The ids of the k nearest live rows by brute force in JavaScript, with their distances. */
function bruteForce(
  metric: DistanceMetric,
  query: readonly number[],
  value: (item: Item) => readonly number[] | null,
  k: number,
  keep: (item: Item) => boolean = (item) => !item.deleted,
): { id: number; distance: number }[] {
  return data
    .filter((item) => keep(item) && value(item) !== null)
    .map((item) => ({ id: item.id, distance: distance(metric, value(item)!, query) }))
    .sort((x, y) => x.distance - y.distance)
    .slice(0, k);
}

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = await connectTestDatabase(testDb);
  await db.executor.exec(toSql(defineSchema({ indexedItems }).model));
  await db.refreshTypes();
  await db.executor.query(
    `insert into items (id, category, metadata, embedding, half, sparse, bits, deleted_at)
     select u.id, u.category, u.metadata::jsonb, u.embedding::vector, u.half::halfvec, u.sparse::sparsevec, u.bits::bit(${DIMS}),
            case when u.deleted then now() end
     from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bool[])
       as u(id, category, metadata, embedding, half, sparse, bits, deleted)`,
    [
      data.map((d) => d.id),
      data.map((d) => d.category),
      data.map((d) => JSON.stringify(d.metadata)),
      data.map((d) => (d.embedding === null ? null : `[${d.embedding.join(',')}]`)),
      data.map((d) => `[${d.half.join(',')}]`),
      data.map(
        (d) =>
          `{${d.sparse.indices.map((index, i) => `${index + 1}:${d.sparse.values[i]}`).join(',')}}/${DIMS}`,
      ),
      data.map((d) => d.bits),
      data.map((d) => d.deleted),
    ],
  );
});

afterAll(async () => {
  await db?.close();
  await testDb?.close();
});

const query = [0.3, -0.2, 0.9, 0.1, -0.5, 0.4, 0.05, -0.7];

describe('nearest-neighbour search', () => {
  const floatMetrics: DistanceMetric[] = ['l2', 'ip', 'cosine', 'l1'];
  for (const metric of floatMetrics) {
    it(`finds the k nearest rows by ${metric} on vector, halfvec and sparsevec, with pgvector's distances`, async () => {
      const columns = [
        ['embedding', (item: Item) => item.embedding, 1e-5],
        ['half', (item: Item) => item.half, 1e-2],
        [
          'sparse',
          (item: Item) =>
            item.sparse.indices.length === 0 && metric === 'cosine' ? null : dense(item.sparse),
          1e-5,
        ],
      ] as const;
      for (const [column, value, tolerance] of columns) {
        // Exact: the physical table has an HNSW index for cosine, and this compares distances, not recall.
        const hits = await vectorSearch(items, column, { metric }).nearest(db, query, { k: 12, exact: true });
        const expected = bruteForce(metric, query, value, 12);
        expect(
          hits.map((h) => h.row.id),
          `${column} by ${metric}`,
        ).toEqual(expected.map((e) => e.id));
        hits.forEach((hit, i) => {
          expect(Math.abs(hit.distance - expected[i]!.distance)).toBeLessThan(
            tolerance * Math.max(1, Math.abs(expected[i]!.distance)),
          );
        });
      }
    });
  }

  for (const metric of ['hamming', 'jaccard'] as const) {
    it(`searches bit columns by ${metric} distance`, async () => {
      const q = '10110010';
      const hits = await vectorSearch(items, 'bits', { metric }).nearest(db, q, {
        k: 15,
        select: ['id', 'bits'],
      });
      const expected = bruteForce(metric, bitsOf(q), (item) => bitsOf(item.bits), 15);
      // Bit distances tie often: compare the distances, and each row's distance with its own bits.
      expect(hits.map((h) => h.distance)).toEqual(expected.map((e) => e.distance));
      for (const hit of hits) {
        expect(hit.distance).toBeCloseTo(distance(metric, bitsOf(hit.row.bits!), bitsOf(q)), 10);
      }
    });
  }

  it('gives cosine similarity as 1 − distance and the inner product for ip', async () => {
    const [cos] = await vectorSearch(items, 'embedding', { metric: 'cosine' }).nearest(db, query, { k: 1 });
    expect(cos!.similarity).toBeCloseTo(1 - cos!.distance, 12);
    const [ip] = await vectorSearch(items, 'embedding', { metric: 'ip' }).nearest(db, query, {
      k: 1,
      select: ['embedding'],
    });
    expect(ip!.similarity).toBeCloseTo(-distance('ip', ip!.row.embedding!, query), 5);
    const [l2] = await vectorSearch(items, 'embedding', { metric: 'l2' }).nearest(db, query, { k: 1 });
    expect(l2!.similarity).toBeUndefined();
  });

  it('returns no vector unless it is selected', async () => {
    const [hit] = await vectorSearch(indexedItems, 'embedding').nearest(db, query, { k: 1 });
    expect(Object.keys(hit!.row).sort()).toEqual(['bits', 'category', 'deleted_at', 'id', 'metadata']);
    const [withVector] = await vectorSearch(indexedItems, 'embedding').nearest(db, query, {
      k: 1,
      select: ['id', 'embedding'],
    });
    expect(withVector!.row.embedding).toHaveLength(DIMS);
  });

  it('applies the repository filter language: columns, JSONB containment and paths, OR', async () => {
    const search = vectorSearch(indexedItems, 'embedding');
    const where = {
      metadata: { contains: { lang: 'en' } },
      OR: [{ category: 'a' }, { metadata: { path: ['rank'], gte: 8 } }],
    } as const;
    const keep = (item: Item) =>
      !item.deleted && item.metadata.lang === 'en' && (item.category === 'a' || item.metadata.rank >= 8);
    const expected = bruteForce('cosine', query, (i) => i.embedding, 10, keep).map((e) => e.id);
    const exact = await search.nearest(db, query, { k: 10, where, exact: true });
    expect(exact.map((h) => h.row.id)).toEqual(expected);
    // Through the index (approximate): every row matches, and nearly all of the true ten are found.
    const hits = await search.nearest(db, query, { k: 10, where });
    expect(hits).toHaveLength(10);
    expect(hits.every((h) => keep(data[h.row.id - 1]!))).toBe(true);
    expect(hits.filter((h) => expected.includes(h.row.id)).length).toBeGreaterThanOrEqual(9);
  });

  it('leaves soft-deleted rows out unless withDeleted', async () => {
    const search = vectorSearch(indexedItems, 'embedding');
    const live = await search.nearest(db, query, { k: 30 });
    expect(live.every((h) => h.row.deleted_at === null)).toBe(true);
    const all = await search.nearest(db, query, { k: 30, withDeleted: true, exact: true });
    expect(all.map((h) => h.row.id)).toEqual(
      bruteForce(
        'cosine',
        query,
        (i) => i.embedding,
        30,
        () => true,
      ).map((e) => e.id),
    );
    expect(all.some((h) => h.row.deleted_at !== null)).toBe(true);
  });

  it('pages with limit and offset through the same ranking', async () => {
    const search = vectorSearch(indexedItems, 'embedding');
    const first = await search.nearest(db, query, { k: 20 });
    const page = await search.nearest(db, query, { k: 5, offset: 10 });
    expect(page.map((h) => h.row.id)).toEqual(first.slice(10, 15).map((h) => h.row.id));
  });

  it('never returns rows whose vector is NULL', async () => {
    const all = await vectorSearch(items, 'embedding', { metric: 'l2' }).nearest(db, query, {
      k: 500,
      withDeleted: true,
    });
    expect(all).toHaveLength(data.length - 1);
    expect(all.some((h) => h.row.id === 18)).toBe(false);
  });

  it('is exact on demand, agreeing with brute force', async () => {
    const hits = await vectorSearch(indexedItems, 'embedding').exact(db, query, { k: 25 });
    expect(hits.map((h) => h.row.id)).toEqual(
      bruteForce('cosine', query, (i) => i.embedding, 25).map((e) => e.id),
    );
  });
});

/** A session that records every statement sent through it. */
function recording(session: Database): { session: SearchSession; statements: string[] } {
  const statements: string[] = [];
  const wrap = (executor: SqlExecutor): SqlExecutor => ({
    backend: executor.backend,
    query: (sql, params) => {
      statements.push(sql);
      return executor.query(sql, params);
    },
    exec: (sql) => {
      statements.push(sql);
      return executor.exec(sql);
    },
  });
  const wrapSession = (s: {
    executor: SqlExecutor;
    isTransaction: boolean;
    transaction: Database['transaction'];
  }): SearchSession => ({
    executor: wrap(s.executor),
    isTransaction: s.isTransaction,
    transaction: (fn) => s.transaction((tx) => fn(wrapSession(tx))),
  });
  return { session: wrapSession(session), statements };
}

describe('per-query tuning', () => {
  const search = vectorSearch(indexedItems, 'embedding');

  it("sets the settings in the query's own transaction, just before it", async () => {
    const { session, statements } = recording(db);
    await search.nearest(session, query, {
      k: 5,
      withDeleted: true,
      tuning: { efSearch: 123, maxScanTuples: 5000 },
    });
    expect(statements).toHaveLength(2);
    expect(statements[0]).toBe(
      "select set_config('hnsw.ef_search', $1, true), set_config('hnsw.max_scan_tuples', $2, true)",
    );
    expect(statements[1]).toMatch(/^select .* order by "strata_distance"/);
    // Outside the transaction nothing stayed set.
    const after = await db.executor.query<{ ef: string }>("select current_setting('hnsw.ef_search') as ef");
    expect(after.rows[0]!.ef).toBe('40');
  });

  it("restores the caller's settings when it runs inside the caller's transaction", async () => {
    await db.transaction(async (tx) => {
      await tx.executor.exec("set local hnsw.ef_search = 77; set local hnsw.iterative_scan = 'strict_order'");
      const hits = await search.nearest(tx, query, {
        k: 5,
        where: { category: 'b' },
        tuning: { efSearch: 200, iterativeScan: 'relaxed_order' },
      });
      expect(hits).toHaveLength(5);
      const { rows } = await tx.executor.query<{ ef: string; scan: string }>(
        "select current_setting('hnsw.ef_search') as ef, current_setting('hnsw.iterative_scan') as scan",
      );
      expect(rows[0]).toEqual({ ef: '77', scan: 'strict_order' });
    });
  });

  it('is undone by rolling back to a savepoint when the query fails inside it', async () => {
    await db.transaction(async (tx) => {
      await tx.executor.exec('set local hnsw.ef_search = 77');
      const outcome = await tx
        .transaction(async (inner) => {
          // The table disappears inside the savepoint: the settings go through, the search fails.
          await inner.executor.exec('alter table items rename to items_elsewhere');
          await search.nearest(inner, query, { k: 5, tuning: { efSearch: 99 } });
        })
        .then(
          () => 'released',
          (error: unknown) => (isStrataError(error) ? error.code : String(error)),
        );
      expect(outcome).toBe('DATABASE_ERROR');
      const { rows } = await tx.executor.query<{ ef: string }>(
        "select current_setting('hnsw.ef_search') as ef",
      );
      expect(rows[0]!.ef).toBe('77');
    });
  });
});

describe('the ANN index answers the query', () => {
  async function plan(
    sql: string,
    params: readonly unknown[],
    settings: readonly { name: string; value: string }[],
  ): Promise<string> {
    return db.transaction(async (tx) => {
      // Tiny tables are cheaper to scan: make the planner show whether the index can be used at all.
      await tx.executor.exec('set local enable_seqscan = off');
      for (const s of settings) await tx.executor.query('select set_config($1, $2, true)', [s.name, s.value]);
      const { rows } = await tx.executor.query<Record<string, string>>(`explain ${sql}`, params);
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
  }

  it('for plain, filtered (relaxed order) and paged queries, and not for exact ones', async () => {
    const search = vectorSearch(indexedItems, 'embedding');
    for (const options of [
      { k: 5 },
      { k: 5, where: { category: 'c' } },
      { k: 5, offset: 5, withDeleted: true },
    ]) {
      const p = search.planNearest(query, options);
      expect(await plan(p.sql, p.params, p.settings)).toMatch(/Index Scan using items_embedding_idx/);
    }
    const exact = search.planNearest(query, { k: 5, exact: true });
    expect(await plan(exact.sql, exact.params, exact.settings)).not.toMatch(/items_embedding_idx/);
  });
});

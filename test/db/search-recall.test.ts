import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { toSql } from '../../src/ddl/index.js';
import { repository } from '../../src/repo/index.js';
import { defineSchema, index, integer, table, text, vector } from '../../src/schema/index.js';
import { clusteredVectors } from '../../src/search/clustered-vectors.js';
import { binaryIndexElement, halfvecIndexElement } from '../../src/search/quantized-index.js';
import { vectorSearch } from '../../src/search/vector-search.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

const COUNT = 2000;
const DIMS = 64;

const points = table(
  'points',
  { id: integer().primaryKey(), category: text().notNull(), embedding: vector(DIMS).notNull() },
  (t) => [
    index('points_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops')),
    index('points_embedding_half_idx').using('hnsw', halfvecIndexElement(t.embedding, 'cosine')),
    index('points_embedding_bq_idx').using('hnsw', binaryIndexElement(t.embedding)),
    index('points_embedding_ivf_idx').using('ivfflat', t.embedding.op('vector_l2_ops')).with({ lists: 30 }),
  ],
);

const data = clusteredVectors({ count: COUNT, dimensions: DIMS, clusters: 30, seed: 11 });
const queries = data.sample(25, 12).map((q) => Array.from(q));
/** 1% of the rows are "rare" (20 rows), 10% "common": filters that starve a plain HNSW scan. */
const categoryOf = (i: number) => (i % 100 === 0 ? 'rare' : i % 10 === 1 ? 'common' : 'other');

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = await connectTestDatabase(testDb);
  const schema = defineSchema({ points });
  // Tables first, data, then the indexes: building an index after the load is the fast way.
  const ddl = toSql(schema.model);
  const [create, ...rest] = ddl.split(/;\n(?=CREATE INDEX)/i);
  await db.executor.exec(create!);
  await db.refreshTypes();
  await repository(points)
    .with(db)
    .load(data.vectors.map((v, i) => ({ id: i, category: categoryOf(i), embedding: Array.from(v) })));
  await db.executor.exec(rest.join(';\n'));
  await db.executor.exec('analyze points');
}, 300_000);

afterAll(async () => {
  await db?.close();
  await testDb?.close();
});

describe('filtered search', () => {
  const search = vectorSearch(points, 'embedding', { metric: 'cosine' });

  it('returns k rows when k rows match: iterative scans are on for filtered queries by default', async () => {
    for (const q of queries.slice(0, 5)) {
      const hits = await search.nearest(db, q, { k: 10, where: { category: 'rare' }, exactFallback: false });
      expect(hits).toHaveLength(10);
      expect(hits.every((h) => h.row.category === 'rare')).toBe(true);
      const exact = await search.exact(db, q, { k: 10, where: { category: 'rare' } });
      const truth = new Set(exact.map((h) => h.row.id));
      expect(hits.filter((h) => truth.has(h.row.id)).length).toBeGreaterThanOrEqual(8);
      // Relaxed order is re-sorted: nearest first.
      expect(hits.map((h) => h.distance)).toEqual([...hits.map((h) => h.distance)].sort((a, b) => a - b));
    }
  });

  it('starves without iterative scans (the reason they are the default)', async () => {
    let returned = 0;
    // The planner may prefer a full scan for a rare value; make it take the index, as on a large table.
    await db.transaction(async (tx) => {
      await tx.executor.exec('set local enable_seqscan = off; set local enable_bitmapscan = off');
      for (const q of queries.slice(0, 5)) {
        const plan = search.planNearest(q, {
          k: 10,
          where: { category: 'rare' },
          tuning: { iterativeScan: 'off' },
        });
        expect(plan.settings).toEqual([{ name: 'hnsw.iterative_scan', value: 'off' }]);
        const hits = await search.nearest(tx, q, {
          k: 10,
          where: { category: 'rare' },
          tuning: { iterativeScan: 'off' },
          exactFallback: false,
        });
        returned += hits.length;
      }
    });
    expect(returned).toBeLessThan(5 * 10);
  });

  it('falls back to exact search when the index scan still comes back short', async () => {
    const q = queries[0]!;
    const exact = await search.exact(db, q, { k: 10, where: { category: 'rare' } });
    await db.transaction(async (tx) => {
      await tx.executor.exec('set local enable_seqscan = off; set local enable_bitmapscan = off');
      const options = { k: 10, where: { category: 'rare' }, tuning: { iterativeScan: 'off' } } as const;
      const short = await search.nearest(tx, q, { ...options, exactFallback: false });
      expect(short.length).toBeLessThan(10);
      const hits = await search.nearest(tx, q, options);
      expect(hits.map((h) => h.row.id)).toEqual(exact.map((h) => h.row.id));
    });
  });

  it('returns every matching row when fewer than k match', async () => {
    const hits = await search.nearest(db, queries[1]!, { k: 10, where: { id: { in: [100, 200, 300] } } });
    expect(hits.map((h) => h.row.id).sort()).toEqual([100, 200, 300]);
  });
});

describe('recall of the approximate search', () => {
  it('is high on clustered data, and does not fall as ef_search grows', async () => {
    const search = vectorSearch(points, 'embedding', { metric: 'cosine' });
    const low = await search.recall(db, { queries, k: 10, tuning: { efSearch: 10 } });
    const high = await search.recall(db, { queries, k: 10, tuning: { efSearch: 100 } });
    expect(low.queries).toBe(queries.length);
    expect(high.recall).toBeGreaterThanOrEqual(low.recall);
    expect(high.recall).toBeGreaterThanOrEqual(0.95);
    expect(high.meanReturned).toBe(10);
    expect(high.perQuery).toHaveLength(queries.length);
  });

  it('counts a filtered query against the exact filtered result', async () => {
    const report = await vectorSearch(points, 'embedding', { metric: 'cosine' }).recall(db, {
      queries: queries.slice(0, 5),
      k: 5,
      where: { category: 'common' },
    });
    expect(report.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('of IVFFlat improves with more probes (√lists by default)', async () => {
    const search = vectorSearch(points, 'embedding', { metric: 'l2' });
    const one = await search.recall(db, { queries, k: 10, tuning: { probes: 1 } });
    const byDefault = await search.recall(db, { queries, k: 10 });
    expect(byDefault.recall).toBeGreaterThanOrEqual(one.recall);
    expect(byDefault.recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('quantised indexes', () => {
  it('half precision, re-ranked, finds what full precision finds, with full-precision distances', async () => {
    const half = vectorSearch(points, 'embedding', { metric: 'cosine', quantization: { kind: 'halfvec' } });
    const report = await half.recall(db, { queries, k: 10, tuning: { efSearch: 100 } });
    expect(report.recall).toBeGreaterThanOrEqual(0.95);
    const q = queries[3]!;
    const [hit] = await half.nearest(db, q, { k: 1 });
    const [exact] = await half.exact(db, q, { k: 1 });
    expect(hit!.row.id).toBe(exact!.row.id);
    expect(hit!.distance).toBe(exact!.distance);
  });

  it('binary, re-ranked on the full vectors in the same statement, keeps the recall with enough candidates', async () => {
    const binary = vectorSearch(points, 'embedding', { metric: 'cosine', quantization: { kind: 'binary' } });
    const byDefault = await binary.recall(db, { queries, k: 10 });
    expect(byDefault.recall).toBeGreaterThanOrEqual(0.9);
    const few = vectorSearch(points, 'embedding', {
      metric: 'cosine',
      quantization: { kind: 'binary', candidates: 10 },
    });
    const fewReport = await few.recall(db, { queries, k: 10 });
    expect(fewReport.recall).toBeLessThan(byDefault.recall);
    // Re-ranked distances are the full-precision ones.
    const [hit] = await binary.nearest(db, queries[4]!, { k: 1 });
    const [exact] = await binary.exact(db, queries[4]!, { k: 1 });
    expect(hit).toEqual(exact);
  });

  it('use their expression indexes', async () => {
    for (const [kind, name] of [
      ['halfvec', 'points_embedding_half_idx'],
      ['binary', 'points_embedding_bq_idx'],
    ] as const) {
      const plan = vectorSearch(points, 'embedding', {
        metric: 'cosine',
        quantization: { kind },
      }).planNearest(queries[0]!, { k: 10 });
      const explained = await db.transaction(async (tx) => {
        await tx.executor.exec('set local enable_seqscan = off');
        const { rows } = await tx.executor.query<Record<string, string>>(`explain ${plan.sql}`, plan.params);
        return rows.map((r) => Object.values(r)[0]).join('\n');
      });
      expect(explained).toContain(`Index Scan using ${name}`);
    }
  });
});

/**
 * Search benchmarks on a throwaway database on the local server: an HNSW index over 100,000
 * clustered 768-dimension vectors (recall@10 and queries per second at ef_search 40, 100 and
 * 200, Strata against the same SQL through raw `pg`; goal: Strata at least 0.95× the raw
 * throughput at equal recall), a filtered query at 1% selectivity with and without iterative
 * scans, and hybrid (vector + full-text) latency against a plain vector query.
 */
import pg from 'pg';
import { connect } from '../src/db/index.js';
import { toSqlStatements } from '../src/ddl/index.js';
import { repository } from '../src/repo/index.js';
import { defineSchema, index, integer, sql, table, text, tsvector, vector } from '../src/schema/index.js';
import { clusteredVectors, seededRandom } from '../src/search/clustered-vectors.js';
import { formatElement } from '../src/search/query-vector.js';
import { vectorSearch } from '../src/search/vector-search.js';
import {
  type Bench,
  type BenchReport,
  type Contender,
  formatNumber,
  type LatencyOptions,
  machineDescription,
  measureLatency,
  type ResultTable,
  withBenchDatabase,
} from './support/kit.js';

const COUNT = 100_000;
const DIMENSIONS = 768;
const CLUSTERS = 100;
const K = 10;
const EF_SEARCH = [40, 100, 200] as const;
/** pgvector's default `hnsw.ef_search`. */
const DEFAULT_EF = 40;
const QUERIES = 100;
const FILTERED_QUERIES = 50;
/** Rows with `category = 7`: 1% of the table (categories 0–99, spread evenly). */
const RARE_CATEGORY = 7;
const LATENCY = { warmup: 100, samples: 1200 };

/** Mean microseconds per operation of each contender, taking turns call by call (the 10% slowest and fastest left out). */
async function alternatingLatency(
  contenders: readonly Contender[],
  options: LatencyOptions,
): Promise<Map<string, number>> {
  const measured = await measureLatency(contenders, options);
  return new Map([...measured].map(([name, m]) => [name, m.trimmedMeanUs]));
}

const items = table(
  'items',
  {
    id: integer().primaryKey(),
    category: integer().notNull(),
    body: text().notNull(),
    search_vector: tsvector().generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, body)`),
    embedding: vector(DIMENSIONS).notNull(),
  },
  (t) => [
    index('items_embedding_idx')
      .using('hnsw', t.embedding.op('vector_cosine_ops'))
      .with({ m: 16, ef_construction: 64 }),
    index('items_search_idx').using('gin', t.search_vector),
  ],
);

/** Pseudo-words, so the text side has a vocabulary tied to the clusters (as topics are). */
function vocabulary(size: number, seed: number): string[] {
  const random = seededRandom(seed);
  const consonants = 'bcdfghklmnprstvz';
  const vowels = 'aeiou';
  const words = new Set<string>();
  while (words.size < size) {
    let word = '';
    for (let s = 0; s < 3; s += 1) {
      word +=
        consonants[Math.floor(random() * consonants.length)]! + vowels[Math.floor(random() * vowels.length)]!;
    }
    words.add(word);
  }
  return [...words];
}

const WORDS = vocabulary(CLUSTERS * 20 + 500, 5);
const clusterWords = (c: number) => WORDS.slice(c * 20, c * 20 + 20);
const commonWords = WORDS.slice(CLUSTERS * 20);

function bodyOf(cluster: number, random: () => number): string {
  const own = clusterWords(cluster);
  const words: string[] = [];
  for (let i = 0; i < 6; i += 1) words.push(own[Math.floor(random() * own.length)]!);
  for (let i = 0; i < 4; i += 1) words.push(commonWords[Math.floor(random() * commonWords.length)]!);
  return words.join(' ');
}

function recallOf(found: readonly (readonly number[])[], truth: readonly (readonly number[])[]): number {
  let sum = 0;
  found.forEach((ids, q) => {
    const exact = new Set(truth[q]);
    sum += exact.size === 0 ? 1 : ids.filter((id) => exact.has(id)).length / exact.size;
  });
  return sum / found.length;
}

const qps = (microseconds: number) => 1e6 / microseconds;

const bench: Bench = {
  name: 'Search',
  run: () =>
    withBenchDatabase('strata_bench_search', async (url): Promise<BenchReport> => {
      const db = await connect({ url, pool: { max: 4 } });
      const pool = new pg.Pool({ connectionString: url, max: 4 });
      try {
        const serverVersion = (
          await pool.query<{ v: string }>("select 'PostgreSQL ' || current_setting('server_version') as v")
        ).rows[0]!.v;
        const ddl = toSqlStatements(defineSchema({ items }).model);
        const indexDdl = ddl.filter((statement) => /^CREATE INDEX/i.test(statement));
        await db.executor.exec(ddl.filter((statement) => !indexDdl.includes(statement)).join('\n'));
        // 3 KB vectors would be TOASTed; kept in the row, a full scan (exact search) reads them directly.
        await db.executor.exec('ALTER TABLE items ALTER COLUMN embedding SET STORAGE PLAIN');
        await db.refreshTypes();

        // Data: clustered vectors (uniform random ones would make recall figures meaningless).
        let started = performance.now();
        const data = clusteredVectors({ count: COUNT, dimensions: DIMENSIONS, clusters: CLUSTERS, seed: 1 });
        const queries = data.sampleWithClusters(QUERIES, 2);
        const generateMs = performance.now() - started;
        const random = seededRandom(3);
        function* rows() {
          for (let i = 0; i < COUNT; i += 1) {
            yield {
              id: i,
              category: i % 100,
              body: bodyOf(data.cluster[i]!, random),
              embedding: data.vectors[i] as unknown as number[],
            };
          }
        }
        started = performance.now();
        const loaded = await repository(items).with(db).load(rows());
        const loadMs = performance.now() - started;

        // Indexes after the load, with room to build the HNSW graph in memory and one parallel worker.
        started = performance.now();
        await db.executor.exec(
          `begin; set local maintenance_work_mem = '1GB'; set local max_parallel_maintenance_workers = 1; ${indexDdl.join('\n')} commit; analyze items`,
        );
        const indexMs = performance.now() - started;

        const search = vectorSearch(items, 'embedding');
        const vectors = queries.vectors.map((v) => v as unknown as number[]);

        // Ground truth: exact search (a full scan) per query.
        started = performance.now();
        const truth: number[][] = [];
        for (const q of vectors)
          truth.push((await search.exact(db, q, { k: K, select: ['id'] })).map((h) => h.row.id));
        const exactMs = (performance.now() - started) / vectors.length;

        // The same statements through raw pg: what Strata sends, written by hand.
        const setEf = "select set_config('hnsw.ef_search', $1, true)";
        const plainSql = search.planNearest(vectors[0]!, {
          k: K,
          select: ['id'],
          tuning: { efSearch: 100 },
        }).sql;
        const rawNearest = async (
          q: readonly number[],
          ef: number,
          text: (q: readonly number[]) => string,
        ): Promise<number[]> => {
          if (ef === DEFAULT_EF) {
            const { rows: found } = await pool.query<{ id: number }>(plainSql, [text(q), K]);
            return found.map((r) => r.id);
          }
          const client = await pool.connect();
          try {
            await client.query('begin');
            await client.query(setEf, [String(ef)]);
            const { rows: found } = await client.query<{ id: number }>(plainSql, [text(q), K]);
            await client.query('commit');
            return found.map((r) => r.id);
          } finally {
            client.release();
          }
        };
        /** How applications (and pgvector-node's toSql) write a vector. */
        const joined = (q: readonly number[]) => `[${q.join(',')}]`;
        /** Strata's way: nine significant digits of the float32 pgvector stores. */
        const float32 = (q: readonly number[]) => {
          let text = '[';
          for (let i = 0; i < q.length; i += 1) text += (i === 0 ? '' : ',') + formatElement(q[i]!);
          return `${text}]`;
        };
        // At pgvector's default ef_search Strata sets nothing: one statement, no transaction.
        const strataNearest = async (q: readonly number[], ef: number): Promise<number[]> =>
          (
            await search.nearest(db, q, {
              k: K,
              select: ['id'],
              ...(ef === DEFAULT_EF ? {} : { tuning: { efSearch: ef } }),
            })
          ).map((h) => h.row.id);

        const hnswRows: string[][] = [];
        const throughput: { ef: number; ratio: number; ratioSameText: number }[] = [];
        for (const ef of EF_SEARCH) {
          const strataFound: number[][] = [];
          const rawFound: number[][] = [];
          for (const q of vectors) {
            strataFound.push(await strataNearest(q, ef));
            rawFound.push(await rawNearest(q, ef, joined));
          }
          const latency = await alternatingLatency(
            [
              { name: 'strata', op: (i) => strataNearest(vectors[i % vectors.length]!, ef) },
              { name: 'pg', op: (i) => rawNearest(vectors[i % vectors.length]!, ef, joined) },
              { name: 'pg-float32', op: (i) => rawNearest(vectors[i % vectors.length]!, ef, float32) },
            ],
            LATENCY,
          );
          const strataQps = qps(latency.get('strata')!);
          const rawQps = qps(latency.get('pg')!);
          const sameTextQps = qps(latency.get('pg-float32')!);
          const ratio = strataQps / rawQps;
          throughput.push({ ef, ratio, ratioSameText: strataQps / sameTextQps });
          hnswRows.push([
            ef === DEFAULT_EF ? `${ef} (default: 1 statement)` : `${ef} (4 statements)`,
            formatNumber(recallOf(strataFound, truth), 3),
            formatNumber(recallOf(rawFound, truth), 3),
            formatNumber(strataQps, 0),
            formatNumber(rawQps, 0),
            formatNumber(sameTextQps, 0),
            `${formatNumber(ratio, 2)}×`,
            ratio >= 0.95 ? 'met' : 'missed',
            `${formatNumber(strataQps / sameTextQps, 2)}×`,
          ]);
        }

        // Filtered at 1% selectivity: iterative scans (Strata's default for filtered queries) against none.
        const filtered = vectors.slice(0, FILTERED_QUERIES);
        const where = { category: RARE_CATEGORY };
        const filteredTruth: number[][] = [];
        for (const q of filtered) {
          filteredTruth.push(
            (await search.exact(db, q, { k: K, where, select: ['id'] })).map((h) => h.row.id),
          );
        }
        const filteredRows: string[][] = [];
        for (const [label, tuning] of [
          ['iterative scan, relaxed order (default)', {}],
          ['iterative scan, strict order', { iterativeScan: 'strict_order' }],
          ['no iterative scan', { iterativeScan: 'off' }],
        ] as const) {
          const found: number[][] = [];
          const start = performance.now();
          for (const q of filtered) {
            const hits = await search.nearest(db, q, {
              k: K,
              where,
              select: ['id'],
              tuning,
              exactFallback: false,
            });
            found.push(hits.map((h) => h.row.id));
          }
          const ms = (performance.now() - start) / filtered.length;
          const returned = found.reduce((n, ids) => n + ids.length, 0) / found.length;
          filteredRows.push([
            label,
            formatNumber(returned, 1),
            formatNumber(recallOf(found, filteredTruth), 3),
            formatNumber(ms, 2),
          ]);
        }
        const plan = search.planNearest(filtered[0]!, { k: K, where, select: ['id'] });
        const explained = await db.transaction(async (tx) => {
          for (const s of plan.settings)
            await tx.executor.query('select set_config($1, $2, true)', [s.name, s.value]);
          const { rows: lines } = await tx.executor.query<Record<string, string>>(
            `explain ${plan.sql}`,
            plan.params,
          );
          return lines.map((r) => Object.values(r)[0]).join(' ');
        });
        const filteredUsesIndex = explained.includes('items_embedding_idx');

        // Hybrid against a plain vector query: two words of the query's cluster as the text.
        const texts = Array.from(queries.cluster, (c, i) => {
          const own = clusterWords(c);
          return `${own[i % own.length]} ${own[(i * 7 + 3) % own.length]}`;
        });
        const hybridLatency = await alternatingLatency(
          [
            {
              name: 'vector',
              op: (i) => search.nearest(db, vectors[i % vectors.length]!, { k: K, select: ['id'] }),
            },
            {
              name: 'rrf',
              op: (i) =>
                search.hybrid(db, {
                  text: texts[i % texts.length]!,
                  vector: vectors[i % vectors.length]!,
                  k: K,
                  select: ['id'],
                }),
            },
            {
              name: 'weighted',
              op: (i) =>
                search.hybrid(db, {
                  text: texts[i % texts.length]!,
                  vector: vectors[i % vectors.length]!,
                  k: K,
                  select: ['id'],
                  fusion: { kind: 'weighted' },
                }),
            },
          ],
          { warmup: 50, samples: 400 },
        );
        const vectorUs = hybridLatency.get('vector')!;
        const hybridRows = [
          ['vector only (HNSW, ef_search 40)', formatNumber(vectorUs / 1000, 2), '1.00×'],
          [
            'hybrid, RRF (k = 60)',
            formatNumber(hybridLatency.get('rrf')! / 1000, 2),
            `${formatNumber(hybridLatency.get('rrf')! / vectorUs, 2)}×`,
          ],
          [
            'hybrid, weighted 0.7 / 0.3',
            formatNumber(hybridLatency.get('weighted')! / 1000, 2),
            `${formatNumber(hybridLatency.get('weighted')! / vectorUs, 2)}×`,
          ],
        ];

        // Where Strata's time goes besides the search: one trivial statement, and one inside a transaction.
        const trivial = 'select $1::int + 1 as x';
        const overhead = await alternatingLatency(
          [
            { name: 'strata-1', op: (i) => db.executor.query(trivial, [i]) },
            { name: 'pg-1', op: (i) => pool.query(trivial, [i]) },
            {
              name: 'strata-tx',
              op: (i) =>
                db.transaction(async (tx) => {
                  await tx.executor.query(setEf, ['40']);
                  return tx.executor.query(trivial, [i]);
                }),
            },
            {
              name: 'pg-tx',
              op: async (i) => {
                const client = await pool.connect();
                try {
                  await client.query('begin');
                  await client.query(setEf, ['40']);
                  const result = await client.query(trivial, [i]);
                  await client.query('commit');
                  return result;
                } finally {
                  client.release();
                }
              },
            },
          ],
          { warmup: 200, samples: 2000 },
        );
        const overheadRow = (label: string, strata: string, raw: string) => [
          label,
          formatNumber(overhead.get(strata)!, 0),
          formatNumber(overhead.get(raw)!, 0),
          formatNumber(overhead.get(strata)! - overhead.get(raw)!, 0),
        ];

        const tables: ResultTable[] = [
          {
            title: `HNSW (m 16, ef_construction 64), ${COUNT.toLocaleString('en-US')} × ${DIMENSIONS} clustered vectors, cosine, k = ${K}: recall@10 and queries per second, one client`,
            columns: [
              'ef_search',
              'recall Strata',
              'recall pg',
              'q/s Strata',
              'q/s pg',
              'q/s pg, float32 text',
              'Strata ÷ pg',
              'goal ≥ 0.95×',
              'Strata ÷ pg, float32 text',
            ],
            rows: hnswRows,
          },
          {
            title: `Filtered query, 1% selectivity (category = ${RARE_CATEGORY}, ${COUNT / 100} matching rows), k = ${K}, ${FILTERED_QUERIES} queries, no exact fallback`,
            columns: ['HNSW scan', 'rows returned (mean)', 'recall@10', 'ms / query'],
            rows: filteredRows,
          },
          {
            title: `Hybrid (vector + full text, one statement, 40 candidates a side) against a plain vector query, k = ${K} (ms, trimmed mean of 400 alternating queries)`,
            columns: ['query', 'ms', '÷ vector'],
            rows: hybridRows,
          },
          {
            title: 'Client-side cost of a trivial statement (µs, trimmed mean of 2,000 alternating runs)',
            columns: ['what', 'Strata', 'pg', 'difference'],
            rows: [
              overheadRow('one statement (`select $1 + 1`)', 'strata-1', 'pg-1'),
              overheadRow('transaction: BEGIN, set_config, the statement, COMMIT', 'strata-tx', 'pg-tx'),
            ],
          },
          {
            title: 'Setup',
            columns: ['step', 'seconds', 'note'],
            rows: [
              [
                'generate vectors (JavaScript)',
                formatNumber(generateMs / 1000, 1),
                `${CLUSTERS} clusters, 32 intrinsic dimensions`,
              ],
              [
                `load (${loaded.method})`,
                formatNumber(loadMs / 1000, 1),
                `${formatNumber(COUNT / (loadMs / 1000), 0)} rows/s`,
              ],
              [
                'build HNSW + GIN indexes',
                formatNumber(indexMs / 1000, 1),
                "maintenance_work_mem '1GB', 1 parallel worker",
              ],
              ['exact search (ground truth)', formatNumber(exactMs / 1000, 3), 'per query: a full scan'],
            ],
          },
        ];
        const missed = throughput.filter((t) => t.ratio < 0.95);
        return {
          section: 'Search',
          intro: [
            `Run on ${new Date().toISOString().slice(0, 10)}: ${machineDescription(serverVersion)} on 127.0.0.1.`,
            '',
            "Strata is `vectorSearch(items, 'embedding').nearest(db, q, { k: 10, select: ['id'], tuning: { efSearch } })`: " +
              "it checks the query vector; at pgvector's default ef_search (40) it sends the search alone, otherwise BEGIN, " +
              "`set_config('hnsw.ef_search', …, true)`, the search, COMMIT. `pg` sends the same statements by hand on a " +
              '`pg.Pool` of the same size (4), writing the vector as applications and pgvector-node do (the array joined with ' +
              'commas); "pg, float32 text" writes it as Strata does (nine significant digits of each float32: exact for ' +
              'pgvector, and about twice as fast to format). Recall@10 is measured ' +
              `against exact search (a full scan, no index) on ${QUERIES} queries drawn from the same clusters as the data; ` +
              'queries per second are one client, one query at a time, Strata and `pg` taking turns query by query on the same ' +
              'queries (1,200 each, the slowest and fastest 10% trimmed). Other work on ' +
              'the machine (see the load average) moves these figures by ±10% from run to run.',
          ],
          tables,
          notes: [
            missed.length === 0
              ? 'Goal met: Strata ≥ 0.95× the raw `pg` throughput at every ef_search, at equal recall (the same statements return the same rows).'
              : `Goal missed at ef_search ${missed.map((m) => `${m.ef} (${formatNumber(m.ratio, 2)}×)`).join(', ')}.`,
            `Against raw \`pg\` with Strata's float32 formatting, Strata runs at ${throughput
              .map((t) => `${formatNumber(t.ratioSameText, 2)}×`)
              .join(
                ', ',
              )} (ef_search ${EF_SEARCH.join(', ')}). At ef_search 40 both send one statement; above it, ` +
              "Strata's share is mostly its transaction (see the client-side cost of a trivial statement, alone and in a transaction).",
            `The filtered query ${filteredUsesIndex ? 'uses' : 'does not use'} the HNSW index (EXPLAIN). Without iterative scans the index ` +
              'scan stops after ef_search (40) candidates and the filter keeps about 1% of them; Strata turns relaxed-order iterative ' +
              'scans on for filtered queries (re-sorted in an outer query over a MATERIALIZED CTE), and by default also falls back to ' +
              'exact search when a filtered query still returns fewer than k rows (off here, to measure the index alone).',
            'Hybrid search is one statement: the vector side through HNSW, the text side through GIN with websearch_to_tsquery ' +
              "('simple' configuration, two words of the query's topic), fused in SQL.",
          ],
        };
      } finally {
        await pool.end();
        await db.close();
      }
    }),
};

export default bench;

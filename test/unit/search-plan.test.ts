import { describe, expect, expectTypeOf, it } from 'vitest';
import { isStrataError } from '../../src/errors/strata-error.js';
import {
  bit,
  boolean,
  halfvec,
  index,
  integer,
  jsonb,
  sparsevec,
  sql,
  table,
  text,
  timestamptz,
  tsvector,
  vector,
} from '../../src/schema/index.js';
import { binaryIndexElement, halfvecIndexElement } from '../../src/search/quantized-index.js';
import type { SearchSession } from '../../src/search/search-session.js';
import { vectorSearch } from '../../src/search/vector-search.js';

const items = table(
  'items',
  {
    id: integer().primaryKey(),
    category: text().notNull(),
    metadata: jsonb<{ lang: string }>().notNull(),
    embedding: vector(3),
    bits: bit(4),
    sparse: sparsevec(5),
    deleted_at: timestamptz().role('deletedAt'),
  },
  (t) => [index('items_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops'))],
);

const ivf = table('ivf_items', { id: integer().primaryKey(), embedding: vector(3) }, (t) => [
  index('ivf_items_embedding_idx').using('ivfflat', t.embedding.op('vector_l2_ops')).with({ lists: 100 }),
]);

const chunks = table(
  'chunks',
  {
    id: integer().primaryKey(),
    body: text().notNull(),
    embedding: vector(4),
    search_vector: tsvector().generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, body)`),
    is_active: boolean().notNull().default(true).role('isActive'),
  },
  (t) => [
    index('chunks_embedding_idx').using('hnsw', t.embedding.op('vector_l2_ops')).where(sql`${t.is_active}`),
    index('chunks_embedding_half_idx')
      .using('hnsw', halfvecIndexElement(t.embedding, 'l2'))
      .where(sql`${t.is_active}`),
    index('chunks_embedding_bq_idx')
      .using('hnsw', binaryIndexElement(t.embedding))
      .where(sql`${t.is_active}`),
  ],
);

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (isStrataError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an error');
}

/** A session that fails the test if the database is asked anything. */
const untouchable: SearchSession = {
  isTransaction: false,
  executor: {
    backend: 'postgres',
    query: () => Promise.reject(new Error('the database was asked')),
    exec: () => Promise.reject(new Error('the database was asked')),
  },
  transaction: () => Promise.reject(new Error('the database was asked')),
};

describe('metric resolution', () => {
  it("takes the metric from the column's index operator class", () => {
    expect(vectorSearch(items, 'embedding').metric).toBe('cosine');
    expect(vectorSearch(ivf, 'embedding').metric).toBe('l2');
  });

  it('needs the metric when no index tells it, except for bit columns (Hamming)', () => {
    const e = errorOf(() => vectorSearch(items, 'sparse'));
    expect(e.code).toBe('SEARCH_INVALID');
    expect(e.message).toMatch(/Give the metric for items\.sparse \(l2, ip, cosine, l1\)/);
    expect(vectorSearch(items, 'bits').metric).toBe('hamming');
  });

  it("refuses a metric the column's type does not support", () => {
    const e = errorOf(() => vectorSearch(items, 'embedding', { metric: 'hamming' }));
    expect(e.code).toBe('SEARCH_INVALID');
    expect(e.message).toBe(
      'items.embedding is vector, which supports the metrics l2, ip, cosine, l1; got "hamming".',
    );
    expect(errorOf(() => vectorSearch(items, 'bits', { metric: 'cosine' })).message).toMatch(
      /hamming, jaccard/,
    );
  });

  it("refuses an approximate search with a metric the column's index does not support, but allows it exactly", () => {
    const search = vectorSearch(items, 'embedding', { metric: 'l2' });
    const e = errorOf(() => search.planNearest([1, 2, 3]));
    expect(e.code).toBe('SEARCH_INVALID');
    expect(e.message).toMatch(
      /No index supports l2 distance on items\.embedding: HNSW index items_embedding_idx \(vector_cosine_ops\)/,
    );
    expect(search.planNearest([1, 2, 3], { exact: true }).strategy).toBe('exact');
  });

  it('refuses IVFFlat searches by L1, which IVFFlat cannot index', () => {
    expect(errorOf(() => vectorSearch(ivf, 'embedding', { metric: 'l1' }).planNearest([1, 2, 3])).code).toBe(
      'SEARCH_INVALID',
    );
  });

  it('refuses columns that are missing or not vectors, naming the vector columns', () => {
    expect(errorOf(() => vectorSearch(items, 'nope' as 'embedding')).message).toBe(
      'Table items has no column "nope"; its vector columns are: embedding, bits, sparse.',
    );
    expect(errorOf(() => vectorSearch(items, 'category' as 'embedding')).message).toMatch(
      /is text, not a vector/,
    );
  });
});

describe('nearest-neighbour statements', () => {
  it('order by the distance operator ascending with a LIMIT, the only shape an ANN index answers', () => {
    const plan = vectorSearch(items, 'embedding').planNearest([1, 2, 3], { k: 5, withDeleted: true });
    expect(plan.strategy).toBe('index');
    expect(plan.sql).toMatch(
      /"items"\."embedding" <=> \$1::vector as "strata_distance" from "public"\."items"/,
    );
    expect(plan.sql).toMatch(/ order by "strata_distance" limit \$2$/);
    expect(plan.params).toEqual(['[1,2,3]', 5]);
    expect(plan.settings).toEqual([]);
  });

  it('never splice values: the vector, filters and limits are parameters', () => {
    const plan = vectorSearch(items, 'embedding').planNearest([0.25, 0.5, 0.75], {
      k: 7,
      offset: 3,
      where: { category: "x'; drop table items; --", metadata: { contains: { lang: 'en' } } },
    });
    expect(plan.sql).not.toContain('0.25');
    expect(plan.sql).not.toContain('drop table');
    expect(plan.sql).not.toContain('"en"');
    expect(plan.params).toContain("x'; drop table items; --");
    expect(plan.params).toContain(7);
    expect(plan.params).toContain(3);
  });

  it('leaves vectors out of the default columns', () => {
    const plan = vectorSearch(items, 'embedding').planNearest([1, 2, 3]);
    expect(plan.sql).toContain('"items"."category"');
    expect(plan.sql).not.toMatch(/"items"\."sparse"/);
    expect(plan.sql).not.toMatch(/"items"\."embedding" as|"items"\."embedding", /);
    const selected = vectorSearch(items, 'embedding').planNearest([1, 2, 3], {
      select: ['id', 'embedding'],
      withDeleted: true,
    });
    expect(selected.sql).toMatch(/^select "items"\."id", "items"\."embedding", /);
  });

  it('leaves out soft-deleted rows unless withDeleted', () => {
    const search = vectorSearch(items, 'embedding');
    expect(search.planNearest([1, 2, 3]).sql).toContain('and ("items"."deleted_at" is null)');
    expect(search.planNearest([1, 2, 3], { withDeleted: true }).sql).not.toContain('deleted_at" is null');
  });

  it('turns on iterative scans in relaxed order for filtered queries, re-sorting over a MATERIALIZED CTE', () => {
    const plan = vectorSearch(items, 'embedding').planNearest([1, 2, 3], { k: 10, where: { category: 'a' } });
    expect(plan.filtered).toBe(true);
    expect(plan.strategy).toBe('resort');
    expect(plan.settings).toEqual([{ name: 'hnsw.iterative_scan', value: 'relaxed_order' }]);
    expect(plan.sql).toMatch(
      /^with "strata_nearest" as materialized \(select .* order by "strata_distance" limit \$\d+\)/,
    );
    expect(plan.sql).toMatch(/ select \* from "strata_nearest" order by "strata_distance" \+ 0 limit \$\d+$/);
  });

  it('needs no iterative scan when a partial index already holds only the live rows', () => {
    const plan = vectorSearch(chunks, 'embedding').planNearest([1, 2, 3, 4], { k: 10 });
    expect(plan.filtered).toBe(false);
    expect(plan.strategy).toBe('index');
    expect(plan.indexes).toEqual(['chunks_embedding_idx']);
  });

  it('keeps strict order without a re-sort when asked', () => {
    const plan = vectorSearch(items, 'embedding').planNearest([1, 2, 3], {
      where: { category: 'a' },
      tuning: { iterativeScan: 'strict_order' },
    });
    expect(plan.strategy).toBe('index');
    expect(plan.settings).toContainEqual({ name: 'hnsw.iterative_scan', value: 'strict_order' });
  });

  it('raises ef_search to k + offset, since an HNSW scan returns at most ef_search rows', () => {
    const search = vectorSearch(items, 'embedding');
    expect(search.planNearest([1, 2, 3], { k: 40, withDeleted: true }).settings).toEqual([]);
    expect(search.planNearest([1, 2, 3], { k: 50, offset: 25, withDeleted: true }).settings).toEqual([
      { name: 'hnsw.ef_search', value: '75' },
    ]);
    expect(
      search.planNearest([1, 2, 3], { k: 5, tuning: { efSearch: 200 }, withDeleted: true }).settings,
    ).toEqual([{ name: 'hnsw.ef_search', value: '200' }]);
  });

  it('probes √lists of an IVFFlat index by default', () => {
    expect(vectorSearch(ivf, 'embedding').planNearest([1, 2, 3]).settings).toEqual([
      { name: 'ivfflat.probes', value: '10' },
    ]);
    expect(vectorSearch(ivf, 'embedding').planNearest([1, 2, 3], { tuning: { probes: 3 } }).settings).toEqual(
      [{ name: 'ivfflat.probes', value: '3' }],
    );
  });

  it('refuses tuning for the other index method, and strict order on IVFFlat', () => {
    expect(
      errorOf(() => vectorSearch(ivf, 'embedding').planNearest([1, 2, 3], { tuning: { efSearch: 100 } }))
        .message,
    ).toMatch(
      /tuning\.efSearch is for HNSW indexes, but the query uses IVFFlat index ivf_items_embedding_idx/,
    );
    expect(
      errorOf(() => vectorSearch(items, 'embedding').planNearest([1, 2, 3], { tuning: { probes: 4 } })).code,
    ).toBe('SEARCH_INVALID');
    expect(
      errorOf(() =>
        vectorSearch(ivf, 'embedding').planNearest([1, 2, 3], { tuning: { iterativeScan: 'strict_order' } }),
      ).message,
    ).toMatch(/HNSW-only/);
  });

  it('searches exactly by ordering on distance + 0, which no index can answer, with no settings', () => {
    const plan = vectorSearch(items, 'embedding').planNearest([1, 2, 3], {
      exact: true,
      where: { category: 'a' },
    });
    expect(plan.strategy).toBe('exact');
    expect(plan.settings).toEqual([]);
    expect(plan.sql).toMatch(/order by \("items"\."embedding" <=> \$1::vector\) \+ 0 limit/);
  });

  it('casts bit queries to varbit, so every bit is compared', () => {
    const plan = vectorSearch(items, 'bits').planNearest('1010', { exact: true });
    expect(plan.sql).toContain('"items"."bits" <~> $1::varbit');
  });
});

describe('quantised search', () => {
  it('orders by the half-precision cast of the index, re-ranking on the full vectors', () => {
    const search = vectorSearch(chunks, 'embedding', { quantization: { kind: 'halfvec' } });
    const plan = search.planNearest([1, 2, 3, 4], { k: 5 });
    expect(plan.strategy).toBe('rerank');
    expect(plan.indexes).toEqual(['chunks_embedding_half_idx']);
    expect(plan.sql).toContain(
      'order by ("chunks"."embedding")::halfvec(4) <-> $1::vector::halfvec(4) limit',
    );
    expect(plan.sql).toContain('"strata_candidates"."strata_vector" <-> $1::vector as "strata_distance"');
  });

  it('can keep the half-precision distance without re-ranking', () => {
    const search = vectorSearch(chunks, 'embedding', { quantization: { kind: 'halfvec', rerank: false } });
    const plan = search.planNearest([1, 2, 3, 4]);
    expect(plan.strategy).toBe('index');
    expect(plan.sql).toContain(
      '("chunks"."embedding")::halfvec(4) <-> $1::vector::halfvec(4) as "strata_distance"',
    );
  });

  it('takes binary-quantised candidates by Hamming distance and re-ranks them by the metric, in one statement', () => {
    const search = vectorSearch(chunks, 'embedding', { quantization: { kind: 'binary' } });
    const plan = search.planNearest([1, -2, 3, -4], { k: 10 });
    expect(plan.strategy).toBe('rerank');
    expect(plan.indexes).toEqual(['chunks_embedding_bq_idx']);
    expect(plan.sql).toContain(
      'order by binary_quantize("chunks"."embedding")::bit(4) <~> binary_quantize($1::vector) limit',
    );
    expect(plan.params).toContain(100);
    expect(plan.settings).toEqual([{ name: 'hnsw.ef_search', value: '100' }]);
    expect(search.planNearest([1, -2, 3, -4], { k: 30 }).settings).toEqual([
      { name: 'hnsw.ef_search', value: '120' },
    ]);
  });

  it('refuses fewer re-rank candidates than results', () => {
    const search = vectorSearch(chunks, 'embedding', { quantization: { kind: 'binary' } });
    expect(errorOf(() => search.planNearest([1, 2, 3, 4], { k: 10, rerankCandidates: 5 })).message).toMatch(
      /rerankCandidates must be a whole number from 10 to 10000/,
    );
  });

  it('refuses half precision on a halfvec column and dimensions that differ from the column', () => {
    const t = table('h', { id: integer().primaryKey(), e: halfvec(3) });
    expect(
      errorOf(() => vectorSearch(t, 'e', { metric: 'l2', quantization: { kind: 'halfvec' } })).message,
    ).toMatch(/Half-precision quantisation needs a vector column/);
    expect(
      errorOf(() => vectorSearch(items, 'embedding', { quantization: { kind: 'binary', dimensions: 8 } }))
        .message,
    ).toMatch(/quantization.dimensions is 8 but items.embedding has 3/);
  });
});

describe('bad input is refused before the database is asked', () => {
  const search = vectorSearch(items, 'embedding');
  const cases: [string, () => Promise<unknown>, RegExp][] = [
    [
      'a vector of the wrong dimension',
      () => search.nearest(untouchable, [1, 2]),
      /has 2 dimensions but items\.embedding is vector\(3\)/,
    ],
    ['NaN', () => search.nearest(untouchable, [1, Number.NaN, 3]), /Element 1 of the query vector is NaN/],
    [
      'Infinity',
      () => search.nearest(untouchable, [1, 2, Number.POSITIVE_INFINITY]),
      /Element 2 .* Infinity/,
    ],
    ['a zero vector under cosine', () => search.nearest(untouchable, [0, 0, 0]), /all zeros/],
    [
      'k = 0',
      () => search.nearest(untouchable, [1, 2, 3], { k: 0 }),
      /k must be a whole number from 1 to 10000; got 0/,
    ],
    ['k beyond the limit', () => search.nearest(untouchable, [1, 2, 3], { k: 10_001 }), /k must be/],
    ['a fractional k', () => search.nearest(untouchable, [1, 2, 3], { k: 2.5 }), /k must be/],
    [
      'k + offset beyond the limit',
      () => search.nearest(untouchable, [1, 2, 3], { k: 10, offset: 9995 }),
      /k \+ offset/,
    ],
    ['a string for a float vector', () => search.nearest(untouchable, 'abc'), /must be an array of numbers/],
    [
      'ef_search out of range',
      () => search.nearest(untouchable, [1, 2, 3], { tuning: { efSearch: 1001 } }),
      /efSearch/,
    ],
    [
      'an unknown tuning option',
      () => search.nearest(untouchable, [1, 2, 3], { tuning: { ef: 3 } as never }),
      /Unknown tuning option "ef"/,
    ],
    [
      'tuning on an exact search',
      () => search.nearest(untouchable, [1, 2, 3], { exact: true, tuning: { efSearch: 10 } }),
      /no effect on an exact search/,
    ],
    [
      'an unknown select column',
      () => search.nearest(untouchable, [1, 2, 3], { select: ['nope' as 'id'] }),
      /has no column "nope"/,
    ],
    [
      'an empty text query',
      () => search.hybrid(untouchable, { text: '   ', vector: [1, 2, 3] }),
      /text query is empty/,
    ],
    [
      'hybrid without a text side',
      () => search.hybrid(untouchable, { text: 'cats', vector: [1, 2, 3] }),
      /needs a text side/,
    ],
    [
      'bits of the wrong length',
      () => vectorSearch(items, 'bits').nearest(untouchable, '10101'),
      /has 5 bits but items\.bits is bit\(4\)/,
    ],
    [
      'bits that are not 0 or 1',
      () => vectorSearch(items, 'bits').nearest(untouchable, '10a1'),
      /string of 0 and 1/,
    ],
    [
      'a sparse index out of range',
      () =>
        vectorSearch(items, 'sparse', { metric: 'l2' }).nearest(untouchable, {
          dimensions: 5,
          indices: [5],
          values: [1],
        }),
      /outside 0\.\.4/,
    ],
  ];
  for (const [what, run, message] of cases) {
    it(`refuses ${what}`, async () => {
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isStrataError(error, 'SEARCH_INVALID'), String(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
    });
  }
});

describe('hybrid statements', () => {
  const search = vectorSearch(chunks, 'embedding');

  it('take the text side from the tsvector column and its generated configuration', () => {
    expect(search.target.text).toEqual({
      kind: 'tsvectorColumn',
      column: 'search_vector',
      config: 'simple',
      rank: 'ts_rank',
      normalization: 0,
    });
  });

  it('are one statement: both sides as CTEs, fused, joined back for the columns', () => {
    const plan = search.planHybrid({ text: 'cats "big dogs" -birds', vector: [1, 2, 3, 4], k: 5 });
    expect(plan.sql).toMatch(/^with "strata_vector_hits" as materialized \(select "chunks"\."id", /);
    expect(plan.sql).toContain('"chunks"."search_vector" @@ websearch_to_tsquery($');
    expect(plan.sql).toContain('full join "strata_text_ranked"');
    expect(plan.params).toContain('cats "big dogs" -birds');
    expect(plan.params).toContain('simple');
    expect(plan.sql).not.toContain('big dogs');
  });

  it('build the text side from text columns when asked', () => {
    const byColumns = vectorSearch(chunks, 'embedding', { text: { columns: ['body'], config: 'english' } });
    const plan = byColumns.planHybrid({ text: 'cats', vector: [1, 2, 3, 4] });
    expect(plan.sql).toContain('to_tsvector($');
    expect(plan.sql).toContain('::regconfig, "chunks"."body") @@ websearch_to_tsquery(');
  });

  it('refuse configuration names that are not identifiers', () => {
    expect(errorOf(() => vectorSearch(chunks, 'embedding', { text: { config: "english'); --" } })).code).toBe(
      'SEARCH_INVALID',
    );
  });

  it('refuse an unknown fusion', () => {
    expect(
      errorOf(() =>
        search.planHybrid({ text: 'cats', vector: [1, 2, 3, 4], fusion: { kind: 'max' } as never }),
      ).message,
    ).toMatch(/Unknown fusion "max"/);
  });
});

describe('result types', () => {
  const search = vectorSearch(items, 'embedding');

  it('leave embeddings and the searched column out of default rows, and follow select', () => {
    type DefaultRow = Awaited<ReturnType<typeof search.nearest<never>>>[number]['row'];
    expectTypeOf<DefaultRow>().toEqualTypeOf<{
      id: number;
      category: string;
      metadata: { lang: string };
      bits: string | null;
      deleted_at: Date | null;
    }>();
    type Selected = Awaited<ReturnType<typeof search.nearest<'id' | 'embedding'>>>[number]['row'];
    expectTypeOf<Selected>().toEqualTypeOf<{ id: number; embedding: number[] | null }>();
    expect(search.planNearest([1, 2, 3], { select: ['id', 'embedding'] }).sql).toContain(
      '"items"."embedding", ',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { halfvec, index, integer, sql, table, vector } from '../../src/schema/index.js';
import { annIndexesOf } from '../../src/search/ann-index.js';
import { binaryIndexElement, halfvecIndexElement } from '../../src/search/quantized-index.js';
import { describeVectorColumn } from '../../src/search/vector-column.js';

describe('ANN indexes of a column', () => {
  const docs = table(
    'docs',
    { id: integer().primaryKey(), Embedding: vector(8), other: vector(8), half: halfvec(8) },
    (t) => [
      index('docs_cos').using('hnsw', t.Embedding.op('vector_cosine_ops')).with({ m: 8 }),
      index('docs_ivf').using('ivfflat', t.Embedding).with({ lists: 50 }),
      index('docs_half').using('hnsw', halfvecIndexElement(t.Embedding, 'ip')),
      index('docs_bq')
        .using('hnsw', binaryIndexElement(t.Embedding, { metric: 'jaccard' }))
        .where(sql`id > 0`),
      index('docs_written').using('hnsw', sql`("Embedding")::halfvec(8)`.op('halfvec_l1_ops')),
      index('docs_other').using('hnsw', t.other.op('vector_l2_ops')),
      index('docs_btree').on(t.id),
      index('docs_half_col').using('hnsw', t.half.op('halfvec_cosine_ops')),
    ],
  );

  it('finds indexes on the column and on its half-precision and binary casts, with their metrics', () => {
    const found = annIndexesOf(docs, describeVectorColumn(docs, 'Embedding'));
    expect(found.map((i) => [i.name, i.method, i.metric, i.target])).toEqual([
      ['docs_cos', 'hnsw', 'cosine', { kind: 'column' }],
      ['docs_ivf', 'ivfflat', 'l2', { kind: 'column' }],
      ['docs_half', 'hnsw', 'ip', { kind: 'halfvec', dimensions: 8 }],
      ['docs_bq', 'hnsw', 'jaccard', { kind: 'binary', dimensions: 8 }],
      ['docs_written', 'hnsw', 'l1', { kind: 'halfvec', dimensions: 8 }],
    ]);
    expect(found[0]!.params).toEqual({ m: '8' });
    expect(found[3]!.where).toBe('id > 0');
  });

  it("reads a halfvec column's own index as a column index", () => {
    const found = annIndexesOf(docs, describeVectorColumn(docs, 'half'));
    expect(found.map((i) => [i.name, i.metric, i.target.kind])).toEqual([
      ['docs_half_col', 'cosine', 'column'],
    ]);
  });
});

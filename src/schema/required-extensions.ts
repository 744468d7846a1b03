import { describeVectorOpclass, type SchemaModel, type TableModel } from '../model/index.js';

/** Operator classes that come from an extension rather than from PostgreSQL itself. */
const OPCLASS_EXTENSIONS: Readonly<Record<string, string>> = {
  gin_trgm_ops: 'pg_trgm',
  gist_trgm_ops: 'pg_trgm',
  gist_hstore_ops: 'hstore',
  gin_hstore_ops: 'hstore',
};

/** Types that come from an extension. */
const TYPE_EXTENSIONS: Readonly<Record<string, string>> = {
  vector: 'vector',
  halfvec: 'vector',
  sparsevec: 'vector',
  citext: 'citext',
  hstore: 'hstore',
  ltree: 'ltree',
  cube: 'cube',
};

/** Functions in defaults and expressions that come from an extension. */
const FUNCTION_EXTENSIONS: readonly [RegExp, string][] = [
  [/\buuid_generate_v[1345]\s*\(/i, 'uuid-ossp'],
  [/\b(gen_random_bytes|crypt|gen_salt|digest|hmac)\s*\(/i, 'pgcrypto'],
  [
    /\b(binary_quantize|subvector|l2_normalize|vector_dims)\s*\(|::\s*(vector|halfvec|sparsevec)\b/i,
    'vector',
  ],
  [/\b(similarity|word_similarity)\s*\(/i, 'pg_trgm'],
];

/** GIN/GiST over plain scalars needs btree_gin/btree_gist. */
const GIN_NATIVE = new Set(['jsonb', 'tsvector', 'json']);

function tableExtensions(table: TableModel, out: Set<string>): void {
  const expressions: string[] = [];
  for (const col of table.columns) {
    const ext = TYPE_EXTENSIONS[col.type.name];
    if (ext && col.type.schema === undefined) out.add(ext);
    if (col.default) expressions.push(col.default);
    if (col.generated) expressions.push(col.generated.expression);
  }
  for (const check of table.checks) expressions.push(check.expression);
  for (const index of table.indexes) {
    if (index.method === 'hnsw' || index.method === 'ivfflat') out.add('vector');
    if (index.where) expressions.push(index.where);
    for (const element of index.elements) {
      if (element.opclass) {
        const ext =
          OPCLASS_EXTENSIONS[element.opclass] ??
          (describeVectorOpclass(element.opclass) ? 'vector' : undefined);
        if (ext) out.add(ext);
      }
      if (element.kind === 'indexExpression') {
        expressions.push(element.expression);
        continue;
      }
      if ((index.method === 'gin' || index.method === 'gist') && !element.opclass) {
        const col = table.columns.find((c) => c.name === element.column);
        if (
          col &&
          col.type.arrayDims === 0 &&
          !GIN_NATIVE.has(col.type.name) &&
          col.type.schema === undefined
        ) {
          out.add(index.method === 'gin' ? 'btree_gin' : 'btree_gist');
        }
      }
    }
  }
  for (const expression of expressions) {
    for (const [pattern, ext] of FUNCTION_EXTENSIONS) if (pattern.test(expression)) out.add(ext);
  }
}

/**
 * The extensions a schema needs, derived from its types, operator classes, index
 * methods and functions (`vector` for pgvector types, `pg_trgm` for trigram opclasses, ...).
 */
export function requiredExtensions(model: Pick<SchemaModel, 'tables'>): string[] {
  const out = new Set<string>();
  for (const table of model.tables) tableExtensions(table, out);
  return [...out].sort();
}

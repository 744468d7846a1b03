import {
  DEFAULT_VECTOR_OPCLASS,
  describeVectorOpclass,
  type IndexElement,
  type IndexModel,
  type TableModel,
  VECTOR_INDEX_PARAMS,
  VECTOR_TYPES,
  type VectorIndexMethod,
  type VectorTypeName,
} from '../../model/index.js';
import { displayName, problem, type SchemaProblem } from './problem.js';

const VECTOR_METHODS: readonly string[] = ['hnsw', 'ivfflat'];

/** How pgvector's documentation spells each method. */
const METHOD_LABEL: Readonly<Record<VectorIndexMethod, string>> = { hnsw: 'HNSW', ivfflat: 'IVFFlat' };

/** The vector type and dimensions an index element is over, when they can be known. */
function elementVectorType(
  table: TableModel,
  element: IndexElement,
): { type: VectorTypeName; dims: number | undefined; fromExpression: boolean } | undefined {
  if (element.kind === 'indexColumn') {
    const col = table.columns.find((c) => c.name === element.column);
    if (!col || col.type.arrayDims > 0) return undefined;
    const name = col.type.name;
    if (name === 'vector' || name === 'halfvec' || name === 'sparsevec' || name === 'bit') {
      return { type: name, dims: col.type.modifiers[0], fromExpression: false };
    }
    return undefined;
  }
  // An expression index is usually a cast: `(embedding)::halfvec(3072)`, `binary_quantize(e)::bit(1536)`.
  const cast = /::\s*(vector|halfvec|sparsevec|bit)\s*(?:\(\s*(\d+)\s*\))?\s*\)*\s*$/i.exec(
    element.expression,
  );
  if (cast) {
    const type = cast[1]!.toLowerCase() as VectorTypeName;
    return { type, dims: cast[2] === undefined ? undefined : Number(cast[2]), fromExpression: true };
  }
  return undefined;
}

function checkParams(
  table: TableModel,
  index: IndexModel,
  method: VectorIndexMethod,
  out: SchemaProblem[],
): void {
  const where = { table: displayName(table.schema, table.name), index: index.name };
  const known = VECTOR_INDEX_PARAMS[method];
  for (const [key, raw] of Object.entries(index.with)) {
    const range = known[key];
    if (!range) {
      out.push(
        problem(
          `Index ${index.name} sets ${key}, which ${METHOD_LABEL[method]} does not accept`,
          `Use ${Object.keys(known).join(' or ')}.`,
          where,
        ),
      );
      continue;
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      out.push(
        problem(
          `Index ${index.name} sets ${key} = ${raw}, outside ${range.min}–${range.max}`,
          `Give ${key} a whole number from ${range.min} to ${range.max} (default ${range.default}).`,
          where,
        ),
      );
    }
  }
  if (method === 'hnsw') {
    const m = Number(index.with.m ?? known.m!.default);
    const ef = Number(index.with.ef_construction ?? known.ef_construction!.default);
    if (ef < 2 * m) {
      out.push(
        problem(
          `Index ${index.name} has ef_construction = ${ef} below 2 × m = ${2 * m}`,
          'pgvector requires ef_construction >= 2 * m: raise ef_construction or lower m.',
          where,
        ),
      );
    }
  }
}

/**
 * HNSW and IVFFlat indexes: the opclass exists for the column type and the method,
 * the dimensions are known and within pgvector's indexable limit, the WITH
 * parameters are the method's and within range.
 */
export function validateVectorIndexes(table: TableModel): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const tableName = displayName(table.schema, table.name);
  for (const index of table.indexes) {
    if (!VECTOR_METHODS.includes(index.method)) continue;
    const method = index.method as VectorIndexMethod;
    const where = { table: tableName, index: index.name };
    checkParams(table, index, method, out);
    if (index.elements.length !== 1) {
      out.push(
        problem(
          `${METHOD_LABEL[method]} index ${index.name} has ${index.elements.length} elements`,
          'Index exactly one vector column or expression.',
          where,
        ),
      );
      continue;
    }
    const element = index.elements[0]!;
    const label =
      element.kind === 'indexColumn' ? `column ${element.column}` : `expression ${element.expression}`;
    const vt = elementVectorType(table, element);
    const opclassFacts = element.opclass ? describeVectorOpclass(element.opclass) : undefined;
    if (!vt) {
      if (element.kind === 'indexColumn') {
        out.push(
          problem(
            `${METHOD_LABEL[method]} index ${index.name} is on ${label}, which is not a vector, halfvec, sparsevec or bit column`,
            'Index a pgvector column, or an expression cast to one.',
            { ...where, column: element.column },
          ),
        );
      } else if (element.opclass && !opclassFacts) {
        out.push(
          problem(
            `Index ${index.name} uses opclass ${element.opclass}, which is not a pgvector operator class`,
            "Use one of pgvector's opclasses (e.g. vector_cosine_ops).",
            where,
          ),
        );
      }
      continue;
    }
    const facts = VECTOR_TYPES[vt.type];
    const methods = facts.opclasses[method];
    if (Object.keys(methods).length === 0) {
      out.push(
        problem(
          `${METHOD_LABEL[method]} index ${index.name} is on ${vt.type}, which ${METHOD_LABEL[method]} cannot index`,
          `Use HNSW for ${vt.type} (${Object.values(facts.opclasses.hnsw).join(', ')}).`,
          where,
        ),
      );
      continue;
    }
    const opclass = element.opclass ?? DEFAULT_VECTOR_OPCLASS[method][vt.type];
    if (opclass === undefined) {
      out.push(
        problem(
          `${METHOD_LABEL[method]} index ${index.name} on ${label} names no operator class, and ${METHOD_LABEL[method]} has no default for ${vt.type}`,
          `Choose one with .op(): ${Object.values(methods).join(', ')}.`,
          where,
        ),
      );
    } else if (!Object.values(methods).includes(opclass)) {
      const otherMethod = opclassFacts?.methods.find((m) => m !== method);
      out.push(
        problem(
          `Index ${index.name} uses ${opclass}, which does not exist for ${vt.type} with ${METHOD_LABEL[method]}`,
          `Use one of ${Object.values(methods).join(', ')}${otherMethod ? ` (or build it with ${METHOD_LABEL[otherMethod]})` : ''}.`,
          where,
        ),
      );
    }
    if (vt.dims === undefined) {
      out.push(
        problem(
          `${METHOD_LABEL[method]} index ${index.name} is on ${label}, which has no dimensions`,
          `Declare the column as ${vt.type}(n), or index an expression cast to a fixed dimension, e.g. ((embedding)::${vt.type}(1536)), usually with a partial index.`,
          where,
        ),
      );
    } else if (vt.type !== 'sparsevec' && vt.dims > facts.maxIndexedDims) {
      const hint =
        vt.type === 'vector'
          ? ` Index a half-precision expression instead: ((${element.kind === 'indexColumn' ? element.column : 'embedding'})::halfvec(${vt.dims})) with halfvec_*_ops (up to 4,000), or binary quantisation.`
          : '';
      out.push(
        problem(
          `${METHOD_LABEL[method]} index ${index.name} is on ${vt.type}(${vt.dims}), over pgvector's indexable limit of ${facts.maxIndexedDims.toLocaleString('en-US')} ${facts.limitUnit}`,
          `Reduce the dimensions.${hint}`,
          where,
        ),
      );
    }
  }
  return out;
}

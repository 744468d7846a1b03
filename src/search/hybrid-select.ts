import { assertNever } from '../util/assert-never.js';
import type { ResolvedFusion } from './fusion.js';
import type { SearchTarget, TextTarget } from './search-target.js';
import { ident, type StatementWriter } from './statement-writer.js';
import {
  type ConditionWriter,
  columnRef,
  DISTANCE_COLUMN,
  fromTable,
  type VectorStrategy,
  writeVectorSelect,
} from './vector-select.js';

/** Result columns hybrid search adds to each row. */
export const HYBRID_COLUMNS = {
  vectorRank: 'strata_vector_rank',
  vectorDistance: 'strata_vector_distance',
  textRank: 'strata_text_rank',
  textScore: 'strata_text_score',
  fusedScore: 'strata_fused_score',
} as const;

/** What `writeHybridSelect` needs; values are bound here, in statement order. */
export interface HybridSelect {
  readonly target: SearchTarget;
  readonly text: TextTarget;
  /** Strategy of the vector side (`index`, `resort`, `rerank` or `exact`). */
  readonly strategy: VectorStrategy;
  readonly queryVector: string;
  readonly queryText: string;
  readonly columns: readonly string[];
  readonly conditions: readonly ConditionWriter[];
  /** Candidates taken from each side. */
  readonly candidates: number;
  /** Rows the vector side's index scan must produce before re-ranking (`rerank` only). */
  readonly rerankCandidates: number | undefined;
  readonly fusion: ResolvedFusion;
  readonly limit: number;
  readonly offset: number;
}

/** The document the text side searches: the tsvector column, or `to_tsvector(config, …)` of text columns. */
function documentSql(target: SearchTarget, text: TextTarget, config: string): string {
  switch (text.kind) {
    case 'tsvectorColumn':
      return columnRef(target, text.column);
    case 'textColumns': {
      const body =
        text.columns.length === 1
          ? columnRef(target, text.columns[0]!)
          : text.columns.map((c) => `coalesce(${columnRef(target, c)}, '')`).join(` || ' ' || `);
      return `to_tsvector(${config}, ${body})`;
    }
    default:
      return assertNever(text, 'text target');
  }
}

/**
 * Writes hybrid search as one statement: the vector side (nearest `candidates` rows, through
 * the ANN index) and the text side (`websearch_to_tsquery` matches, ranked) as CTEs, both
 * under the same filters, fused with RRF or weighted scores, joined back to the table for the
 * returned columns. Only the final `limit` rows leave the database.
 */
export function writeHybridSelect(w: StatementWriter, h: HybridSelect): void {
  const { target, text } = h;
  const q = w.bind(h.queryVector);
  const key = target.key;
  const keyList = (prefix: string) => key.map((k) => `${prefix}.${ident(k)}`).join(', ');
  const vectorHits = ident('strata_vector_hits');
  const vectorRanked = ident('strata_vector_ranked');
  const textRanked = ident('strata_text_ranked');
  const fused = ident('strata_fused');
  const distance = ident(DISTANCE_COLUMN);
  const rank = ident('strata_rank');
  const score = ident('strata_score');
  const min = ident('strata_min');
  const max = ident('strata_max');

  // Vector side.
  const candidates = w.bind(h.candidates);
  w.text(`with ${vectorHits} as materialized (`);
  writeVectorSelect(w, {
    target,
    strategy: h.strategy,
    query: q,
    columns: key,
    conditions: h.conditions,
    limit: candidates,
    offset: undefined,
    innerLimit: h.strategy === 'rerank' ? w.bind(h.rerankCandidates ?? h.candidates) : candidates,
  });
  w.text(
    `), ${vectorRanked} as (select *, row_number() over (order by ${distance}, ${keyList(vectorHits)}) as ${rank}, ` +
      `min(${distance}) over () as ${min}, max(${distance}) over () as ${max} from ${vectorHits})`,
  );

  // Text side: websearch_to_tsquery(regconfig, text) is immutable, so with bound values the GIN index applies.
  const config = `${w.bind(text.config)}::regconfig`;
  const tsquery = `websearch_to_tsquery(${config}, ${w.bind(h.queryText)})`;
  const doc = documentSql(target, text, config);
  const textHits = ident('strata_text_hits');
  w.text(
    `, ${textRanked} as (select *, row_number() over (order by ${score} desc, ${keyList(textHits)}) as ${rank}, `,
  );
  w.text(`min(${score}) over () as ${min}, max(${score}) over () as ${max} from (select `);
  w.text(`${key.map((k) => columnRef(target, k)).join(', ')}, `);
  w.text(`${text.rank}(${doc}, ${tsquery}, ${w.bind(text.normalization)}::int)::float8 as ${score} `);
  w.text(`from ${fromTable(target)} where ${doc} @@ ${tsquery}`);
  for (const condition of h.conditions) {
    w.text(' and (');
    condition(w);
    w.text(')');
  }
  w.text(
    ` order by ${score} desc, ${key.map((k) => columnRef(target, k)).join(', ')} limit ${candidates}) as ${textHits})`,
  );

  // Fusion.
  const v = ident('v');
  const x = ident('x');
  w.text(`, ${fused} as (select `);
  for (const k of key) w.text(`coalesce(${v}.${ident(k)}, ${x}.${ident(k)}) as ${ident(k)}, `);
  w.text(
    `${v}.${rank} as ${ident(HYBRID_COLUMNS.vectorRank)}, ${v}.${distance} as ${ident(HYBRID_COLUMNS.vectorDistance)}, ` +
      `${x}.${rank} as ${ident(HYBRID_COLUMNS.textRank)}, ${x}.${score} as ${ident(HYBRID_COLUMNS.textScore)}, `,
  );
  const fusion = h.fusion;
  const wv = `${w.bind(fusion.vectorWeight)}::float8`;
  const wt = `${w.bind(fusion.textWeight)}::float8`;
  switch (fusion.kind) {
    case 'rrf': {
      const k = `${w.bind(fusion.k)}::float8`;
      w.text(`coalesce(${wv} / (${k} + ${v}.${rank}), 0) + coalesce(${wt} / (${k} + ${x}.${rank}), 0)`);
      break;
    }
    case 'weighted':
      w.text(
        `${wv} * coalesce(case when ${v}.${max} = ${v}.${min} then 1 else (${v}.${max} - ${v}.${distance}) / (${v}.${max} - ${v}.${min}) end, 0) + ` +
          `${wt} * coalesce(case when ${x}.${max} = ${x}.${min} then 1 else (${x}.${score} - ${x}.${min}) / (${x}.${max} - ${x}.${min}) end, 0)`,
      );
      break;
    default:
      assertNever(fusion, 'fusion');
  }
  w.text(
    ` as ${ident(HYBRID_COLUMNS.fusedScore)} from ${vectorRanked} as ${v} full join ${textRanked} as ${x} on `,
  );
  w.text(key.map((k) => `${v}.${ident(k)} = ${x}.${ident(k)}`).join(' and '));
  w.text(')');

  // Rows, best first; ties as fuseRankings breaks them (vector rank, then text rank).
  const f = ident('f');
  w.text(' select ');
  for (const column of h.columns) w.text(`${columnRef(target, column)}, `);
  w.text(
    Object.values(HYBRID_COLUMNS)
      .map((c) => `${f}.${ident(c)}`)
      .join(', '),
  );
  w.text(` from ${fused} as ${f} join ${fromTable(target)} on `);
  w.text(key.map((k) => `${columnRef(target, k)} = ${f}.${ident(k)}`).join(' and '));
  w.text(
    ` order by ${f}.${ident(HYBRID_COLUMNS.fusedScore)} desc, ${f}.${ident(HYBRID_COLUMNS.vectorRank)} asc nulls last, ` +
      `${f}.${ident(HYBRID_COLUMNS.textRank)} asc limit ${w.bind(h.limit)} offset ${w.bind(h.offset)}`,
  );
}

import type { SchemaModel } from '../../model/schema-model.js';
import { type DiffOptions, type DiffRenames, type DiffWarning, diffSchemas } from '../diff/index.js';
import {
  type IrreversibleOperation,
  invertOperations,
  isIrreversible,
  type MigrationOperation,
  renderOperation,
} from '../ops/index.js';
import { loadSchemaSource, type SchemaSourceOptions } from './load-schema-source.js';
import { describeSchemaSource, parseSchemaSource, type SchemaSource } from './schema-source.js';

/** Options of `compareSchemas`. */
export interface CompareSchemasOptions extends SchemaSourceOptions {
  /** Renames the differ may not guess (see `DiffRenames`). */
  readonly renames?: DiffRenames;
  /** Tables to leave out on both sides: `name` or `schema.name`. */
  readonly ignoreTables?: readonly string[];
}

/** What `compareSchemas` found: the way from one schema to the other, and back. */
export interface SchemaComparison {
  readonly kind: 'schemaComparison';
  /** The sources, as named in messages (passwords hidden). */
  readonly from: string;
  readonly to: string;
  /** Operations that turn `from` into `to`; empty when they are the same. */
  readonly operations: readonly MigrationOperation[];
  /** Operations that turn the upgraded `from` back into what it was (each inverted, in reverse order). */
  readonly downOperations: readonly (MigrationOperation | IrreversibleOperation)[];
  readonly warnings: readonly DiffWarning[];
  /** The SQL of `operations`, one statement after the other; empty when the schemas are the same. */
  readonly upSql: string;
  /** The SQL of `downOperations`; an operation with no inverse is a `-- IRREVERSIBLE:` comment. */
  readonly downSql: string;
  /** Down operations that cannot be undone, with the reason. */
  readonly irreversible: readonly IrreversibleOperation[];
  readonly identical: boolean;
}

function sqlOf(ops: readonly (MigrationOperation | IrreversibleOperation)[]): string {
  const lines = ops.flatMap((op) => {
    if (isIrreversible(op)) return [`-- IRREVERSIBLE: ${op.reason.replace(/\s+/g, ' ')}`];
    return renderOperation(op).map((statement) =>
      statement.transactional
        ? statement.sql
        : `-- PostgreSQL runs this outside a transaction:\n${statement.sql}`,
    );
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * The operations (and SQL) between two schemas that are already read.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { introspect } from 'strata/catalog';
 *
 * declare const a: Database;
 * declare const b: Database;
 * const [before, after] = [await introspect(a.executor), await introspect(b.executor)];
 * const comparison = compareModels(before, after, { from: 'a', to: 'b' });
 * comparison.upSql; // 'ALTER TABLE posts ADD COLUMN …;\n'
 * ```
 */
export function compareModels(
  from: SchemaModel,
  to: SchemaModel,
  labels: { readonly from: string; readonly to: string },
  options: DiffOptions = {},
): SchemaComparison {
  const diff = diffSchemas(from, to, options);
  const downOperations = invertOperations(diff.operations);
  return {
    kind: 'schemaComparison',
    from: labels.from,
    to: labels.to,
    operations: diff.operations,
    downOperations,
    warnings: diff.warnings,
    upSql: sqlOf(diff.operations),
    downSql: sqlOf(downOperations),
    irreversible: downOperations.filter(isIrreversible),
    identical: diff.operations.length === 0,
  };
}

function sourceOf(value: string | SchemaSource): SchemaSource {
  return typeof value === 'string' ? parseSchemaSource(value) : value;
}

/**
 * Compares two schemas (databases, the project schema, or the project's migrations at a
 * revision) and returns the SQL that makes the first equal to the second, and the SQL that
 * turns the first back afterwards, both computed before anything is applied. Nothing is
 * changed in either database.
 *
 * @example
 * ```ts
 * import { loadConfig } from 'strata/project';
 *
 * const config = await loadConfig();
 * const result = await compareSchemas('postgres://localhost/staging', 'migrations:head', { cwd: '.', config });
 * if (!result.identical) console.log(result.upSql);
 * ```
 */
export async function compareSchemas(
  from: string | SchemaSource,
  to: string | SchemaSource,
  options: CompareSchemasOptions,
): Promise<SchemaComparison> {
  const source = sourceOf(from);
  const target = sourceOf(to);
  const fromModel = await loadSchemaSource(source, options);
  const toModel = await loadSchemaSource(target, options);
  return compareModels(
    fromModel,
    toModel,
    { from: describeSchemaSource(source), to: describeSchemaSource(target) },
    {
      ...(options.renames === undefined ? {} : { renames: options.renames }),
      ...(options.ignoreTables === undefined ? {} : { ignoreTables: options.ignoreTables }),
    },
  );
}

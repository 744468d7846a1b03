import { normalizeSchemaModel } from '../../catalog/normalize.js';
import { quoteIdent } from '../../ddl/quote.js';
import type { ExtensionModel, SchemaModel } from '../../model/schema-model.js';
import { isDestructive } from '../ops/dispatch.js';
import { objectKey } from './column-key.js';
import { diffEnums } from './diff-enums.js';
import { diffTables } from './diff-tables.js';
import type { DiffOptions, DiffWarning, SchemaDiff } from './diff-types.js';
import { matchRenamedNames } from './matched-names.js';
import { Plan } from './plan.js';
import { applyRenames, renameOperations, resolveRenames } from './renames.js';

function withoutIgnored(model: SchemaModel, ignore: readonly string[] | undefined): SchemaModel {
  if (ignore === undefined || ignore.length === 0) return model;
  const names = new Set(ignore.map((name) => (name.includes('.') ? name : `public.${name}`)));
  return { ...model, tables: model.tables.filter((table) => !names.has(`${table.schema}.${table.name}`)) };
}

/** Label renames declared on the target's enums (`pgEnum(...).withRenamedValues`), then the options'. */
function enumValueRenames(
  target: SchemaModel,
  given: NonNullable<DiffOptions['renames']>['enumValues'],
): NonNullable<DiffOptions['renames']>['enumValues'] {
  const declared: Record<string, Readonly<Record<string, string>>> = {};
  for (const e of target.enums) {
    if (e.renamedValues) declared[e.schema === 'public' ? e.name : `${e.schema}.${e.name}`] = e.renamedValues;
  }
  return Object.keys(declared).length === 0 ? given : { ...declared, ...given };
}

function diffSchemaNames(from: SchemaModel, to: SchemaModel, plan: Plan): void {
  const before = new Set(from.schemas);
  const after = new Set(to.schemas);
  for (const name of to.schemas) {
    if (name !== 'public' && !before.has(name)) plan.add('createSchemas', { kind: 'createSchema', name });
  }
  for (const name of [...from.schemas].reverse()) {
    if (name !== 'public' && !after.has(name)) plan.add('dropSchemas', { kind: 'dropSchema', name });
  }
}

function extensionSchema(extension: ExtensionModel): string {
  return extension.schema ?? 'public';
}

function diffExtensions(from: SchemaModel, to: SchemaModel, plan: Plan): void {
  const before = new Map(from.extensions.map((extension) => [extension.name, extension]));
  const after = new Map(to.extensions.map((extension) => [extension.name, extension]));
  for (const [name, extension] of after) {
    const old = before.get(name);
    if (old === undefined) {
      plan.add('createExtensions', { kind: 'createExtension', extension });
    } else if (extensionSchema(old) !== extensionSchema(extension)) {
      // Dropping and creating it again would take every column of its types along.
      const move = (schema: string) =>
        `ALTER EXTENSION ${quoteIdent(name)} SET SCHEMA ${quoteIdent(schema)};`;
      plan.add('createExtensions', {
        kind: 'sql',
        sql: move(extensionSchema(extension)),
        down: move(extensionSchema(old)),
      });
    }
  }
  for (const [name, extension] of before) {
    if (!after.has(name)) plan.add('dropExtensions', { kind: 'dropExtension', extension });
  }
}

function diffSequences(from: SchemaModel, to: SchemaModel, plan: Plan): void {
  const before = new Map(
    from.sequences.map((sequence) => [objectKey(sequence.schema, sequence.name), sequence]),
  );
  const after = new Map(
    to.sequences.map((sequence) => [objectKey(sequence.schema, sequence.name), sequence]),
  );
  for (const [key, sequence] of after) {
    const old = before.get(key);
    if (old === undefined) plan.add('sequences', { kind: 'createSequence', sequence });
    else if (JSON.stringify(old) !== JSON.stringify(sequence)) {
      plan.add('sequences', { kind: 'alterSequence', from: old, to: sequence });
    }
  }
  for (const [key, sequence] of before) {
    if (after.has(key)) continue;
    plan.add('dropSequences', {
      kind: 'dropSequence',
      sequence: { schema: sequence.schema, name: sequence.name },
      model: sequence,
    });
  }
}

/**
 * Compares two schema models (the DSL's and a database's, or two databases') and returns the
 * operations that take a database from `from` to `to`, in an order that runs, with warnings:
 * possible renames (a dropped and an added table or column that look alike, never guessed),
 * destructive operations, and steps that need a human. Spelling differences that PostgreSQL
 * would not see (type synonyms, casts of literals, parentheses, default sequence options) are
 * normalised away; for expressions PostgreSQL rewrites (`price > 0` read back as
 * `(price > (0)::numeric)`) compare against `canonicalizeModel(model)`. Pure: no database.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { introspect } from 'strata/catalog';
 * import { canonicalizeModel, diffSchemas, renderOperations } from 'strata/migrate';
 * import type { Schema } from 'strata/schema';
 *
 * declare const db: Database;
 * declare const schema: Schema; // the project's defineSchema()
 * const live = await introspect(db.executor);
 * const { operations, warnings } = diffSchemas(live, await canonicalizeModel(schema.model));
 * for (const statement of renderOperations(operations)) await db.executor.exec(statement.sql);
 * ```
 */
export function diffSchemas(from: SchemaModel, to: SchemaModel, options: DiffOptions = {}): SchemaDiff {
  const source = normalizeSchemaModel(withoutIgnored(from, options.ignoreTables));
  const target = normalizeSchemaModel(withoutIgnored(to, options.ignoreTables));
  const plan = new Plan();
  const warnings: DiffWarning[] = [];

  const renames = resolveRenames(source, target, options.renames ?? {});
  const renamed = matchRenamedNames(applyRenames(source, renames), target);
  const working = renamed.model;
  plan.add('renames', ...renameOperations(renames), ...renamed.operations);

  diffSchemaNames(working, target, plan);
  diffExtensions(working, target, plan);
  const recreates = diffEnums(working, target, enumValueRenames(target, options.renames?.enumValues), plan);
  diffSequences(working, target, plan);
  diffTables({ plan, warnings, options, from: working, to: target, recreates });

  const operations = plan.operations();
  for (const operation of operations) {
    const reason = isDestructive(operation);
    if (reason === false) continue;
    warnings.push({ kind: 'destructive', operation, reason, message: `Destructive: ${reason}.` });
  }
  return { operations, warnings };
}

import { type AutogenerateContext, detectSchemaChanges, type SchemaChanges } from './detect-changes.js';

/** What `checkSchema` found. */
export interface CheckResult {
  readonly kind: 'checkResult';
  /** The database matches the schema: autogenerate would write no operation. */
  readonly clean: boolean;
  readonly changes: SchemaChanges;
}

/**
 * Whether the database (at head) matches the project's schema, i.e. whether autogenerate
 * would produce operations; for CI, after the migrations ran. Refuses with
 * DATABASE_NOT_AT_HEAD unless the database is at head. Changes nothing.
 *
 * @example
 * ```ts
 * import { openMigrationSession } from 'strata/migrate';
 * import type { Schema } from 'strata/schema';
 *
 * declare const schema: Schema; // the project's defineSchema()
 * const db = await openMigrationSession(process.env.DATABASE_URL!);
 * const result = await checkSchema({ migrations: './migrations', db, model: schema.model });
 * if (!result.clean) throw new Error('the schema has changes no migration holds');
 * ```
 */
export async function checkSchema(context: AutogenerateContext): Promise<CheckResult> {
  const changes = await detectSchemaChanges(context, 'check');
  return { kind: 'checkResult', clean: changes.operations.length === 0, changes };
}

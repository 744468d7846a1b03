import { StrataError } from '../../errors/strata-error.js';
import { contextGraph, type MigrationContext } from '../revisions/migration-context.js';
import { inGraphOrder } from '../revisions/revision-graph.js';
import { type ChecksumMismatch, findChecksumMismatches, findUnknownRevisions } from './verify-applied.js';
import {
  type AppliedRevision,
  currentRevisions,
  readAppliedRevisions,
  versionTableExists,
} from './version-table.js';

/** The database's migration state, compared with the migrations folder. */
export interface CurrentResult {
  readonly kind: 'currentResult';
  /** False on a database no upgrade or stamp has touched (`current` never creates the table). */
  readonly versionTableExists: boolean;
  /** The current revisions (one per applied branch), in graph order; empty at base. */
  readonly revisions: readonly AppliedRevision[];
  /** Every applied revision. */
  readonly applied: readonly AppliedRevision[];
  /** Heads of the migrations folder. */
  readonly heads: readonly string[];
  /** Revisions in the folder not applied yet, in the order upgrade would apply them. */
  readonly pending: readonly string[];
  /** The current revisions are exactly the folder's heads. */
  readonly upToDate: boolean;
  /** Applied revisions no file defines. */
  readonly unknown: readonly string[];
  /** Applied migrations edited since. */
  readonly checksumMismatches: readonly ChecksumMismatch[];
}

/**
 * Reads where the database is, without changing anything (not even creating the version
 * table). Any executor will do; no lock is taken.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { current } from 'strata/migrate';
 *
 * declare const db: Database;
 * const state = await current({ migrations: './migrations', db: db.executor });
 * state.revisions.map((r) => r.revision); // ['3f2a9c1b7d4e']
 * state.upToDate; // true
 * ```
 */
export async function current(context: MigrationContext): Promise<CurrentResult> {
  if (!context.db) throw new StrataError('USAGE', 'current() needs a database: pass context.db', {});
  const graph = await contextGraph(context);
  const exists = await versionTableExists(context.db);
  const applied = exists ? await readAppliedRevisions(context.db) : [];
  const currentIds = inGraphOrder(graph, currentRevisions(applied));
  const byId = new Map(applied.map((row) => [row.revision, row]));
  const appliedIds = new Set(byId.keys());
  const sameSet = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((id) => b.includes(id));
  return {
    kind: 'currentResult',
    versionTableExists: exists,
    revisions: currentIds.map((id) => byId.get(id)!),
    applied: inGraphOrder(graph, appliedIds).map((id) => byId.get(id)!),
    heads: graph.heads,
    pending: graph.ordered.filter((s) => !appliedIds.has(s.revision)).map((s) => s.revision),
    upToDate: sameSet(currentIds, graph.heads),
    unknown: findUnknownRevisions(graph, applied).map((row) => row.revision),
    checksumMismatches: findChecksumMismatches(graph, applied),
  };
}

import type { SqlExecutor } from '../db/executor.js';
import type { SearchSetting } from './tuning.js';

/**
 * What search needs from a connection: a `Session` from `connect()` (a database or a
 * transaction) fits. Statements run on `executor`, so they share the session's transaction.
 */
export interface SearchSession {
  readonly executor: SqlExecutor;
  /** True inside a transaction: settings are then restored after the query instead of ending with a COMMIT. */
  readonly isTransaction: boolean;
  transaction<T>(fn: (tx: SearchSession) => Promise<T>): Promise<T>;
}

/**
 * Runs `fn` with pgvector settings scoped to it. Outside a transaction it opens one and sets
 * them with `set_config(name, value, true)` (SET LOCAL), which COMMIT undoes. Inside the
 * caller's transaction it saves the current values, sets, runs, and puts them back, so later
 * statements of that transaction see their own settings. When `fn` fails the caller's
 * transaction is aborted, and its rollback undoes the settings.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 *
 * declare const db: Database;
 * const queryVector = '[0.1,0.2,0.3]'; // pgvector's text form
 * const rows = await withSettings(db, [{ name: 'hnsw.ef_search', value: '200' }], (executor) =>
 *   executor.query('select id from items order by embedding <=> $1 limit 10', [queryVector]),
 * );
 * ```
 */
export async function withSettings<T>(
  session: SearchSession,
  settings: readonly SearchSetting[],
  fn: (executor: SqlExecutor) => Promise<T>,
): Promise<T> {
  if (settings.length === 0) return fn(session.executor);
  if (!session.isTransaction) {
    return session.transaction(async (tx) => {
      await tx.executor.query(
        setStatement(settings),
        settings.map((s) => s.value),
      );
      return fn(tx.executor);
    });
  }
  const executor = session.executor;
  const saved = await executor.query<Record<string, string | null>>(
    saveAndSetStatement(settings),
    settings.map((s) => s.value),
  );
  const previous = saved.rows[0] ?? {};
  const result = await fn(executor);
  await executor.query(
    setStatement(settings),
    settings.map((_, i) => previous[`old${i}`] ?? null),
  );
  return result;
}

/** The setting names come from Strata's fixed list (tuning.ts), never from the caller. */
function literal(name: string): string {
  return `'${name.replaceAll("'", "''")}'`;
}

function setStatement(settings: readonly SearchSetting[]): string {
  return `select ${settings.map((s, i) => `set_config(${literal(s.name)}, $${i + 1}, true)`).join(', ')}`;
}

function saveAndSetStatement(settings: readonly SearchSetting[]): string {
  // The subquery (kept apart by OFFSET 0) is read before the outer list sets anything.
  const old = settings.map((s, i) => `current_setting(${literal(s.name)}, true) as old${i}`).join(', ');
  const set = settings.map((s, i) => `set_config(${literal(s.name)}, $${i + 1}, true)`).join(', ');
  return `select saved.*, ${set} from (select ${old} offset 0) as saved`;
}

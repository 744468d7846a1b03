/**
 * The migration runner: sessions, the version table, the advisory lock and the commands
 * (upgrade, downgrade, stamp, current, history, offline SQL). Every command returns a
 * result value and prints nothing.
 */
export {
  acquireMigrationLock,
  MIGRATION_LOCK_KEY,
  releaseMigrationLock,
  withMigrationLock,
} from './advisory-lock.js';
export { type CurrentResult, current } from './current.js';
export type { StepResult } from './execute-step.js';
export { type HistoryEntry, type HistoryResult, history } from './history.js';
export {
  isMigrationSession,
  type MigrationSession,
  openMigrationSession,
  requireMigrationSession,
  toMigrationSession,
} from './migration-session.js';
export { renderOfflineScript } from './offline-sql.js';
export { mustRunOutsideTransaction } from './outside-transaction.js';
export { planDowngrade, planUpgrade } from './plan.js';
export {
  type MigrationDirection,
  type PreparedStep,
  prepareStep,
  type StepMode,
  type StepPart,
} from './prepare-step.js';
export {
  downgrade,
  type OfflineSqlResult,
  type RunOptions,
  type RunResult,
  type SessionContext,
  upgrade,
} from './run-migrations.js';
export { type StampResult, stamp } from './stamp.js';
export type { ChecksumMismatch } from './verify-applied.js';
export {
  type AppliedRevision,
  CREATE_VERSION_TABLE,
  currentRevisions,
  readAppliedRevisions,
  VERSION_TABLE,
  versionTableExists,
} from './version-table.js';

/**
 * Verifying a migration history: every `down` undoes its `up`, in a scratch database.
 */
export {
  type VerifyOptions,
  type VerifyOutcome,
  type VerifyPhase,
  type VerifyResult,
  type VerifyStep,
  verifyMigrations,
} from './verify-migrations.js';

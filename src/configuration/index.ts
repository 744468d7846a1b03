/**
 * Configuration in the database: versioned JSON per module, with validation and rollback.
 */
export {
  type ConfigValidator,
  isConfigValidator,
  type ParseValidator,
  runValidator,
  type SafeParseValidator,
  type StandardSchemaValidator,
  type ValidationFunction,
  type ValidationOutcome,
} from './config-validator.js';
export type { ConfigVersion } from './config-version.js';
export type { ConfigurationSession } from './configuration-session.js';
export {
  ConfigurationStore,
  type ConfigurationStoreOptions,
  type GetConfigOptions,
  type HistoryOptions,
  type SetConfigOptions,
} from './configuration-store.js';
export { jsonProblems } from './json-value.js';
export {
  configurationStoreTable,
  type SystemConfigurationsTable,
  systemConfigurationsTable,
} from './system-configurations-table.js';

export { defineConfig, type ResolvedConfig, type StrataConfig } from './config.js';
export { type InitResult, initProject } from './init.js';
export { CONFIG_FILES, DEFAULT_SCHEMA_FILES, importModule, loadConfig } from './load-config.js';
export { loadSchema } from './load-schema.js';

/**
 * Migrations: operations that know their inverse, the schema differ, revisions and the runner.
 */

export * from './autogenerate/index.js';
export * from './compare/index.js';
export * from './diff/index.js';
export * from './ops/index.js';
export * from './revisions/index.js';
export * from './run/index.js';
export * from './verify/index.js';

import { basename } from 'node:path';
import { StrataError } from '../../errors/strata-error.js';
import type { MigrationFunction } from './define-migration.js';
import { type MigrationScript, RESERVED_REVISION_WORDS, REVISION_ID_PATTERN } from './migration-script.js';

function invalid(file: string, message: string, details: Record<string, unknown> = {}): StrataError {
  return new StrataError('MIGRATION_INVALID', `Migration file ${basename(file)}: ${message}`, {
    file,
    ...details,
  });
}

function checkName(file: string, what: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw invalid(file, `${what} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  if (!REVISION_ID_PATTERN.test(value)) {
    throw invalid(file, `${what} "${value}" may only contain letters, digits and "_"`);
  }
  if (RESERVED_REVISION_WORDS.includes(value)) {
    throw invalid(
      file,
      `${what} "${value}" is a reserved word (${RESERVED_REVISION_WORDS.join(', ')}); choose another`,
    );
  }
  return value;
}

function checkNames(file: string, what: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  // Accept a single string too: a one-parent migration written by hand often forgets the brackets.
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list))
    throw invalid(file, `${what} must be an array of strings, got ${JSON.stringify(value)}`);
  const names = list.map((item: unknown) => checkName(file, `each of ${what}`, item));
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) throw invalid(file, `${what} lists "${duplicate}" twice`);
  return names;
}

function checkFunction(
  file: string,
  what: string,
  value: unknown,
  required: boolean,
): MigrationFunction | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'function') {
    throw invalid(
      file,
      `${what} must be a function (op) => { ... }, got ${value === undefined ? 'nothing' : typeof value}`,
    );
  }
  return value as MigrationFunction;
}

/**
 * Validates what a migration file exports (a `defineMigration(...)` value or a plain
 * object of the same shape) and normalises it into a MigrationScript.
 * Throws MIGRATION_INVALID naming the file and the field.
 */
export function toMigrationScript(exported: unknown, file: string, checksum: string): MigrationScript {
  if (typeof exported !== 'object' || exported === null) {
    throw invalid(file, 'must `export default defineMigration({ revision, parents, message, up, down })`');
  }
  const definition = exported as Record<string, unknown>;
  const known = ['revision', 'parents', 'message', 'branchLabels', 'transactional', 'up', 'down'];
  const unknown = Object.keys(definition).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw invalid(
      file,
      `unknown option ${unknown.map((k) => `"${k}"`).join(', ')}; the options are revision, parents, message, branchLabels, transactional, up and down`,
    );
  }
  const revision = checkName(file, 'revision', definition.revision);
  const parents = checkNames(file, 'parents', definition.parents);
  if (parents.includes(revision))
    throw invalid(file, `revision ${revision} lists itself as a parent`, { revision });
  const message = definition.message ?? '';
  if (typeof message !== 'string') throw invalid(file, `message must be a string, got ${typeof message}`);
  const transactional = definition.transactional ?? true;
  if (typeof transactional !== 'boolean') throw invalid(file, `transactional must be true or false`);
  const up = checkFunction(file, 'up', definition.up, true) as MigrationFunction;
  const down = checkFunction(file, 'down', definition.down, false);
  return {
    kind: 'migrationScript',
    revision,
    parents,
    message,
    branchLabels: checkNames(file, 'branchLabels', definition.branchLabels),
    transactional,
    file,
    fileName: basename(file),
    checksum,
    up,
    down,
  };
}

import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createJiti, type Jiti } from 'jiti';
import { StrataError } from '../../errors/strata-error.js';
import { migrationChecksum } from './checksum.js';
import type { MigrationScript } from './migration-script.js';
import { buildRevisionGraph, type RevisionGraph } from './revision-graph.js';
import { toMigrationScript } from './to-migration-script.js';

const SCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** Whether a file in the migrations folder is a migration (helpers may start with `_` or `.`). */
export function isMigrationFileName(name: string): boolean {
  if (name.startsWith('_') || name.startsWith('.')) return false;
  if (/\.d\.[cm]?ts$/.test(name)) return false;
  return SCRIPT_EXTENSIONS.some((ext) => name.endsWith(ext));
}

function newJiti(): Jiti {
  return createJiti(import.meta.url, { interopDefault: false, moduleCache: true });
}

/**
 * Imports one migration file with jiti (TypeScript, no build step) and validates it.
 * Throws MIGRATION_INVALID naming the file when it cannot be loaded or is malformed.
 */
export async function loadMigrationFile(file: string, jiti: Jiti = newJiti()): Promise<MigrationScript> {
  const path = resolve(file);
  const contents = await readFile(path, 'utf8');
  // What migrations import (`strata`, helpers) stays cached, which keeps loading a long history
  // fast; the migration itself is evaluated again so that an edit since the last load is seen.
  delete jiti.cache[path];
  let module: Record<string, unknown>;
  try {
    module = (await jiti.import(path)) as Record<string, unknown>;
  } catch (error) {
    throw new StrataError(
      'MIGRATION_INVALID',
      `Could not load migration file ${path}: ${(error as Error).message}`,
      { file: path },
      { cause: error },
    );
  }
  return toMigrationScript(module.default ?? module.migration, path, migrationChecksum(contents));
}

/** Loads every migration file of a folder (none when the folder does not exist). */
export async function loadMigrationScripts(directory: string): Promise<MigrationScript[]> {
  const dir = resolve(directory);
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && isMigrationFileName(entry.name))
    .map((entry) => entry.name)
    .sort();
  const jiti = newJiti();
  const scripts: MigrationScript[] = [];
  for (const name of names) scripts.push(await loadMigrationFile(join(dir, name), jiti));
  return scripts;
}

/**
 * Loads a migrations folder into a validated revision graph.
 *
 * @example
 * ```ts
 * const graph = await loadMigrations('./migrations');
 * graph.heads; // ['3f2a9c1b7d4e']
 * ```
 */
export async function loadMigrations(directory: string): Promise<RevisionGraph> {
  return buildRevisionGraph(await loadMigrationScripts(directory), resolve(directory));
}

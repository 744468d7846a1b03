/**
 * Where the DDL golden files live and what they contain: a header naming their source, then
 * exactly what `toSql` renders for the fixture of the same name.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { toSql } from '../../src/ddl/index.js';
import type { SchemaModel } from '../../src/model/index.js';

export const GOLDEN_DDL_DIR = fileURLToPath(new URL('../golden/ddl/', import.meta.url));

export function goldenDdlPath(name: string): string {
  return `${GOLDEN_DDL_DIR}${name}.sql`;
}

/** The text a golden file must hold for a fixture. */
export function goldenDdl(name: string, model: SchemaModel): string {
  const header =
    `-- toSql() of the '${name}' fixture in test/support/model-fixtures.ts.\n` +
    '-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ddl-golden.test.ts rewrites it.\n\n';
  return header + toSql(model);
}

export async function readGoldenDdl(name: string): Promise<string | undefined> {
  try {
    return await readFile(goldenDdlPath(name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Names of the golden files present (without `.sql`). */
export async function goldenDdlNames(): Promise<string[]> {
  const files = await readdir(GOLDEN_DDL_DIR);
  return files.filter((file) => file.endsWith('.sql')).map((file) => file.slice(0, -'.sql'.length));
}

import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isStrataError } from '../../src/errors/strata-error.js';
import { loadMigrations, migrationChecksum } from '../../src/migrate/revisions/index.js';
import {
  copyFixture,
  type FixtureCopy,
  fixtureDir,
  REVISIONS_MODULE,
} from '../fixtures/migrations/fixture-dirs.js';

const copies: FixtureCopy[] = [];
afterEach(async () => {
  for (const copy of copies.splice(0)) await copy.cleanup();
});

async function copy(name?: string): Promise<string> {
  const fixture = await copyFixture(name);
  copies.push(fixture);
  return fixture.dir;
}

async function failure(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a failure');
}

const header = `import { defineMigration } from '${REVISIONS_MODULE}';\n`;

describe('loading migration files', () => {
  it('loads a folder of TypeScript migrations into a linear graph', async () => {
    const graph = await loadMigrations(fixtureDir('linear'));
    expect(graph.ordered.map((s) => [s.revision, s.parents])).toEqual([
      ['a1b2c3d4e5f6', []],
      ['b7c8d9e0f1a2', ['a1b2c3d4e5f6']],
      ['c3d4e5f6a7b8', ['b7c8d9e0f1a2']],
    ]);
    expect(graph.heads).toEqual(['c3d4e5f6a7b8']);
    expect(graph.ordered[1]?.message).toBe('add note title');
    expect(graph.ordered[1]?.transactional).toBe(true);
    expect(typeof graph.ordered[1]?.down).toBe('function');
  });

  it('records the sha256 of each file as its checksum', async () => {
    const graph = await loadMigrations(fixtureDir('linear'));
    const first = graph.ordered[0]!;
    const expected = createHash('sha256')
      .update(await readFile(first.file))
      .digest('hex');
    expect(first.checksum).toBe(expected);
  });

  it('does not let CRLF line endings change a checksum', () => {
    expect(migrationChecksum('a\r\nb\r\n')).toBe(migrationChecksum('a\nb\n'));
    expect(migrationChecksum('a\nb\n')).not.toBe(migrationChecksum('a\nc\n'));
  });

  it('gives an empty graph for a folder that does not exist yet', async () => {
    const graph = await loadMigrations(join(await copy(), 'not-there'));
    expect(graph.ordered).toEqual([]);
    expect(graph.heads).toEqual([]);
  });

  it('ignores declaration files, helpers starting with _ and other files', async () => {
    const dir = await copy('linear');
    await writeFile(join(dir, '_shared.ts'), 'export const x = 1;\n');
    await writeFile(join(dir, 'types.d.ts'), 'export {};\n');
    await writeFile(join(dir, 'README.md'), '# migrations\n');
    const graph = await loadMigrations(dir);
    expect(graph.ordered).toHaveLength(3);
  });

  it('reads a file again after it was edited', async () => {
    const dir = await copy('linear');
    const before = await loadMigrations(dir);
    const file = before.ordered[0]!.file;
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace("message: 'create notes'", "message: 'create the notes'"),
    );
    const after = await loadMigrations(dir);
    expect(after.ordered[0]?.message).toBe('create the notes');
    expect(after.ordered[0]?.checksum).not.toBe(before.ordered[0]?.checksum);
  });

  it('names the file when it does not export a migration', async () => {
    const dir = await copy();
    await writeFile(join(dir, '20260101_0900_x_bad.ts'), 'export const nothing = 1;\n');
    const error = await failure(loadMigrations(dir));
    expect(isStrataError(error, 'MIGRATION_INVALID')).toBe(true);
    expect(error.message).toContain('20260101_0900_x_bad.ts');
    expect(error.message).toContain('export default defineMigration');
  });

  it('names the file when it does not compile', async () => {
    const dir = await copy();
    await writeFile(
      join(dir, '20260101_0900_x_broken.ts'),
      `${header}export default defineMigration({ revision: 'x', \n`,
    );
    const error = await failure(loadMigrations(dir));
    expect(isStrataError(error, 'MIGRATION_INVALID')).toBe(true);
    expect(error.message).toContain('20260101_0900_x_broken.ts');
  });

  it('detects a missing parent at load', async () => {
    const dir = await copy();
    await writeFile(
      join(dir, '20260101_0900_abc_orphan.ts'),
      `${header}export default defineMigration({ revision: 'abc', parents: ['def'], message: 'orphan', up() {} });\n`,
    );
    const error = await failure(loadMigrations(dir));
    expect(isStrataError(error, 'MIGRATION_INVALID')).toBe(true);
    expect(error.message).toContain('names parent def, which no migration file defines');
  });

  it('detects a cycle at load', async () => {
    const dir = await copy();
    await writeFile(
      join(dir, '20260101_0900_aaa_one.ts'),
      `${header}export default defineMigration({ revision: 'aaa', parents: ['bbb'], message: 'one', up() {} });\n`,
    );
    await writeFile(
      join(dir, '20260101_0901_bbb_two.ts'),
      `${header}export default defineMigration({ revision: 'bbb', parents: ['aaa'], message: 'two', up() {} });\n`,
    );
    const error = await failure(loadMigrations(dir));
    expect(isStrataError(error, 'MIGRATION_INVALID')).toBe(true);
    expect(error.message).toContain('cycle');
    expect(error.message).toContain('aaa');
    expect(error.message).toContain('bbb');
  });
});

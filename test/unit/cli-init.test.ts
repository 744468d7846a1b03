import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/project/load-config.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { output: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('strata init and project configuration', () => {
  const dirs: string[] = [];
  const tempProject = () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-init-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('scaffolds strata.config.ts, a schema module and a migrations folder', async () => {
    const dir = tempProject();
    const io = capture();
    expect(await main(['node', 'strata', 'init'], io.output, dir)).toBe(0);
    expect(io.out).toEqual([
      'created strata.config.ts',
      'created src/db/schema.ts',
      'created migrations/.gitkeep',
    ]);
    expect(readFileSync(join(dir, 'strata.config.ts'), 'utf8')).toContain("schema: './src/db/schema.ts'");
    expect(existsSync(join(dir, 'migrations'))).toBe(true);
  });

  it('refuses to overwrite an existing project and writes nothing (exit 2)', async () => {
    const dir = tempProject();
    writeFileSync(join(dir, 'strata.config.ts'), 'export default {};\n');
    const io = capture();
    expect(await main(['node', 'strata', 'init'], io.output, dir)).toBe(2);
    expect(io.err.join('\n')).toContain('strata.config.ts already exist');
    expect(existsSync(join(dir, 'src/db/schema.ts'))).toBe(false);
  });

  it('uses defaults without a config file, and DATABASE_URL over the config', async () => {
    const dir = tempProject();
    const before = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      const config = await loadConfig(dir);
      expect(config.configFile).toBeUndefined();
      expect(config.migrations).toBe(join(dir, 'migrations'));
      expect(config.database).toEqual({ url: undefined, dataDir: join(dir, '.strata/db') });
      process.env.DATABASE_URL = 'postgresql://example/app';
      expect((await loadConfig(dir)).database.url).toBe('postgresql://example/app');
    } finally {
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
    }
  });

  it('names an unknown config option and the valid ones', async () => {
    const dir = tempProject();
    writeFileSync(join(dir, 'strata.config.ts'), "export default { schema: './s.ts', migration: './m' };\n");
    await expect(loadConfig(dir)).rejects.toThrow(
      'unknown option "migration"; the options are schema, migrations and database',
    );
  });

  it('strata sql prints the DDL of the project schema, loaded from TypeScript with no build step', async () => {
    const dir = tempProject();
    const schemaIndex = join(process.cwd(), 'src/schema/index.ts');
    writeFileSync(
      join(dir, 'schema.ts'),
      `import { defineSchema, table, text, uuidPrimaryKey } from '${schemaIndex}';\n` +
        `export const notes = table('notes', { id: uuidPrimaryKey(), body: text().notNull() });\n` +
        'export const schema = defineSchema({ notes });\n',
    );
    const io = capture();
    expect(await main(['node', 'strata', 'sql'], io.output, dir)).toBe(0);
    expect(io.out.join('\n')).toContain('CREATE TABLE notes (');
  });
});

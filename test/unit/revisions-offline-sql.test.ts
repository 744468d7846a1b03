import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isStrataError } from '../../src/errors/strata-error.js';
import { loadMigrations } from '../../src/migrate/revisions/index.js';
import { downgrade, upgrade } from '../../src/migrate/run/index.js';
import { fixtureDir } from '../fixtures/migrations/fixture-dirs.js';

const goldenPath = (name: string) => fixtureDir(`golden/${name}.golden.sql`);

/** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it instead. */
async function expectGolden(name: string, script: string): Promise<void> {
  if (process.env.UPDATE_GOLDEN === '1') {
    await writeFile(goldenPath(name), script);
    return;
  }
  const golden = await readFile(goldenPath(name), 'utf8').catch(() => undefined);
  expect(
    golden,
    `missing ${goldenPath(name)}: run UPDATE_GOLDEN=1 npx vitest run ${import.meta.filename}`,
  ).toBeDefined();
  expect(script).toBe(golden);
}

async function failure(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a failure');
}

describe('offline SQL (no database)', () => {
  it('renders an upgrade from base as one BEGIN/COMMIT per migration with the version table statements', async () => {
    const result = await upgrade({ migrations: fixtureDir('linear') }, 'base:head', { sql: true });
    expect(result.revisions).toEqual(['a1b2c3d4e5f6', 'b7c8d9e0f1a2', 'c3d4e5f6a7b8']);
    expect(result.from).toEqual([]);
    expect(result.to).toEqual(['c3d4e5f6a7b8']);
    expect(result.script.match(/^BEGIN;$/gm)).toHaveLength(3);
    expect(result.script.match(/^COMMIT;$/gm)).toHaveLength(3);
    await expectGolden('linear-upgrade', result.script);
  });

  it('upgrades from base when no start is given and no database is known', async () => {
    const result = await upgrade({ migrations: fixtureDir('linear') }, 'head', { sql: true });
    expect(result.revisions).toEqual(['a1b2c3d4e5f6', 'b7c8d9e0f1a2', 'c3d4e5f6a7b8']);
  });

  it('renders a downgrade range, children first, deleting version rows', async () => {
    const result = await downgrade({ migrations: fixtureDir('linear') }, 'head:base', { sql: true });
    expect(result.revisions).toEqual(['c3d4e5f6a7b8', 'b7c8d9e0f1a2', 'a1b2c3d4e5f6']);
    expect(result.script).not.toContain('CREATE TABLE IF NOT EXISTS public.strata_migrations');
    await expectGolden('linear-downgrade', result.script);
  });

  it('renders only the migrations between two revisions', async () => {
    const result = await upgrade({ migrations: fixtureDir('linear') }, 'a1b2:c3d4', { sql: true });
    expect(result.revisions).toEqual(['b7c8d9e0f1a2', 'c3d4e5f6a7b8']);
    expect(result.script).not.toContain('CREATE TABLE notes');
    expect(result.script).toContain('ALTER TABLE notes ADD COLUMN title text;');
  });

  it('counts a relative end from the start of the range', async () => {
    const up = await upgrade({ migrations: fixtureDir('linear') }, 'base:+1', { sql: true });
    expect(up.revisions).toEqual(['a1b2c3d4e5f6']);
    const down = await downgrade({ migrations: fixtureDir('linear') }, 'c3d4:-2', { sql: true });
    expect(down.revisions).toEqual(['c3d4e5f6a7b8', 'b7c8d9e0f1a2']);
  });

  it('puts statements that cannot run in a transaction outside BEGIN/COMMIT', async () => {
    const result = await upgrade({ migrations: fixtureDir('nontransactional') }, 'base:head', { sql: true });
    const script = result.script;
    const concurrently = script.indexOf('CREATE INDEX CONCURRENTLY mood_notes_title_idx');
    const before = script.lastIndexOf('BEGIN;', concurrently);
    expect(script.lastIndexOf('COMMIT;', concurrently)).toBeGreaterThan(before);
    await expectGolden('nontransactional-upgrade', script);
  });

  it('needs a start for an offline downgrade without a database', async () => {
    const error = await failure(downgrade({ migrations: fixtureDir('linear') }, 'base', { sql: true }));
    expect(isStrataError(error, 'USAGE')).toBe(true);
    expect(error.message).toContain('FROM:TO');
  });

  it('counts a relative upgrade from base when there is no database', async () => {
    const result = await upgrade({ migrations: fixtureDir('linear') }, '+2', { sql: true });
    expect(result.revisions).toEqual(['a1b2c3d4e5f6', 'b7c8d9e0f1a2']);
  });

  it('accepts an already loaded graph', async () => {
    const graph = await loadMigrations(fixtureDir('linear'));
    const result = await upgrade({ migrations: graph }, 'base:b7c8', { sql: true });
    expect(result.revisions).toEqual(['a1b2c3d4e5f6', 'b7c8d9e0f1a2']);
  });
});

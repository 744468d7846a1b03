import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliProject, createCliProject } from '../db/cli-project.harness.js';
import { fixtureDir } from '../fixtures/migrations/fixture-dirs.js';

const golden = (name: string) => readFile(fixtureDir(`golden/${name}.golden.sql`), 'utf8');

/** A project whose migrations are a copy of a fixture folder, importing from the project's 'strata'. */
async function projectWithFixture(name: string): Promise<CliProject> {
  const project = await createCliProject();
  for (const file of await readdir(fixtureDir(name))) {
    const text = await readFile(join(fixtureDir(name), file), 'utf8');
    await writeFile(
      join(project.migrations, file),
      text.replace("'../../../../src/migrate/revisions/index.js'", "'strata'"),
    );
  }
  return project;
}

describe('strata CLI without a database', () => {
  let project: CliProject | undefined;
  afterEach(async () => {
    await project?.cleanup();
    project = undefined;
  });

  it('prints offline upgrade SQL for a range with --sql, exactly the runner script', async () => {
    project = await createCliProject({ migrations: fixtureDir('linear') });
    const run = await project.run('upgrade', '--sql', 'base:head');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toBe(await golden('linear-upgrade'));
  });

  it('prints offline downgrade SQL for head:base, and refuses a downgrade without a start (exit 2)', async () => {
    project = await createCliProject({ migrations: fixtureDir('linear') });
    const run = await project.run('downgrade', '--sql', 'head:base');
    expect(run.code).toBe(0);
    expect(run.out).toBe(await golden('linear-downgrade'));
    const relative = await project.run('downgrade', '--sql', '-1');
    expect(relative.code).toBe(2);
    expect(relative.err).toContain('FROM:TO');
  });

  it('lists heads, branch points and history of a branched folder', async () => {
    project = await createCliProject({ migrations: fixtureDir('branches') });
    expect((await project.run('heads')).out.trim().split('\n')).toEqual([
      '2222bbbb0002 (head), add invoice total',
      '3333cccc0001 (search) (head), create documents',
    ]);
    expect((await project.run('branches')).out.trim().split('\n')).toEqual([
      '1111aaaa0001 (branchpoint), create accounts',
      '  -> 2222bbbb0001',
      '  -> 3333cccc0001',
    ]);
    expect((await project.run('history', '-r', 'base:billing@head')).out.trim().split('\n')).toEqual([
      '2222bbbb0001 -> 2222bbbb0002 (head), add invoice total',
      '1111aaaa0001 -> 2222bbbb0001 (billing), create invoices',
      '<base> -> 1111aaaa0001 (branchpoint), create accounts',
    ]);
  });

  it('merge writes a revision joining the heads, after which there is one head', async () => {
    project = await projectWithFixture('branches');
    const run = await project.run('merge', '-m', 'join billing and search', '--rev-id', '4444dddd0001');
    expect(run.code).toBe(0);
    expect(run.out).toContain('revision 4444dddd0001 merges 2222bbbb0002, 3333cccc0001');
    expect((await project.run('heads')).out.trim()).toBe(
      '4444dddd0001 (head) (mergepoint), join billing and search',
    );
  });

  it('revision without --autogenerate writes an empty revision after the head', async () => {
    project = await projectWithFixture('linear');
    const run = await project.run('revision', '-m', 'backfill titles', '--rev-id', 'd4d4d4d4d4d4');
    expect(run.code).toBe(0);
    expect(run.out).toContain('revision d4d4d4d4d4d4, after c3d4e5f6a7b8');
    const file = (await project.migrationFiles()).find((name) => name.includes('d4d4d4d4d4d4'))!;
    expect(file).toMatch(/_d4d4d4d4d4d4_backfill_titles\.ts$/);
    const source = await project.readMigration(file);
    expect(source).toContain("parents: ['c3d4e5f6a7b8'],");
    expect(source).toContain('// Record operations on op');
  });

  it('refuses bad options with exit 2 and a message naming them', async () => {
    project = await createCliProject({ migrations: fixtureDir('linear') });
    const timeout = await project.run('upgrade', '--lock-timeout', 'soon');
    expect(timeout.code).toBe(2);
    expect(timeout.err).toContain('--lock-timeout takes a whole number of milliseconds, got "soon"');
    const rename = await project.run(
      'revision',
      '-m',
      'x',
      '--autogenerate',
      '--rename-column',
      'title=headline',
    );
    expect(rename.code).toBe(2);
    expect(rename.err).toContain('--rename-column "title=headline" is not valid: write TABLE.OLD=NEW');
    const extra = await project.run('downgrade', '-1', '--bogus');
    expect(extra.code).toBe(2);
    expect(extra.err).toContain("too many arguments for 'downgrade'");
    const url = await project.run('current', '--url', 'mysql://localhost/app');
    expect(url.code).toBe(2);
    expect(url.err).toContain('"mysql://localhost/app" is not a database URL');
    expect((await project.run('no-such-command')).code).toBe(2);
  });
});

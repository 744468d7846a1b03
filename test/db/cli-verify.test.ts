import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_ADMIN_URL, testBackend } from '../support/backend.js';
import { type CliProject, createCliProject, MIGRATION_IMPORT } from './cli-project.harness.js';

/** On the server project, verify makes its scratch database on the test server; on PGlite, in memory. */
const urlArgs = testBackend() === 'postgres' ? ['--url', SERVER_ADMIN_URL] : [];

function migration(revision: string, parents: string[], message: string, up: string, down: string): string {
  return `${MIGRATION_IMPORT}export default defineMigration({
  revision: '${revision}',
  parents: ${JSON.stringify(parents)},
  message: '${message}',
  up(op) { op.sql(${JSON.stringify(up)}); },
  down(op) { op.sql(${JSON.stringify(down)}); },
});
`;
}

async function projectWith(secondDown: string): Promise<CliProject> {
  const project = await createCliProject();
  await project.writeMigration(
    '20260101_0900_fe0000000001_create_tags.ts',
    migration(
      'fe0000000001',
      [],
      'create tags',
      'CREATE TABLE tags (id integer PRIMARY KEY)',
      'DROP TABLE tags',
    ),
  );
  await project.writeMigration(
    '20260102_0900_fe0000000002_add_tag_label.ts',
    migration(
      'fe0000000002',
      ['fe0000000001'],
      'add tag label',
      "ALTER TABLE tags ADD COLUMN label text NOT NULL DEFAULT ''",
      secondDown,
    ),
  );
  return project;
}

describe('strata verify', () => {
  let project: CliProject | undefined;
  afterEach(async () => {
    await project?.cleanup();
    project = undefined;
  });

  it('reports every step and exits 0 when each down undoes its up', async () => {
    project = await projectWith('ALTER TABLE tags DROP COLUMN label');
    const run = await project.run('verify', ...urlArgs);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const lines = run.out.trim().split('\n');
    expect(lines[0]).toMatch(/^Verifying 2 revision\(s\) in /);
    expect(lines.slice(1, 7)).toEqual([
      'upgrade       fe0000000001 create tags -> at fe0000000001: ok (reference)',
      'upgrade       fe0000000002 add tag label -> at fe0000000002: ok (reference)',
      'downgrade     fe0000000002 add tag label -> at fe0000000001: ok',
      'downgrade     fe0000000001 create tags -> at base: ok',
      'upgrade again fe0000000001 create tags -> at fe0000000001: ok',
      'upgrade again fe0000000002 add tag label -> at fe0000000002: ok',
    ]);
  });

  it('exits 1 and names the object when a down does not restore what its up changed', async () => {
    project = await projectWith('ALTER TABLE tags ALTER COLUMN label DROP DEFAULT');
    const run = await project.run('verify', ...urlArgs);
    expect(run.code).toBe(1);
    expect(run.out).toContain('downgrade     fe0000000002 add tag label -> at fe0000000001: MISMATCH');
    expect(run.out).toContain('    column public.tags.label should not exist');
    expect(run.err).toContain('verify failed: downgrade fe0000000002 (mismatch)');
  });
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyMigrations } from '../../src/migrate/verify/index.js';
import {
  copyFixture,
  type FixtureCopy,
  fixtureDir,
  REVISIONS_MODULE,
} from '../fixtures/migrations/fixture-dirs.js';
import { SERVER_ADMIN_URL, testBackend } from '../support/backend.js';

/** On the server project, verify runs in a scratch database on the test server; on PGlite, in memory. */
const url = testBackend() === 'postgres' ? SERVER_ADMIN_URL : undefined;
const options = url === undefined ? {} : { url };

interface Migration {
  readonly revision: string;
  readonly parents?: readonly string[];
  readonly message: string;
  readonly up: readonly string[];
  readonly down?: readonly string[];
}

const CREATE_NOTES: Migration = {
  revision: 'e1e100000001',
  message: 'create notes',
  up: ['CREATE TABLE notes (id integer PRIMARY KEY, title text NOT NULL)'],
  down: ['DROP TABLE notes'],
};

const ADD_BODY: Migration = {
  revision: 'e1e100000002',
  parents: ['e1e100000001'],
  message: 'add body',
  up: [
    "ALTER TABLE notes ADD COLUMN body text NOT NULL DEFAULT ''",
    'CREATE INDEX notes_title_idx ON notes (title)',
    "ALTER TABLE notes ADD CONSTRAINT notes_title_check CHECK (title <> '')",
  ],
  down: [
    'ALTER TABLE notes DROP CONSTRAINT notes_title_check',
    'DROP INDEX notes_title_idx',
    'ALTER TABLE notes DROP COLUMN body',
  ],
};

const ADD_MOOD: Migration = {
  revision: 'e1e100000003',
  parents: ['e1e100000002'],
  message: 'add mood',
  up: ["CREATE TYPE mood AS ENUM ('sad', 'happy')", "ALTER TABLE notes ADD COLUMN mood mood DEFAULT 'happy'"],
  down: ['ALTER TABLE notes DROP COLUMN mood', 'DROP TYPE mood'],
};

function source(m: Migration): string {
  const calls = (statements: readonly string[]) =>
    statements.map((s) => `    op.sql(${JSON.stringify(s)});`).join('\n');
  return `import { defineMigration } from '${REVISIONS_MODULE}';
export default defineMigration({
  revision: '${m.revision}',
  parents: ${JSON.stringify(m.parents ?? [])},
  message: '${m.message}',
  up(op) {
${calls(m.up)}
  },${m.down === undefined ? '' : `\n  down(op) {\n${calls(m.down)}\n  },`}
});
`;
}

async function folderWith(...migrations: Migration[]): Promise<FixtureCopy> {
  const copy = await copyFixture();
  for (const [i, m] of migrations.entries()) {
    const name = `2026010${i + 1}_0900_${m.revision}_${m.message.replace(/\W+/g, '_')}.ts`;
    await writeFile(join(copy.dir, name), source(m));
  }
  return copy;
}

describe('verifyMigrations', () => {
  let folder: FixtureCopy | undefined;
  afterEach(async () => {
    await folder?.cleanup();
    folder = undefined;
  });

  it('runs every migration up, down to base and up again, each matching the first pass', async () => {
    folder = await folderWith(CREATE_NOTES, ADD_BODY, ADD_MOOD);
    const result = await verifyMigrations({ migrations: folder.dir }, options);
    expect(result.ok).toBe(true);
    expect(result.revisions).toEqual([CREATE_NOTES.revision, ADD_BODY.revision, ADD_MOOD.revision]);
    expect(result.steps.map((s) => [s.phase, s.revision, s.outcome])).toEqual([
      ['upgrade', 'e1e100000001', 'recorded'],
      ['upgrade', 'e1e100000002', 'recorded'],
      ['upgrade', 'e1e100000003', 'recorded'],
      ['downgrade', 'e1e100000003', 'matched'],
      ['downgrade', 'e1e100000002', 'matched'],
      ['downgrade', 'e1e100000001', 'matched'],
      ['upgradeAgain', 'e1e100000001', 'matched'],
      ['upgradeAgain', 'e1e100000002', 'matched'],
      ['upgradeAgain', 'e1e100000003', 'matched'],
    ]);
    expect(result.steps.find((s) => s.phase === 'downgrade' && s.revision === 'e1e100000001')?.at).toEqual(
      [],
    );
  });

  it('reverts the revisions of branches one at a time, leaving the other branch in place', async () => {
    const result = await verifyMigrations({ migrations: fixtureDir('branches') }, options);
    expect(result.ok).toBe(true);
    const downs = result.steps.filter((s) => s.phase === 'downgrade').map((s) => [s.revision, s.at]);
    expect(downs).toEqual([
      ['3333cccc0001', ['2222bbbb0002']],
      ['2222bbbb0002', ['2222bbbb0001']],
      ['2222bbbb0001', ['1111aaaa0001']],
      ['1111aaaa0001', []],
    ]);
  });

  it('names the objects a down that forgets part of its up leaves behind', async () => {
    const forgetful = {
      ...ADD_BODY,
      down: ['ALTER TABLE notes DROP CONSTRAINT notes_title_check', 'ALTER TABLE notes DROP COLUMN body'],
    };
    folder = await folderWith(CREATE_NOTES, forgetful);
    const result = await verifyMigrations({ migrations: folder.dir }, options);
    expect(result.ok).toBe(false);
    const step = result.steps.find((s) => s.outcome === 'mismatch');
    expect(step).toMatchObject({ phase: 'downgrade', revision: 'e1e100000002', at: ['e1e100000001'] });
    expect(step?.differences.map((d) => d.message)).toEqual([
      'index public.notes.notes_title_idx should not exist',
    ]);
    // Dropping the table at base takes the index along: from there on everything matches again.
    expect(result.steps.filter((s) => s.outcome !== 'recorded' && s.outcome !== 'matched')).toEqual([step]);
  });

  it('names the property a down restores wrongly', async () => {
    const wrongDefault: Migration = {
      revision: 'e1e100000002',
      parents: ['e1e100000001'],
      message: 'default title',
      up: ["ALTER TABLE notes ALTER COLUMN title SET DEFAULT 'untitled'"],
      down: ["ALTER TABLE notes ALTER COLUMN title SET DEFAULT ''"],
    };
    folder = await folderWith(CREATE_NOTES, wrongDefault);
    const result = await verifyMigrations({ migrations: folder.dir }, options);
    expect(result.ok).toBe(false);
    const mismatches = result.steps.filter((s) => s.outcome === 'mismatch');
    expect(mismatches.map((s) => [s.phase, s.revision])).toEqual([['downgrade', 'e1e100000002']]);
    expect(mismatches[0]?.differences[0]).toMatchObject({
      object: 'column',
      name: 'public.notes.title',
      change: 'changed',
    });
    expect(mismatches[0]?.differences[0]?.details[0]).toMatch(/^default: none → ''/);
  });

  it('reports a migration without a down as a failed downgrade step', async () => {
    const { down: _, ...oneWay } = ADD_BODY;
    folder = await folderWith(CREATE_NOTES, oneWay);
    const result = await verifyMigrations({ migrations: folder.dir }, options);
    expect(result.ok).toBe(false);
    expect(result.steps.at(-1)).toMatchObject({
      phase: 'downgrade',
      revision: 'e1e100000002',
      outcome: 'failed',
      error: { code: 'IRREVERSIBLE' },
    });
  });

  it.runIf(url !== undefined)('drops the scratch database it made on the server', async () => {
    folder = await folderWith(CREATE_NOTES);
    const result = await verifyMigrations({ migrations: folder.dir }, options);
    expect(result.database).toMatch(/^the scratch database strata_verify_\d+_[0-9a-f]+ on /);
    const name = /strata_verify_\d+_[0-9a-f]+/.exec(result.database)?.[0];
    const admin = new pg.Client({ connectionString: SERVER_ADMIN_URL });
    await admin.connect();
    try {
      const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      expect(left.rowCount).toBe(0);
    } finally {
      await admin.end();
    }
  });
});

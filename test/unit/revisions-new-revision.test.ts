import { readdir, readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { isStrataError } from '../../src/errors/strata-error.js';
import { createOperationsApi } from '../../src/migrate/ops/index.js';
import {
  branches,
  heads,
  loadMigrations,
  merge,
  migrationFileName,
  newRevision,
} from '../../src/migrate/revisions/index.js';
import { copyFixture, type FixtureCopy, REVISIONS_MODULE } from '../fixtures/migrations/fixture-dirs.js';

const copies: FixtureCopy[] = [];
afterEach(async () => {
  for (const copy of copies.splice(0)) await copy.cleanup();
});

async function copy(name?: string): Promise<string> {
  const fixture = await copyFixture(name);
  copies.push(fixture);
  return fixture.dir;
}

async function failure(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a failure');
}

async function recordedSql(
  fn: ((op: ReturnType<typeof createOperationsApi>['api']) => void | Promise<void>) | undefined,
) {
  const recorder = createOperationsApi();
  await fn?.(recorder.api);
  return recorder
    .operations()
    .map((operation) => (operation.kind === 'sql' ? operation.sql : operation.kind));
}

describe('writing new revisions', () => {
  it('names files YYYYMMDD_HHMM_<revision>_<slug>.ts in UTC', () => {
    expect(migrationFileName('3f2a9c1b7d4e', 'Add documents!', new Date('2026-11-22T11:04:59Z'))).toBe(
      '20261122_1104_3f2a9c1b7d4e_add_documents.ts',
    );
  });

  it('writes a migration on top of the head, with the given code, that loads back', async () => {
    const dir = await copy('linear');
    const created = await newRevision(
      { migrations: dir },
      {
        message: 'add note tags',
        up: "op.sql('ALTER TABLE notes ADD COLUMN tags text[]');",
        down: "op.sql('ALTER TABLE notes DROP COLUMN tags');",
        date: new Date('2026-11-22T11:04:00Z'),
        importFrom: REVISIONS_MODULE,
      },
    );
    expect(created.parents).toEqual(['c3d4e5f6a7b8']);
    expect(created.revision).toMatch(/^[0-9a-f]{12}$/);
    expect(created.fileName).toBe(`20261122_1104_${created.revision}_add_note_tags.ts`);
    expect(await readdir(dir)).toContain(created.fileName);

    const graph = await loadMigrations(dir);
    expect(graph.heads).toEqual([created.revision]);
    const written = graph.byRevision.get(created.revision)!;
    expect(written.message).toBe('add note tags');
    expect(await recordedSql(written.up)).toEqual(['ALTER TABLE notes ADD COLUMN tags text[]']);
    expect(await recordedSql(written.down)).toEqual(['ALTER TABLE notes DROP COLUMN tags']);
  });

  it('writes warnings as comments and keeps quotes in the message intact', async () => {
    const dir = await copy();
    const created = await newRevision(
      { migrations: dir },
      {
        message: "rename 'title' */ column",
        warnings: [
          'Column notes.title was dropped and notes.name added:\nif it was a rename, use op.renameColumn',
        ],
        transactional: false,
        importFrom: REVISIONS_MODULE,
      },
    );
    expect(created.parents).toEqual([]);
    const source = await readFile(created.file, 'utf8');
    expect(source).toContain(
      '// - Column notes.title was dropped and notes.name added:\n//   if it was a rename',
    );
    const script = (await loadMigrations(dir)).byRevision.get(created.revision)!;
    expect(script.message).toBe("rename 'title' */ column");
    expect(script.transactional).toBe(false);
    expect(await recordedSql(script.up)).toEqual([]);
  });

  it('refuses to guess a parent when there are several heads', async () => {
    const dir = await copy('branches');
    const error = await failure(
      newRevision({ migrations: dir }, { message: 'x', importFrom: REVISIONS_MODULE }),
    );
    expect(isStrataError(error, 'MULTIPLE_HEADS')).toBe(true);
    expect(error.message).toContain('2222bbbb0002');
    expect(error.message).toContain('3333cccc0001');
    expect(await readdir(dir)).toHaveLength(4);
  });

  it('accepts parents as prefixes and branch labels', async () => {
    const dir = await copy('branches');
    const created = await newRevision(
      { migrations: dir },
      { message: 'search ranking', parents: ['search'], importFrom: REVISIONS_MODULE },
    );
    expect(created.parents).toEqual(['3333cccc0001']);
    const onAccounts = await newRevision(
      { migrations: dir },
      { message: 'account names', parents: ['1111'], importFrom: REVISIONS_MODULE },
    );
    expect(onAccounts.parents).toEqual(['1111aaaa0001']);
  });

  it('merges the heads into an empty revision with several parents', async () => {
    const dir = await copy('branches');
    const merged = await merge({ migrations: dir }, [], 'merge billing and search', {
      importFrom: REVISIONS_MODULE,
    });
    expect(merged.parents).toEqual(['2222bbbb0002', '3333cccc0001']);
    const graph = await loadMigrations(dir);
    expect(graph.heads).toEqual([merged.revision]);
    const script = graph.byRevision.get(merged.revision)!;
    expect(await recordedSql(script.up)).toEqual([]);
    expect(await recordedSql(script.down)).toEqual([]);
  });

  it('refuses to merge a single revision or a revision with its own ancestor', async () => {
    const dir = await copy('linear');
    expect((await failure(merge({ migrations: dir }, [], 'nothing to merge'))).code).toBe('USAGE');
    const error = await failure(merge({ migrations: dir }, ['a1b2', 'c3d4'], 'ancestor'));
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain('is an ancestor of');
  });

  it('rejects an explicit revision id that already exists', async () => {
    const dir = await copy('linear');
    const error = await failure(
      newRevision(
        { migrations: dir },
        { message: 'dup', revision: 'a1b2c3d4e5f6', importFrom: REVISIONS_MODULE },
      ),
    );
    expect(isStrataError(error, 'MIGRATION_INVALID')).toBe(true);
    expect(await readdir(dir)).toHaveLength(3);
  });
});

describe('heads and branches', () => {
  it('lists the heads and the branch points of a branched history', async () => {
    const dir = await copy('branches');
    expect((await heads({ migrations: dir })).map((h) => [h.revision, h.message])).toEqual([
      ['2222bbbb0002', 'add invoice total'],
      ['3333cccc0001', 'create documents'],
    ]);
    const points = await branches({ migrations: dir });
    expect(points.map((p) => [p.revision, p.children])).toEqual([
      ['1111aaaa0001', ['2222bbbb0001', '3333cccc0001']],
    ]);
  });
});

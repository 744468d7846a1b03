import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStrataError, type StrataError } from '../../src/errors/strata-error.js';
import { current, downgrade, type MigrationSession, upgrade } from '../../src/migrate/run/index.js';
import { copyFixture, type FixtureCopy } from '../fixtures/migrations/fixture-dirs.js';
import { openTestSession } from '../fixtures/migrations/test-session.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

const EDITED = '20260102_0900_b7c8d9e0f1a2_add_note_title.ts';

async function failure(promise: Promise<unknown>): Promise<StrataError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isStrataError(error)) throw new Error(`expected a StrataError, got ${String(error)}`);
  return error;
}

describe('an applied migration edited afterwards', () => {
  let db: TestDatabase;
  let session: MigrationSession;
  let fixture: FixtureCopy;
  const context = () => ({ migrations: fixture.dir, db: session });

  beforeAll(async () => {
    db = await openTestDatabase();
    session = await openTestSession(db);
    fixture = await copyFixture('linear');
    await upgrade(context(), 'head');
    const file = join(fixture.dir, EDITED);
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('ADD COLUMN title text', 'ADD COLUMN title varchar(200)'),
    );
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
    await fixture?.cleanup();
  });

  it('is reported by upgrade with MIGRATION_CHECKSUM_MISMATCH naming the file', async () => {
    const error = await failure(upgrade(context(), 'head'));
    expect(error.code).toBe('MIGRATION_CHECKSUM_MISMATCH');
    expect(error.message).toContain(EDITED);
    expect(error.message).toContain('acceptChecksumChanges');
    expect(error.details.mismatches).toMatchObject([{ revision: 'b7c8d9e0f1a2', fileName: EDITED }]);
  });

  it('blocks a downgrade too, before anything runs', async () => {
    const error = await failure(downgrade(context(), 'base'));
    expect(error.code).toBe('MIGRATION_CHECKSUM_MISMATCH');
    expect((await current(context())).applied).toHaveLength(3);
  });

  it('is listed by current() without failing', async () => {
    const state = await current(context());
    expect(state.checksumMismatches.map((m) => m.fileName)).toEqual([EDITED]);
  });

  it('can be accepted, recording the new checksum', async () => {
    const result = await upgrade(context(), 'head', { acceptChecksumChanges: true });
    expect(result.acceptedChecksums.map((m) => m.revision)).toEqual(['b7c8d9e0f1a2']);
    expect(result.steps).toEqual([]);
    const state = await current(context());
    expect(state.checksumMismatches).toEqual([]);
    expect((await upgrade(context(), 'head')).acceptedChecksums).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStrataError, type StrataError } from '../../src/errors/strata-error.js';
import { merge } from '../../src/migrate/revisions/index.js';
import { current, downgrade, history, type MigrationSession, upgrade } from '../../src/migrate/run/index.js';
import { copyFixture, type FixtureCopy, REVISIONS_MODULE } from '../fixtures/migrations/fixture-dirs.js';
import { openTestSession, publicTables, recordedRevisions } from '../fixtures/migrations/test-session.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

const ACCOUNTS = '1111aaaa0001';
const INVOICES = '2222bbbb0001';
const TOTAL = '2222bbbb0002';
const DOCUMENTS = '3333cccc0001';

async function failure(promise: Promise<unknown>): Promise<StrataError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isStrataError(error)) throw new Error(`expected a StrataError, got ${String(error)}`);
  return error;
}

describe('branches and merges', () => {
  let db: TestDatabase;
  let session: MigrationSession;
  let fixture: FixtureCopy;
  const context = () => ({ migrations: fixture.dir, db: session });

  beforeAll(async () => {
    db = await openTestDatabase();
    session = await openTestSession(db);
    fixture = await copyFixture('branches');
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
    await fixture?.cleanup();
  });

  it('refuses upgrade head while there are two heads, naming both, and runs nothing', async () => {
    const error = await failure(upgrade(context(), 'head'));
    expect(error.code).toBe('MULTIPLE_HEADS');
    expect(error.message).toContain(TOTAL);
    expect(error.message).toContain(DOCUMENTS);
    expect((await current(context())).applied).toEqual([]);
  });

  it('upgrades one branch with LABEL@head', async () => {
    const result = await upgrade(context(), 'billing@head');
    expect(result.steps.map((s) => s.revision)).toEqual([ACCOUNTS, INVOICES, TOTAL]);
    expect(result.to).toEqual([TOTAL]);
    expect(await publicTables(db)).not.toContain('documents');
  });

  it('upgrades every branch with heads, leaving the database at two current revisions', async () => {
    const result = await upgrade(context(), 'heads');
    expect(result.steps.map((s) => s.revision)).toEqual([DOCUMENTS]);
    expect(result.to).toEqual([TOTAL, DOCUMENTS]);
    const marked = await history(context());
    expect(marked.entries.filter((e) => e.current).map((e) => e.revision.revision)).toEqual([
      DOCUMENTS,
      TOTAL,
    ]);
  });

  it('needs a branch for a relative downgrade when two revisions are current', async () => {
    const error = await failure(downgrade(context(), '-1'));
    expect(error.code).toBe('MULTIPLE_HEADS');
    expect(error.details.heads).toEqual([TOTAL, DOCUMENTS]);
  });

  it('downgrades one branch with LABEL@-N, leaving the other alone', async () => {
    const result = await downgrade(context(), 'search@-1');
    expect(result.steps.map((s) => s.revision)).toEqual([DOCUMENTS]);
    expect(result.to).toEqual([TOTAL]);
    expect(await publicTables(db)).toContain('invoices');
    expect(await publicTables(db)).not.toContain('documents');
    await upgrade(context(), 'search@head');
  });

  it('merges the two heads so that upgrade head works again', async () => {
    const merged = await merge({ migrations: fixture.dir }, ['heads'], 'merge billing and search', {
      importFrom: REVISIONS_MODULE,
    });
    expect(merged.parents).toEqual([TOTAL, DOCUMENTS]);
    const result = await upgrade(context(), 'head');
    expect(result.steps.map((s) => [s.revision, s.statementCount])).toEqual([[merged.revision, 0]]);
    expect(result.to).toEqual([merged.revision]);
    expect(await recordedRevisions(db)).toEqual(
      [ACCOUNTS, INVOICES, TOTAL, DOCUMENTS, merged.revision].sort(),
    );
  });

  it('steps back from a merge onto both of its parents', async () => {
    const result = await downgrade(context(), '-1');
    expect(result.steps).toHaveLength(1);
    expect(result.to).toEqual([TOTAL, DOCUMENTS]);
  });

  it('downgrades to the branch point, reverting both branches', async () => {
    await upgrade(context(), 'head');
    const result = await downgrade(context(), '1111');
    expect(result.steps.map((s) => s.revision).slice(1)).toEqual([DOCUMENTS, TOTAL, INVOICES]);
    expect(result.to).toEqual([ACCOUNTS]);
    expect(await publicTables(db)).toEqual(['accounts', 'strata_migrations']);
  });

  it('resolves abbreviated revisions and reports ambiguous ones with their candidates', async () => {
    const ambiguous = await failure(upgrade(context(), '2222'));
    expect(ambiguous.code).toBe('REVISION_AMBIGUOUS');
    expect(ambiguous.details.candidates).toEqual([INVOICES, TOTAL]);
    const unknown = await failure(upgrade(context(), '9999'));
    expect(unknown.code).toBe('REVISION_NOT_FOUND');
    const result = await upgrade(context(), '3333');
    expect(result.steps.map((s) => s.revision)).toEqual([DOCUMENTS]);
  });
});

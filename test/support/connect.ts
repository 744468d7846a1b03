/**
 * A Strata `Database` on a test database, for tests of code that takes a `Database` or a
 * `Session`: the PGlite instance of a `pglite` test database is wrapped (and stays open when
 * the Database closes), a server test database is connected to by its URL.
 *
 * @example
 * ```ts
 * let testDb: TestDatabase;
 * let db: Database<DB>;
 * beforeAll(async () => {
 *   testDb = await openTestDatabase();
 *   db = await connectTestDatabase<DB>(testDb);
 * });
 * afterAll(async () => {
 *   await db.close(); // first: the server database is dropped by testDb.close()
 *   await testDb.close();
 * });
 * ```
 */
import type { ConnectOptions } from '../../src/db/connect.js';
import { connect } from '../../src/db/connect.js';
import type { Database } from '../../src/db/database.js';
import type { EmptySchema } from '../../src/db/session.js';
import { StrataError } from '../../src/errors/strata-error.js';
import type { TestDatabase } from './backend.js';

/** `connect()` options a test may still choose (pool size, plugins, logging). */
export type TestConnectOptions = Omit<ConnectOptions, 'url' | 'dataDir' | 'pglite'>;

export async function connectTestDatabase<DB = EmptySchema>(
  testDb: TestDatabase,
  options: TestConnectOptions = {},
): Promise<Database<DB>> {
  if (testDb.pglite !== undefined) return connect<DB>({ ...options, pglite: testDb.pglite });
  if (testDb.url !== undefined) return connect<DB>({ ...options, url: testDb.url });
  throw new StrataError(
    'USAGE',
    'connectTestDatabase: the test database has neither a PGlite instance nor a URL.',
  );
}

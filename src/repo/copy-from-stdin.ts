import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { wrapDatabaseError } from '../db/wrap-database-error.js';
import { StrataError } from '../errors/strata-error.js';
import type { AnySession } from './session.js';

/**
 * Runs `COPY … FROM STDIN` on the session's connection (the server backend only), streaming
 * `chunks` to it with backpressure. Returns the number of rows PostgreSQL reports.
 *
 * The connection is reached through Kysely's connection provider, so a transaction's COPY
 * runs inside that transaction. A failing source (a value that fails its check) aborts the
 * COPY with CopyFail and its error is rethrown.
 */
export async function copyFromStdin(
  session: AnySession,
  sql: string,
  chunks: AsyncIterable<Buffer>,
): Promise<number> {
  // Kysely's executor is the one way to the connection a Session's statements run on.
  const kysely = session.kysely as unknown as Kysely<unknown>;
  return kysely.getExecutor().provideConnection(async (connection) => {
    const client = (connection as { client?: unknown }).client;
    if (!(client instanceof pg.Client)) {
      throw new StrataError(
        'USAGE',
        'COPY needs the server backend (a pg connection); this session has none.',
      );
    }
    const stream = client.query(copyFrom(sql));
    try {
      await pipeline(Readable.from(chunks, { objectMode: false }), stream);
    } catch (error) {
      throw wrapDatabaseError(error);
    }
    return stream.rowCount;
  });
}

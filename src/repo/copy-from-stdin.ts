import type { AnySession } from './session.js';

/**
 * Runs `COPY … FROM STDIN` on the session's connection (`Session.copyFrom`: inside a
 * transaction, in that transaction), streaming `chunks` to it with backpressure. Returns the
 * number of rows PostgreSQL reports. A failing source (a value that fails its check) aborts
 * the COPY and its error is rethrown.
 */
export async function copyFromStdin(
  session: AnySession,
  sql: string,
  chunks: AsyncIterable<Buffer>,
): Promise<number> {
  return (await session.copyFrom(sql, chunks)).rowCount;
}

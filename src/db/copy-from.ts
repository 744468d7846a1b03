import { StrataError } from '../errors/strata-error.js';

/** The data of a `COPY … FROM STDIN`: chunks of bytes in the statement's format, in order. */
export type CopySource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** What `Session.copyFrom` reports. */
export interface CopyResult {
  /** Rows PostgreSQL stored. */
  readonly rowCount: number;
}

const FROM_STDIN = /\bfrom\s+stdin\b/gi;

/**
 * Checks that `sql` is one `COPY … FROM STDIN` statement; anything else would leave the
 * connection waiting for data that never comes, or send the data to the wrong statement.
 */
export function checkCopyStatement(sql: string): void {
  const matches = typeof sql === 'string' ? (sql.match(FROM_STDIN)?.length ?? 0) : 0;
  if (typeof sql !== 'string' || !/^\s*copy\b/i.test(sql) || matches !== 1) {
    throw new StrataError(
      'USAGE',
      `copyFrom takes one "COPY table (columns) FROM STDIN [WITH (…)]" statement; got ${JSON.stringify(
        typeof sql === 'string' ? sql.slice(0, 200) : sql,
      )}.`,
    );
  }
}

/** The same COPY reading PGlite's `/dev/blob` (the `blob` query option) instead of STDIN. */
export function blobCopyStatement(sql: string): string {
  return sql.replace(FROM_STDIN, "FROM '/dev/blob'");
}

/** The chunks of a source, each checked to be bytes (a string would be sent in some encoding by accident). */
export async function* checkedChunks(source: CopySource): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    if (!(chunk instanceof Uint8Array)) {
      throw new StrataError(
        'USAGE',
        `copyFrom's source must yield Uint8Array/Buffer chunks; got ${typeof chunk}. Encode text with Buffer.from(text).`,
      );
    }
    yield chunk;
  }
}

/** All chunks of a source, in order (PGlite's COPY takes its data as one Blob). */
export async function collectChunks(source: CopySource): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of checkedChunks(source)) chunks.push(chunk);
  return chunks;
}

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/catalog/introspect.js';
import { normalizeSchemaModel } from '../../src/catalog/normalize.js';
import type { Database } from '../../src/db/database.js';
import { toSql } from '../../src/ddl/index.js';
import { StrataError } from '../../src/errors/strata-error.js';
import {
  DEFAULT_CHUNK_SIZE,
  FileStore,
  type FileStoreSession,
  fileStoreTables,
  filesTables,
} from '../../src/files/index.js';
import { defineSchema } from '../../src/schema/index.js';
import { openTestDatabase, type TestDatabase, testBackend } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

const KIB = 1024;
const MIB = 1024 * KIB;
const CHUNK = DEFAULT_CHUNK_SIZE;
const storageTables = fileStoreTables({ schema: 'storage', prefix: 'app_' });
/** Both sets of tables (renamed keys: the two sets share their export names). */
const allTables = {
  ...filesTables,
  storageFiles: storageTables.files,
  storageFileBlobs: storageTables.fileBlobs,
  storageFileChunks: storageTables.fileChunks,
};

/** Reproducible pseudo-random bytes (xorshift32), so a failure can be replayed. */
function deterministicBytes(size: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 1) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** A Readable that hands out `bytes` in pieces of `pieceSize` (not aligned with chunks). */
function streamOf(bytes: Buffer, pieceSize: number): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += pieceSize) pieces.push(bytes.subarray(i, i + pieceSize));
  return Readable.from(pieces, { objectMode: false });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function collect(stream: AsyncIterable<unknown>): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return chunks;
}

async function expectStrataError(promise: Promise<unknown>, code: string): Promise<StrataError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StrataError);
  expect((error as StrataError).code).toBe(code);
  return error as StrataError;
}

describe('FileStore', () => {
  let testDb: TestDatabase;
  let db: Database;
  let files: FileStore;

  async function rowCounts(): Promise<{ files: number; blobs: number; chunks: number }> {
    const result = await testDb.query<{ files: number; blobs: number; chunks: number }>(
      `select (select count(*) from files)::int as files, (select count(*) from file_blobs)::int as blobs,
              (select count(*) from file_chunks)::int as chunks`,
    );
    return result.rows[0]!;
  }

  beforeAll(async () => {
    testDb = await openTestDatabase();
    await testDb.exec(toSql(defineSchema(allTables).model));
    db = await connectTestDatabase(testDb);
    files = new FileStore(db);
  });
  afterAll(async () => {
    await db.close();
    await testDb.close();
  });

  describe('put and get', () => {
    it('round-trips a small file from a buffer, recording its size and SHA-256', async () => {
      const bytes = Buffer.from('hello, strata files\n', 'utf8');
      const stored = await files.put(bytes, { name: 'hello.txt', contentType: 'text/plain; charset=utf-8' });
      expect(stored).toMatchObject({
        kind: 'storedFile',
        name: 'hello.txt',
        contentType: 'text/plain; charset=utf-8',
        size: bytes.length,
        sha256: sha256(bytes),
      });
      expect(await files.info(stored.id)).toEqual(stored);
      const download = await files.get(stored.id);
      expect(download.file).toEqual(stored);
      expect(Buffer.concat(await collect(download.stream))).toEqual(bytes);
    });

    it('stores a 3 MiB stream in 256 KiB chunk rows and streams it back one chunk at a time', async () => {
      const bytes = deterministicBytes(3 * MIB + 1234, 7);
      const stored = await files.put(streamOf(bytes, 100_000), { name: 'big.bin' });
      expect(stored.size).toBe(bytes.length);
      expect(stored.sha256).toBe(sha256(bytes));

      const chunkRows = await testDb.query<{ chunk_index: number; length: number }>(
        `select c.chunk_index, octet_length(c.data) as length from file_chunks c
         join files f on f.blob_id = c.blob_id where f.id = $1 order by c.chunk_index`,
        [stored.id],
      );
      const expectedChunks = Math.ceil(bytes.length / CHUNK);
      expect(chunkRows.rows.map((r) => r.chunk_index)).toEqual([...Array(expectedChunks).keys()]);
      expect(chunkRows.rows.slice(0, -1).every((r) => r.length === CHUNK)).toBe(true);
      expect(chunkRows.rows.at(-1)!.length).toBe(bytes.length - (expectedChunks - 1) * CHUNK);

      const { stream } = await files.get(stored.id);
      const pieces = await collect(stream);
      expect(pieces.length).toBe(expectedChunks);
      expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(CHUNK);
      expect(Buffer.concat(pieces).equals(bytes)).toBe(true);
    });

    it('accepts any async iterable of Uint8Array, in pieces larger than a chunk', async () => {
      const bytes = deterministicBytes(CHUNK * 2 + 10, 11);
      async function* pieces(): AsyncGenerator<Uint8Array> {
        yield new Uint8Array(bytes.subarray(0, CHUNK + CHUNK / 2));
        yield new Uint8Array(bytes.subarray(CHUNK + CHUNK / 2));
      }
      const stored = await files.put(pieces(), { name: 'iterable.bin' });
      expect(stored.sha256).toBe(sha256(bytes));
      expect(Buffer.concat(await collect((await files.get(stored.id)).stream)).equals(bytes)).toBe(true);
    });

    it('gives new files the default content type application/octet-stream', async () => {
      const stored = await files.put(Buffer.from([1, 2, 3]), { name: 'raw' });
      expect((await files.info(stored.id)).contentType).toBe('application/octet-stream');
    });
  });

  describe('content addressing', () => {
    it('stores identical content once, whether it arrives as a buffer or a stream', async () => {
      const bytes = deterministicBytes(CHUNK + 500, 21);
      const before = await rowCounts();
      const first = await files.put(bytes, { name: 'a.bin' });
      const afterFirst = await rowCounts();
      const second = await files.put(streamOf(bytes, 4096), { name: 'b.bin', contentType: 'image/png' });
      const third = await files.put(bytes, { name: 'c.bin' });
      const after = await rowCounts();

      expect(new Set([first.id, second.id, third.id]).size).toBe(3);
      expect(second.sha256).toBe(first.sha256);
      expect(afterFirst.blobs - before.blobs).toBe(1);
      expect(afterFirst.chunks - before.chunks).toBe(2);
      expect(after.blobs).toBe(afterFirst.blobs);
      expect(after.chunks).toBe(afterFirst.chunks);
      expect(after.files - before.files).toBe(3);
      expect(Buffer.concat(await collect((await files.get(second.id)).stream)).equals(bytes)).toBe(true);
    });

    it('keeps a shared blob until the last file using it is deleted', async () => {
      const bytes = deterministicBytes(3000, 31);
      const a = await files.put(bytes, { name: 'one' });
      const b = await files.put(bytes, { name: 'two' });
      const blobsOf = async () =>
        (
          await testDb.query<{ n: number }>('select count(*)::int as n from file_blobs where sha256 = $1', [
            a.sha256,
          ])
        ).rows[0]!.n;

      await files.delete(a.id);
      await expectStrataError(files.info(a.id), 'NOT_FOUND');
      expect(await blobsOf()).toBe(1);
      expect(Buffer.concat(await collect((await files.get(b.id)).stream)).equals(bytes)).toBe(true);

      await files.delete(b.id);
      expect(await blobsOf()).toBe(0);
      const orphans = await testDb.query<{ n: number }>(
        'select count(*)::int as n from file_chunks c where not exists (select 1 from file_blobs b where b.id = c.blob_id)',
      );
      expect(orphans.rows[0]!.n).toBe(0);
    });

    it('stores the same content put concurrently once', async () => {
      const bytes = deterministicBytes(CHUNK * 3, 41);
      const writers = 4;
      // On the server every upload has written all its chunks before any of them finishes, so they
      // race for the blob; PGlite has one connection, so its uploads run one after the other anyway.
      const meeting = testBackend() === 'postgres' ? writers : 1;
      let arrived = 0;
      let release: () => void = () => {};
      const allWritten = new Promise<void>((resolve) => {
        release = resolve;
      });
      async function* racing(): AsyncGenerator<Uint8Array> {
        yield* streamOf(bytes, 50_000);
        arrived += 1;
        if (arrived === meeting) release();
        await allWritten;
      }
      const stored = await Promise.all(
        Array.from({ length: writers }, (_, n) => files.put(racing(), { name: `concurrent-${n}.bin` })),
      );
      expect(new Set(stored.map((s) => s.sha256))).toEqual(new Set([sha256(bytes)]));
      const blobs = await testDb.query<{ n: number; chunks: number }>(
        `select count(*)::int as n, sum(chunk_count)::int as chunks from file_blobs where sha256 = $1`,
        [sha256(bytes)],
      );
      expect(blobs.rows[0]).toEqual({ n: 1, chunks: 3 });
      const pending = await testDb.query<{ n: number }>(
        'select count(*)::int as n from file_blobs where sha256 is null',
      );
      expect(pending.rows[0]!.n).toBe(0);
    });
  });

  describe('byte ranges', () => {
    const bytes = deterministicBytes(4 * CHUNK + 777, 51);
    let id: string;
    beforeAll(async () => {
      id = (await files.put(bytes, { name: 'ranges.bin' })).id;
    });

    const cases: [string, number, number | undefined][] = [
      ['the first byte', 0, 1],
      ['the last byte of the first chunk', CHUNK - 1, 1],
      ['the first byte of the second chunk', CHUNK, 1],
      ['two bytes across a chunk boundary', CHUNK - 1, 2],
      ['exactly one whole middle chunk', 2 * CHUNK, CHUNK],
      ['three chunks, cut inside the first and the last', CHUNK + 10, 2 * CHUNK],
      ['the tail from inside the last chunk', 4 * CHUNK + 5, undefined],
      ['from a chunk boundary to the end', 4 * CHUNK, undefined],
      ['the whole file', 0, undefined],
    ];
    for (const [label, offset, length] of cases) {
      it(`reads ${label}`, async () => {
        const download = await files.get(id, {
          range: length === undefined ? { offset } : { offset, length },
        });
        const expected = bytes.subarray(offset, length === undefined ? undefined : offset + length);
        expect(download.range).toEqual({ kind: 'byteRange', offset, length: expected.length });
        const pieces = await collect(download.stream);
        expect(pieces.every((p) => p.length <= CHUNK)).toBe(true);
        expect(pieces.length).toBe(
          Math.floor((offset + expected.length - 1) / CHUNK) - Math.floor(offset / CHUNK) + 1,
        );
        expect(Buffer.concat(pieces).equals(expected)).toBe(true);
      });
    }

    it('reads an empty range at the end of the file as no bytes', async () => {
      const download = await files.get(id, { range: { offset: bytes.length, length: 0 } });
      expect(await collect(download.stream)).toEqual([]);
    });

    it('refuses a range that reaches past the end', async () => {
      const error = await expectStrataError(
        files.get(id, { range: { offset: bytes.length - 1, length: 2 } }),
        'FILE_INVALID',
      );
      expect(error.message).toContain('past the end');
      await expectStrataError(files.get(id, { range: { offset: bytes.length + 1 } }), 'FILE_INVALID');
      await expectStrataError(files.get(id, { range: { offset: -1 } }), 'FILE_INVALID');
    });
  });

  describe('errors leave nothing behind', () => {
    it('refuses empty content, as a buffer or a stream', async () => {
      const before = await rowCounts();
      const error = await expectStrataError(files.put(Buffer.alloc(0), { name: 'empty' }), 'FILE_INVALID');
      expect(error.message).toContain('empty');
      await expectStrataError(
        files.put(Readable.from([], { objectMode: false }), { name: 'empty' }),
        'FILE_INVALID',
      );
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses content over the size limit, and stops reading a stream once past it', async () => {
      const before = await rowCounts();
      await expectStrataError(files.put(Buffer.alloc(11, 1), { name: 'big', maxSize: 10 }), 'FILE_INVALID');
      let piecesRead = 0;
      let closed = false;
      async function* endless(): AsyncGenerator<Uint8Array> {
        try {
          for (;;) {
            piecesRead += 1;
            yield deterministicBytes(64 * KIB, piecesRead);
          }
        } finally {
          closed = true;
        }
      }
      const error = await expectStrataError(
        files.put(endless(), { name: 'endless', maxSize: MIB }),
        'FILE_INVALID',
      );
      expect(error.message).toContain('size limit of 1048576 bytes');
      expect(piecesRead).toBe(MIB / (64 * KIB) + 1);
      expect(closed).toBe(true);
      const limited = new FileStore(db, { maxSize: 100 });
      await expectStrataError(limited.put(Buffer.alloc(101, 1), { name: 'big' }), 'FILE_INVALID');
      expect(await rowCounts()).toEqual(before);
    });

    it('rolls back every chunk of a stream that fails midway', async () => {
      const before = await rowCounts();
      // A session that counts the chunk rows the store writes, to show the failure came midway.
      let chunkInserts = 0;
      const counting = (session: FileStoreSession): FileStoreSession => ({
        executor: {
          backend: session.executor.backend,
          exec: (sql) => session.executor.exec(sql),
          query: (sql, params) => {
            if (sql.startsWith('insert into file_chunks')) chunkInserts += 1;
            return session.executor.query(sql, params);
          },
        },
        transaction: (fn) => session.transaction((tx) => fn(counting(tx))),
      });
      const bytes = deterministicBytes(2 * CHUNK + 100, 61);
      async function* breaking(): AsyncGenerator<Uint8Array> {
        yield bytes.subarray(0, CHUNK);
        yield bytes.subarray(CHUNK, 2 * CHUNK);
        yield bytes.subarray(2 * CHUNK);
        throw new Error('connection reset by peer');
      }
      const store = new FileStore(counting(db));
      const error = await expectStrataError(store.put(breaking(), { name: 'broken.bin' }), 'FILE_INVALID');
      expect(chunkInserts).toBe(2);
      expect(error.message).toContain(`upload stream failed after ${bytes.length} bytes`);
      expect(error.message).toContain('connection reset by peer');
      expect((error.cause as Error).message).toBe('connection reset by peer');
      expect(await rowCounts()).toEqual(before);
    });

    it('rolls back when a Readable is destroyed with an error', async () => {
      const before = await rowCounts();
      const source = new Readable({ read() {} });
      source.push(deterministicBytes(CHUNK + 10, 62));
      setTimeout(() => source.destroy(new Error('client went away')), 50);
      const error = await expectStrataError(files.put(source, { name: 'aborted.bin' }), 'FILE_INVALID');
      expect(error.message).toContain('client went away');
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses a stream of strings rather than guessing their encoding', async () => {
      const before = await rowCounts();
      const error = await expectStrataError(
        files.put(Readable.from(['text']) as unknown as AsyncIterable<Uint8Array>, { name: 'text.txt' }),
        'FILE_INVALID',
      );
      expect(error.message).toContain('where bytes were expected');
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses a bad name or content type', async () => {
      await expectStrataError(files.put(Buffer.from('x'), { name: '' }), 'FILE_INVALID');
      await expectStrataError(files.put(Buffer.from('x'), { name: 'a\0b' }), 'FILE_INVALID');
      const error = await expectStrataError(
        files.put(Buffer.from('x'), { name: 'x', contentType: 'not a type' }),
        'FILE_INVALID',
      );
      expect(error.message).toContain('is not a content type');
      const body = new Readable({ read() {} });
      await expectStrataError(files.put(body, { name: '' }), 'FILE_INVALID');
      expect(body.destroyed).toBe(true);
    });

    it('answers NOT_FOUND for unknown and malformed ids', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      for (const call of [() => files.info(unknown), () => files.get(unknown), () => files.delete(unknown)]) {
        const error = await expectStrataError(call(), 'NOT_FOUND');
        expect(error.message).toContain(unknown);
      }
      await expectStrataError(files.get('../../etc/passwd'), 'NOT_FOUND');
    });

    it('undoes a put together with the caller transaction it ran in', async () => {
      const before = await rowCounts();
      const failure = db.transaction(async (tx) => {
        const inner = new FileStore(tx);
        const stored = await inner.put(deterministicBytes(CHUNK + 1, 71), { name: 'in-tx.bin' });
        expect((await inner.info(stored.id)).size).toBe(CHUNK + 1);
        throw new Error('caller gives up');
      });
      await expect(failure).rejects.toThrow('caller gives up');
      expect(await rowCounts()).toEqual(before);
    });

    it('fails a download with NOT_FOUND when the file is deleted while it is read', async () => {
      const stored = await files.put(deterministicBytes(3 * CHUNK, 81), { name: 'vanishing.bin' });
      const { stream } = await files.get(stored.id);
      const reader = stream[Symbol.asyncIterator]();
      const first = await reader.next();
      expect((first.value as Buffer).length).toBe(CHUNK);
      await files.delete(stored.id);
      // The stream may hold one chunk it fetched ahead; the next fetch finds the file gone.
      let received = CHUNK;
      const error = await (async () => {
        try {
          for (let step = await reader.next(); !step.done; step = await reader.next()) {
            received += (step.value as Buffer).length;
          }
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(StrataError);
      expect((error as StrataError).code).toBe('NOT_FOUND');
      expect(received).toBeLessThan(stored.size);
    });
  });

  describe('tables', () => {
    it('reads back from the catalog exactly as declared, so migrations see no drift', async () => {
      const model = defineSchema(allTables).model;
      expect(normalizeSchemaModel(await introspect(testDb))).toEqual(normalizeSchemaModel(model));
    });

    it('works on tables in another schema with a name prefix', async () => {
      const store = new FileStore(db, { tables: storageTables, chunkSize: 4 * KIB });
      const bytes = deterministicBytes(10 * KIB, 91);
      const stored = await store.put(bytes, { name: 'elsewhere.bin' });
      const rows = await testDb.query<{ n: number }>(
        'select count(*)::int as n from storage.app_file_chunks',
      );
      expect(rows.rows[0]!.n).toBe(3);
      const { stream } = await store.get(stored.id, { range: { offset: 4 * KIB - 1, length: 2 } });
      expect(Buffer.concat(await collect(stream))).toEqual(bytes.subarray(4 * KIB - 1, 4 * KIB + 1));
      await expectStrataError(files.info(stored.id), 'NOT_FOUND');
      await store.delete(stored.id);
      expect(
        (await testDb.query<{ n: number }>('select count(*)::int as n from storage.app_file_chunks')).rows[0]!
          .n,
      ).toBe(0);
    });

    it('refuses a chunk size outside 1 KiB to 16 MiB', () => {
      expect(() => new FileStore(db, { chunkSize: 100 })).toThrow(StrataError);
      expect(() => new FileStore(db, { chunkSize: 32 * MIB })).toThrow(/chunkSize must be a whole number/);
    });
  });

  describe('list', () => {
    it('pages through every file newest first, without repeats', async () => {
      const names = ['p1', 'p2', 'p3', 'p4', 'p5'];
      for (const name of names) await files.put(Buffer.from(`list ${name}`), { name });
      // Several files in one transaction share created_at; the id breaks the tie.
      await db.transaction(async (tx) => {
        const inTx = new FileStore(tx);
        await inTx.put(Buffer.from('same instant 1'), { name: 'q1' });
        await inTx.put(Buffer.from('same instant 2'), { name: 'q2' });
      });
      const all = await testDb.query<{ id: string }>(
        'select id::text as id from files order by created_at desc, id desc',
      );
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await files.list({ limit: 3, ...(cursor === undefined ? {} : { cursor }) });
        expect(page.files.length).toBeLessThanOrEqual(3);
        seen.push(...page.files.map((f) => f.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== undefined);
      expect(seen).toEqual(all.rows.map((r) => r.id));
      expect(pages).toBe(Math.ceil(all.rows.length / 3));
      const firstPage = await files.list({ limit: 2 });
      expect(new Set(firstPage.files.map((f) => f.name))).toEqual(new Set(['q1', 'q2']));
    });

    it('refuses a cursor it did not make and a limit out of range', async () => {
      await expectStrataError(files.list({ cursor: 'bogus' }), 'FILE_INVALID');
      await expectStrataError(files.list({ limit: 0 }), 'FILE_INVALID');
      await expectStrataError(files.list({ limit: 1001 }), 'FILE_INVALID');
    });
  });
});

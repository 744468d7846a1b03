import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { StrataError } from '../../src/errors/strata-error.js';
import type { LoadProgress } from '../../src/repo/index.js';
import type { Insert } from '../../src/schema/index.js';
import { testBackend } from '../support/backend.js';
import {
  type AppDB,
  documentsRepo,
  postsRepo,
  type samples,
  samplesRepo,
  usersRepo,
} from './repo-fixtures.js';
import { openRepoTestDatabase, type RepoTestContext } from './repo-harness.js';

let ctx: RepoTestContext;
let db: Database<AppDB>;
let authorId: string;
const server = testBackend() === 'postgres';

beforeAll(async () => {
  ctx = await openRepoTestDatabase();
  db = ctx.db;
  authorId = (await usersRepo.with(db).create({ email: 'bulk@example.com' })).id;
});
afterAll(async () => {
  await ctx.close();
});
beforeEach(async () => {
  await db.executor.exec('TRUNCATE documents, posts CASCADE');
  await db.executor.exec('TRUNCATE samples');
});

/** Rows of most types, with the awkward values: NULLs, extremes, escapes, precision. */
function sampleRows(): Insert<typeof samples>[] {
  return [
    {
      small_total: 2 ** 53 - 1,
      big_total: -(2n ** 63n),
      amount: '-12345678901234567890.000123',
      ratio: 0.25,
      flag: true,
      at: new Date('1999-12-31T23:59:59.999Z'),
      local_at: new Date('2024-06-01T12:00:00.5Z'),
      day: '1970-01-01',
      clock: '23:59:59.999999',
      payload: new Uint8Array([0, 255, 10, 92]),
      doc: { nested: { list: [1, 'two', null, true] }, text: 'tab\there\nnewline \\ "quote"' },
      names: ['a', 'with space', 'tab\t', 'new\nline', 'back\\slash', 'q"uote', null] as unknown as string[],
      statuses: ['published', 'archived'],
      counts: [1, -2, 2147483647],
      note: 'ünïcødé ✓',
    },
    {
      small_total: 0,
      big_total: 2n ** 63n - 1n,
      amount: '0.000',
      ratio: -1.5,
      flag: false,
      at: new Date('2024-02-29T00:00:00.001Z'),
      day: '2024-02-29',
      clock: '00:00',
      doc: 'just a string',
      names: [],
      statuses: [],
      counts: [],
    },
    {
      amount: '1e3',
      at: new Date(-8.64e15),
      day: 'infinity',
      doc: [1, 2, 3],
    },
    {},
  ];
}

describe('load', () => {
  it('stores every type as create does, through binary COPY on the server and INSERTs on PGlite', async () => {
    const rows = sampleRows();
    const result = await samplesRepo.with(db).load(rows);
    expect(result).toMatchObject({ rowCount: rows.length, method: server ? 'copy-binary' : 'insert' });
    const loaded = await samplesRepo.with(db).find({ orderBy: 'id' });
    await db.executor.exec('TRUNCATE samples RESTART IDENTITY');
    const created = await samplesRepo.with(db).createMany(rows);
    expect(loaded.map(({ id: _, ...rest }) => rest)).toEqual(created.map(({ id: _, ...rest }) => rest));
    expect(created[0]!.amount).toBe('-12345678901234567890.000123');
    expect(created[0]!.big_total).toBe(-(2n ** 63n));
    expect(created[2]!.amount).toBe('1000');
    expect(created[3]!.small_total).toBe(0);
  });

  it('loads vectors: vector, halfvec, sparsevec, bit, with JSONB metadata (binary COPY on the server)', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({
      title: `doc ${i}`,
      metadata: { pages: i, tags: [`t${i % 3}`] },
      embedding: [i, -i / 3, 0.1],
      half: [i / 8, 1, -2],
      sparse: { dimensions: 2000, indices: [i, 1999], values: [1.5, -i] },
      bits: (i % 16).toString(2).padStart(4, '0'),
    }));
    const result = await documentsRepo.with(db).load(rows);
    expect(result).toMatchObject({ rowCount: 300, method: server ? 'copy-binary' : 'insert' });
    const read = await documentsRepo.with(db).find({ select: '*' });
    const byTitle = new Map(read.map((r) => [r.title, r]));
    for (const row of rows) {
      const stored = byTitle.get(row.title)!;
      // pgvector keeps single precision: compare as float32 (and -0 as 0).
      expect(stored.embedding!.map((x) => Math.fround(x) + 0)).toEqual(
        row.embedding.map((x) => Math.fround(x) + 0),
      );
      expect(stored.half!.map((x) => x + 0)).toEqual(row.half.map((x) => x + 0));
      expect(stored.sparse).toMatchObject({
        dimensions: 2000,
        indices: row.sparse.values[1] === 0 ? [row.sparse.indices[0]] : row.sparse.indices,
      });
      expect(stored.bits).toBe(row.bits);
      expect(stored.metadata).toEqual(row.metadata);
      expect(stored.version).toBe(1);
      expect(stored.created_at).toBeInstanceOf(Date);
    }
  });

  it('uses text COPY for a table with a type that has no binary encoder, with escapes intact', async () => {
    const titles = ['tab\tin title', 'newline\nin title', 'back\\slash', '\\N is not null', 'plain'];
    const result = await postsRepo.with(db).load(
      titles.map((title, i) => ({
        author_id: authorId,
        title,
        tags: [title, 'x'],
        reading_time: `${i} hours`,
        price: i === 0 ? null : `${i}.50`,
        attachment: new Uint8Array([i, 92]),
      })),
    );
    expect(result.method).toBe(server ? 'copy-text' : 'insert');
    const read = await postsRepo.with(db).find({ orderBy: 'id' });
    expect(read.map((p) => p.title)).toEqual(titles);
    expect(read.map((p) => p.tags[0])).toEqual(titles);
    expect(read.map((p) => p.price)).toEqual([null, '1.50', '2.50', '3.50', '4.50']);
    expect(read[2]!.reading_time).toBe('02:00:00');
    expect([...read[3]!.attachment!]).toEqual([3, 92]);
  });

  it('fills the defaults of columns a row leaves out, even after rows that give them', async () => {
    const rows = [
      { author_id: authorId, title: 'a', views: 5, status: 'published' as const },
      { author_id: authorId, title: 'b' },
      { author_id: authorId, title: 'c', views: 7 },
    ];
    await postsRepo.with(db).load(rows);
    const read = await postsRepo.with(db).find({ orderBy: 'title' });
    expect(read.map((p) => [p.title, p.views, p.status])).toEqual([
      ['a', 5, 'published'],
      ['b', 0, 'draft'],
      ['c', 7, 'draft'],
    ]);
  });

  it('reads an async iterable and reports progress as it goes', async () => {
    async function* generate() {
      for (let i = 0; i < 2500; i += 1) yield { title: `g${i}`, embedding: [i, i, i] };
    }
    const progress: LoadProgress[] = [];
    const result = await documentsRepo
      .with(db)
      .load(generate(), { onProgress: (p) => progress.push(p), progressEvery: 1000 });
    expect(result.rowCount).toBe(2500);
    expect(progress.map((p) => p.rows)).toEqual([1000, 2000, 2500]);
    expect(progress.every((p, i) => i === 0 || p.elapsedMs >= progress[i - 1]!.elapsedMs)).toBe(true);
    if (server) expect(progress.at(-1)!.bytes).toBeGreaterThan(2500 * 12);
    expect(await documentsRepo.with(db).count()).toBe(2500);
  });

  it('a bad value stops the load with the row and column named, and nothing is stored', async () => {
    function* rows() {
      for (let i = 0; i < 3000; i += 1)
        yield { title: `r${i}`, embedding: i === 2345 ? [1, Number.NaN, 3] : [1, 2, 3] };
    }
    const error = await documentsRepo
      .with(db)
      .load(rows())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StrataError);
    expect(error).toMatchObject({ code: 'VALUE_INVALID', details: { row: 2345, column: 'embedding' } });
    expect((error as StrataError).message).toContain('Row 2345');
    expect(await documentsRepo.with(db).count()).toBe(0);
  });

  it('runs inside the caller’s transaction, and rolls back with it', async () => {
    const failure = new Error('rollback');
    await expect(
      db.transaction(async (tx) => {
        await documentsRepo.with(tx).load([{ title: 'in tx' }, { title: 'also in tx' }]);
        expect(await documentsRepo.with(tx).count()).toBe(2);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await documentsRepo.with(db).count()).toBe(0);
  });
});

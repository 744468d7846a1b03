import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { StrataError } from '../../src/errors/strata-error.js';
import type { AppDB } from './repo-fixtures.js';
import { documentsRepo, postsRepo, samplesRepo, usersRepo } from './repo-fixtures.js';
import { countingSession, openRepoTestDatabase, type RepoTestContext } from './repo-harness.js';

let ctx: RepoTestContext;
let db: Database<AppDB>;
let authorId: string;

beforeAll(async () => {
  ctx = await openRepoTestDatabase();
  db = ctx.db;
  authorId = (await usersRepo.with(db).create({ email: 'values@example.com' })).id;
});
afterAll(async () => {
  await ctx.close();
});

describe('values cross the wire both ways', () => {
  it('bigint keeps every digit beyond 2^53, in writes, reads and filters', async () => {
    const karma = 9_007_199_254_740_993n;
    const user = await usersRepo.with(db).create({ email: 'big@example.com', karma });
    expect(user.karma).toBe(karma);
    const found = await usersRepo.with(db).find({ where: { karma: { gt: karma - 1n } } });
    expect(found.map((u) => u.email)).toEqual(['big@example.com']);
    const text = await db.executor.query<{ karma: string }>(
      'SELECT karma::text AS karma FROM users WHERE id = $1',
      [user.id],
    );
    expect(text.rows[0]?.karma).toBe('9007199254740993');
  });

  it('bigint in number mode reads as a number, and refuses values beyond 2^53 on the way in', async () => {
    const sample = await samplesRepo.with(db).create({ small_total: 42, big_total: 2n ** 62n });
    expect(sample.small_total).toBe(42);
    expect(sample.big_total).toBe(2n ** 62n);
    await expect(samplesRepo.with(db).create({ small_total: 2 ** 53 + 2 })).rejects.toMatchObject({
      code: 'VALUE_INVALID',
      details: { column: 'small_total' },
    });
  });

  it('numeric stays an exact decimal string, timestamptz a Date, date a calendar day, interval text', async () => {
    const at = new Date('2024-02-29T23:59:58.123Z');
    const post = await postsRepo.with(db).create({
      author_id: authorId,
      title: 'typed',
      price: '12345678.90',
      published_on: '2024-02-29',
      reading_time: '1 day 02:03:04',
      created_at: at,
      score: 0.1 + 0.2,
    });
    expect(post.price).toBe('12345678.90');
    expect(post.published_on).toBe('2024-02-29');
    expect(post.reading_time).toBe('1 day 02:03:04');
    expect(post.created_at.toISOString()).toBe(at.toISOString());
    expect(post.score).toBe(0.1 + 0.2);
    const sameDay = await postsRepo
      .with(db)
      .find({ where: { published_on: '2024-02-29', price: { gte: '12345678.9' } } });
    expect(sameDay.map((p) => p.id)).toEqual([post.id]);
  });

  it('uuid, enum, text arrays with awkward elements and bytea round-trip unchanged', async () => {
    const tags = ['plain', 'with space', 'com,ma', 'quo"te', 'back\\slash', '{braces}', 'NULL', ''];
    const attachment = new Uint8Array([0, 1, 2, 253, 254, 255]);
    const post = await postsRepo
      .with(db)
      .create({ author_id: authorId.toUpperCase(), title: 'arrays', tags, status: 'archived', attachment });
    const read = await postsRepo.with(db).getOrThrow(post.id);
    expect(read.author_id).toBe(authorId);
    expect(read.tags).toEqual(tags);
    expect(read.status).toBe('archived');
    expect(Buffer.from(read.attachment!).equals(Buffer.from(attachment))).toBe(true);
    expect(read.attachment).toBeInstanceOf(Uint8Array);
  });

  it('typed jsonb keeps nested objects, arrays, numbers and booleans; a top-level string stays a string', async () => {
    const metadata = { sun: { sign: 'Aries', degree: 12.5 }, tags: ['a', 'b'], pages: 0, draft: false };
    const doc = await documentsRepo.with(db).create({ title: 'json', metadata });
    expect(doc.metadata).toEqual(metadata);
    const raw = await db.executor.query<{ t: string }>(
      "SELECT jsonb_typeof(metadata -> 'tags') AS t FROM documents WHERE id = $1",
      [doc.id],
    );
    expect(raw.rows[0]?.t).toBe('array');
  });

  it('vector, halfvec, sparsevec and bit round-trip when selected, and are not read by default', async () => {
    const { session, statements } = countingSession(db);
    const doc = await documentsRepo.with(session).create({
      title: 'vectors',
      embedding: [0.25, -1.5, 3],
      half: [0.5, -2, 1024],
      sparse: { dimensions: 2000, indices: [1999, 0, 7], values: [3, 1, 0] },
      bits: '1011',
    });
    expect(doc).not.toHaveProperty('embedding');
    expect(doc).not.toHaveProperty('sparse');
    expect(doc.bits).toBe('1011');
    const returning = statements.at(-1)!.split(' RETURNING ')[1];
    expect(returning).toContain('"bits"');
    expect(returning).not.toContain('"embedding"');
    const full = await documentsRepo.with(db).getOrThrow(doc.id, { select: '*' });
    expect(full.embedding).toEqual([0.25, -1.5, 3]);
    expect(full.half).toEqual([0.5, -2, 1024]);
    expect(full.sparse).toMatchObject({ dimensions: 2000, indices: [0, 1999], values: [1, 3] });
    const some = await documentsRepo.with(db).getOrThrow(doc.id, { select: ['id', 'embedding'] });
    expect(Object.keys(some).sort()).toEqual(['embedding', 'id']);
    const listed = await documentsRepo.with(db).find({ where: { id: doc.id } });
    expect(listed[0]).not.toHaveProperty('embedding');
    expect(listed[0]).not.toHaveProperty('half');
  });

  it('a Float32Array is accepted as a vector', async () => {
    const doc = await documentsRepo.with(db).create({
      title: 'typed array',
      embedding: new Float32Array([1, 2, 3]) as unknown as number[],
    });
    const read = await documentsRepo.with(db).getOrThrow(doc.id, { select: ['embedding'] });
    expect(read.embedding).toEqual([1, 2, 3]);
  });
});

describe('values are checked before they reach the database', () => {
  async function invalid(promise: Promise<unknown>): Promise<StrataError> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof StrataError) {
        expect(error.code).toBe('VALUE_INVALID');
        return error;
      }
      throw error;
    }
    throw new Error('expected VALUE_INVALID');
  }

  it('names the column for each kind of bad value, and nothing is written', async () => {
    const before = await documentsRepo.with(db).count({ withDeleted: true });
    const cases: Array<[Promise<unknown>, string]> = [
      [documentsRepo.with(db).create({ title: 'dims', embedding: [1, 2] }), 'embedding'],
      [documentsRepo.with(db).create({ title: 'nan', embedding: [1, Number.NaN, 3] }), 'embedding'],
      [documentsRepo.with(db).create({ title: 'inf', half: [1, Number.POSITIVE_INFINITY, 3] }), 'half'],
      [documentsRepo.with(db).create({ title: 'half range', half: [1, 70000, 3] }), 'half'],
      [
        documentsRepo.with(db).create({
          title: 'hnsw',
          sparse: {
            dimensions: 2000,
            indices: Array.from({ length: 1001 }, (_, i) => i),
            values: Array(1001).fill(1),
          },
        }),
        'sparse',
      ],
      [documentsRepo.with(db).create({ title: 'bits', bits: '10' }), 'bits'],
      [documentsRepo.with(db).create({ title: 'uuid', owner_id: 'not-a-uuid' }), 'owner_id'],
      [usersRepo.with(db).create({ email: `${'x'.repeat(250)}@example.com` }), 'email'],
      [
        postsRepo.with(db).create({ author_id: authorId, title: 'enum', status: 'deleted' as 'draft' }),
        'status',
      ],
      [
        postsRepo.with(db).create({ author_id: authorId, title: 'views', views: Number.POSITIVE_INFINITY }),
        'views',
      ],
      [postsRepo.with(db).create({ author_id: authorId, title: 'score', score: Number.NaN }), 'score'],
      [postsRepo.with(db).create({ author_id: authorId, title: 'price', price: '123456789.00' }), 'price'],
      [
        postsRepo.with(db).create({ author_id: authorId, title: 'day', published_on: '2023-02-29' }),
        'published_on',
      ],
      [postsRepo.with(db).create({ author_id: authorId, title: 'int', views: 2 ** 31 }), 'views'],
      [postsRepo.with(db).create({ author_id: authorId, title: null as unknown as string }), 'title'],
    ];
    for (const [promise, column] of cases) {
      const error = await invalid(promise);
      expect(error.details.column, error.message).toBe(column);
      expect(error.message).toContain(column);
    }
    expect(await documentsRepo.with(db).count({ withDeleted: true })).toBe(before);
  });

  it('only a sparsevec column with an HNSW index is limited to 1,000 non-zero elements', async () => {
    const many = {
      dimensions: 30000,
      indices: Array.from({ length: 1500 }, (_, i) => i * 7),
      values: Array(1500).fill(0.5),
    };
    const stored = await documentsRepo.with(db).create({ title: 'unindexed', keywords: many });
    const read = await documentsRepo.with(db).getOrThrow(stored.id, { select: ['keywords'] });
    expect(read.keywords?.indices).toHaveLength(1500);
    const error = await invalid(
      documentsRepo.with(db).create({
        title: 'too many',
        sparse: {
          dimensions: 2000,
          indices: Array.from({ length: 1500 }, (_, i) => i),
          values: Array(1500).fill(0.5),
        },
      }),
    );
    expect(error.message).toContain('HNSW');
    expect(error.details).toMatchObject({ nonZero: 1500, maxNonZero: 1000 });
  });
});

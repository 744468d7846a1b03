import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVectorText } from '../../src/db/codecs/vector-text.js';
import type { Database } from '../../src/db/database.js';
import { sparseVector } from '../../src/db/index.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

let testDb: TestDatabase;
let db: Database;

async function one<R>(text: string, params: readonly unknown[] = []): Promise<R> {
  const result = await db.executor.query<R>(text, params);
  if (result.rows[0] === undefined) throw new Error(`no row from ${text}`);
  return result.rows[0];
}

async function withVector(): Promise<void> {
  await db.executor.exec('create extension if not exists vector');
  await db.refreshTypes();
}

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = await connectTestDatabase(testDb);
});

afterAll(async () => {
  await db?.close();
  await testDb?.close();
});

describe('values read from the database', () => {
  it('parses pgvector values once refreshTypes() ran after CREATE EXTENSION', async () => {
    await db.executor.exec('create extension if not exists vector');
    // The type OIDs of an extension created after connect are not known yet.
    expect(await one("select '[1,2]'::vector as v")).toEqual({ v: '[1,2]' });
    await db.refreshTypes();
    expect(await one("select '[1,2]'::vector as v")).toEqual({ v: [1, 2] });
  });

  it('reads int8 as bigint without losing precision, and int2/int4/float as numbers', async () => {
    expect(
      await one(
        'select 9007199254740993::int8 as big, count(*) as n, 7::int2 as s, 8::int4 as i, 0.5::float8 as f',
      ),
    ).toEqual({ big: 9007199254740993n, n: 1n, s: 7, i: 8, f: 0.5 });
  });

  it('keeps numeric exact as a string', async () => {
    expect(await one('select 12345678901234567890.123456789::numeric as n')).toEqual({
      n: '12345678901234567890.123456789',
    });
  });

  it('reads a date as YYYY-MM-DD and timestamptz as the right instant, whatever the session time zone', async () => {
    const row = await db.transaction(async (tx) => {
      await tx.executor.exec("set local timezone = 'Pacific/Kiritimati'");
      return (
        await tx.executor.query<{ d: unknown; ts: unknown }>(
          "select date '2024-03-10' as d, timestamptz '2024-01-02 03:04:05.678+00' as ts",
        )
      ).rows[0];
    });
    expect(row?.d).toBe('2024-03-10');
    expect(row?.ts).toEqual(new Date('2024-01-02T03:04:05.678Z'));
  });

  it('stores Date parameters as the same instant in timestamptz and as the UTC wall clock in timestamp', async () => {
    const when = new Date('2024-07-01T22:30:00.250Z');
    const row = await one<{ tz: Date; plain: Date; text: string }>(
      'select $1::timestamptz as tz, $1::timestamp as plain, $1::timestamp::text as text',
      [when],
    );
    expect(row.tz).toEqual(when);
    expect(row.plain).toEqual(when);
    expect(row.text).toBe('2024-07-01 22:30:00.25');
  });

  it('reads infinity timestamps as the extreme dates, which go back as infinity', async () => {
    const row = await one<{ inf: Date; back: string }>(
      "select 'infinity'::timestamptz as inf, $1::timestamptz::text as back",
      [new Date(8.64e15)],
    );
    expect(row.inf.getTime()).toBe(8.64e15);
    expect(row.back).toBe('infinity');
  });

  it('reads bytea as bytes and writes Buffer and Uint8Array parameters', async () => {
    const row = await one<{ a: Buffer; b: Buffer; len: number }>(
      "select '\\x00ff'::bytea as a, $1::bytea as b, length($2::bytea) as len",
      [Buffer.from([1, 2, 3]), new Uint8Array([9, 8])],
    );
    expect([...row.a]).toEqual([0, 255]);
    expect([...row.b]).toEqual([1, 2, 3]);
    expect(row.len).toBe(2);
  });

  it('parses json and jsonb, and stores objects (with bigint members) given as parameters', async () => {
    const row = await one<{ j: unknown; jb: unknown; param: unknown }>(
      `select '{"a":[1,null]}'::json as j, '{"b":true}'::jsonb as jb, $1::jsonb as param`,
      [{ id: 12n, tags: ['x'] }],
    );
    expect(row).toEqual({ j: { a: [1, null] }, jb: { b: true }, param: { id: 12, tags: ['x'] } });
  });

  it('reads vector and halfvec as number[], sparsevec as a SparseVector, and bit as 0/1 text', async () => {
    await withVector();
    const row = await one(
      "select '[1,2.5,-3]'::vector as v, '[0.5,1]'::halfvec as h, '{1:1,3:2}/5'::sparsevec as s, B'1011' as b, '101'::varbit as vb",
    );
    expect(row).toEqual({
      v: [1, 2.5, -3],
      h: [0.5, 1],
      s: { kind: 'sparseVector', dimensions: 5, indices: [0, 2], values: [1, 2] },
      b: '1011',
      vb: '101',
    });
  });

  it('writes vectors formatted with formatVectorText and SparseVector parameters as they are', async () => {
    await withVector();
    await db.executor.exec(
      'create table items (id int primary key, embedding vector(3), sparse sparsevec(6))',
    );
    await db.executor.query('insert into items values ($1, $2, $3)', [
      1,
      formatVectorText([0.25, -1, 3]),
      sparseVector({ dimensions: 6, indices: [5, 1], values: [4, 2] }),
    ]);
    const row = await db.kysely
      .selectFrom(
        sql<{
          embedding: number[];
          sparse: unknown;
          text: string;
        }>`(select embedding, sparse, sparse::text as text from items)`.as('i'),
      )
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      embedding: [0.25, -1, 3],
      sparse: { kind: 'sparseVector', dimensions: 6, indices: [1, 5], values: [2, 4] },
      text: '{2:2,6:4}/6',
    });
  });

  it('parses arrays of every parsed type', async () => {
    await withVector();
    const row = await one(
      `select array[1, null]::int8[] as ints, array['2024-01-02']::date[] as dates,
              array['[1,2]'::vector, '[3,4]'::vector] as vectors, array['{"a":1}'::jsonb] as docs,
              array['a b', 'c"d', null]::text[] as texts, '{{1,2},{3,4}}'::int4[] as grid,
              array[timestamptz '2024-01-02 00:00:00+01'] as stamps`,
    );
    expect(row).toEqual({
      ints: [1n, null],
      dates: ['2024-01-02'],
      vectors: [
        [1, 2],
        [3, 4],
      ],
      docs: [{ a: 1 }],
      texts: ['a b', 'c"d', null],
      grid: [
        [1, 2],
        [3, 4],
      ],
      stamps: [new Date('2024-01-01T23:00:00Z')],
    });
  });

  it('keeps other types as the text PostgreSQL prints (interval, uuid)', async () => {
    expect(
      await one("select interval '1 day 02:00' as i, '00000000-0000-0000-0000-000000000001'::uuid as u"),
    ).toEqual({
      i: '1 day 02:00:00',
      u: '00000000-0000-0000-0000-000000000001',
    });
  });

  it('gives the same values through Kysely as through the executor', async () => {
    const viaKysely = await sql<{ big: bigint; d: string; ts: Date }>`
      select ${9007199254740993n}::int8 as big, date '2020-02-29' as d, timestamptz '2020-02-29 12:00:00+00' as ts`.execute(
      db.kysely,
    );
    expect(viaKysely.rows).toEqual([
      { big: 9007199254740993n, d: '2020-02-29', ts: new Date('2020-02-29T12:00:00Z') },
    ]);
  });

  it('sees types created inside a transaction when the transaction refreshes them', async () => {
    await db.transaction(async (tx) => {
      await tx.executor.exec("create type mood as enum ('happy', 'sad')");
      await tx.refreshTypes();
      const result = await tx.executor.query("select array['happy', 'sad']::mood[] as moods");
      expect(result.rows).toEqual([{ moods: ['happy', 'sad'] }]);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

describe('test harness', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('gives each file a fresh database in which pgvector can be created', async () => {
    const tables = await db.query<{ n: number }>(
      "select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
    );
    expect(tables.rows[0]?.n).toBe(0);
    await db.exec('create extension if not exists vector');
    const r = await db.query<{ d: string }>("select ('[1,2,3]'::vector <-> '[1,2,4]'::vector)::text as d");
    expect(r.rows[0]?.d).toBe('1');
  });
});

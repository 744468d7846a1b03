import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/catalog/introspect.js';
import type { SqlExecutor } from '../../src/db/executor.js';
import { openTestDatabase, type TestDatabase, testBackend } from '../support/backend.js';

const TABLES = 500;

function tableDdl(schema: string, i: number): string {
  return `
create table ${schema}.t${i} (
  id bigint generated always as identity primary key,
  name varchar(100) not null default 'x',
  state ${schema}.state,
  score numeric(10, 2) check (score > 0),
  parent_id bigint references ${schema}.t${i} (id),
  tags text[],
  created_at timestamptz default now(),
  unique (name, parent_id)
);
create index on ${schema}.t${i} (created_at desc);
comment on column ${schema}.t${i}.name is 'name ${i}';`;
}

/** Wraps an executor to count the queries introspect sends. */
function counting(executor: SqlExecutor): { executor: SqlExecutor; count: () => number } {
  let queries = 0;
  return {
    executor: {
      backend: executor.backend,
      query: (sql, params) => {
        queries += 1;
        return executor.query(sql, params);
      },
      exec: (sql) => executor.exec(sql),
    },
    count: () => queries,
  };
}

describe('introspect on a large schema', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase();
    let ddl = `create schema small; create type small.state as enum ('a', 'b'); ${tableDdl('small', 0)}
      create schema big; create type big.state as enum ('a', 'b');`;
    for (let i = 0; i < TABLES; i += 1) ddl += tableDdl('big', i);
    await db.exec(ddl);
  });
  afterAll(async () => {
    await db.close();
  });

  it('sends as many queries for 500 tables as for one', async () => {
    const small = counting(db);
    const one = await introspect(small.executor, { schemas: ['small'] });
    const big = counting(db);
    const many = await introspect(big.executor, { schemas: ['big'] });
    expect(one.tables).toHaveLength(1);
    expect(many.tables).toHaveLength(TABLES);
    expect(big.count()).toBe(small.count());
    const last = many.tables.find((t) => t.name === `t${TABLES - 1}`);
    expect(last?.columns[1]?.comment).toBe(`name ${TABLES - 1}`);
    expect(
      many.tables.every((t) => t.indexes.length === 1 && t.uniques.length === 1 && t.checks.length === 1),
    ).toBe(true);
  });

  it.runIf(testBackend() === 'postgres')(
    'reads 500 tables in well under a second on the server',
    async () => {
      // Best of three, so that a busy machine does not decide the result.
      const timings: number[] = [];
      for (let run = 0; run < 3; run += 1) {
        const started = performance.now();
        await introspect(db, { schemas: ['big'] });
        timings.push(performance.now() - started);
      }
      expect(Math.min(...timings)).toBeLessThan(1000);
    },
  );
});

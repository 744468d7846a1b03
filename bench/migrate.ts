/**
 * Introspection plus diff of a 500-table schema (10 columns and 3 indexes each) on the local
 * server: what `strata check` and `strata revision --autogenerate` pay before they write anything.
 * Goal (issue 3): under 1 second.
 */
import { introspect } from '../src/catalog/index.js';
import { connect } from '../src/db/index.js';
import { toSql } from '../src/ddl/index.js';
import { diffSchemas } from '../src/migrate/diff/index.js';
import type { SchemaModel } from '../src/model/index.js';
import {
  boolean,
  defineSchema,
  index,
  integer,
  jsonb,
  numeric,
  table,
  text,
  timestamptz,
  uuid,
  uuidPrimaryKey,
  varchar,
} from '../src/schema/index.js';
import { type Bench, formatNumber, machineDescription, median, withBenchDatabase } from './support/kit.js';

const TABLES = 500;
const ROUNDS = 7;

function wideSchema(extraColumn: boolean) {
  const tables: Record<string, unknown> = {};
  for (let i = 0; i < TABLES; i++) {
    const name = `t${String(i).padStart(3, '0')}`;
    tables[name] = table(
      name,
      {
        id: uuidPrimaryKey(),
        tenant_id: uuid().notNull(),
        title: varchar(200).notNull(),
        body: text(),
        amount: numeric(12, 2).notNull().default('0'),
        position: integer().notNull().default(0),
        active: boolean().notNull().default(true),
        data: jsonb().notNull().default({}),
        created_at: timestamptz().notNull().defaultNow(),
        updated_at: timestamptz(),
        ...(extraColumn ? { note: text() } : {}),
      },
      (t) => [
        index(`${name}_tenant_idx`).on(t.tenant_id, t.created_at.desc()),
        index(`${name}_title_idx`).on(t.title).unique(),
        index(`${name}_data_idx`).using('gin', t.data.op('jsonb_path_ops')),
      ],
    );
  }
  return defineSchema(tables).model;
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

const bench: Bench = {
  name: 'migrate',
  async run() {
    const model = wideSchema(false);
    const changed = wideSchema(true);
    return withBenchDatabase('strata_bench_migrate', async (url) => {
      const db = await connect({ url });
      try {
        await db.executor.exec(toSql(model));
        const version = (await db.executor.query<{ v: string }>('select version() as v')).rows[0]?.v;
        const introspectMs: number[] = [];
        const diffSameMs: number[] = [];
        const diffChangedMs: number[] = [];
        let live: SchemaModel | undefined;
        let sameOps = -1;
        let changedOps = -1;
        for (let round = 0; round < ROUNDS; round++) {
          const [ms, read] = await time(() => introspect(db.executor));
          introspectMs.push(ms);
          live = read;
          const [same, diff] = await time(() => diffSchemas(read, model));
          diffSameMs.push(same);
          sameOps = diff.operations.length;
          const [other, changedDiff] = await time(() => diffSchemas(read, changed));
          diffChangedMs.push(other);
          changedOps = changedDiff.operations.length;
        }
        const total = median(introspectMs) + median(diffSameMs);
        const totalChanged = median(introspectMs) + median(diffChangedMs);
        return {
          section: 'Migrations',
          intro: [
            `Run on ${new Date().toISOString().slice(0, 10)}: ${machineDescription(version)}.`,
            '',
            `A schema of ${TABLES} tables, each with 10 columns (uuid, varchar, text, numeric, integer, boolean, jsonb, timestamptz; defaults), a primary key and 3 indexes (a two-column B-tree with DESC, a unique B-tree, a GIN jsonb_path_ops), created on the server. ` +
              `Times are the median of ${ROUNDS} rounds: \`introspect\` reads the catalog into the schema model (${live?.tables.length ?? 0} tables read); \`diffSchemas\` compares it with the DSL's model, unchanged (${sameOps} operations) and with one column added to every table (${changedOps} operations).`,
          ],
          tables: [
            {
              title: 'Introspection plus diff, 500 tables (ms, lower is better)',
              columns: ['step', 'ms', 'goal'],
              rows: [
                ['introspect (catalog → model)', formatNumber(median(introspectMs)), ''],
                ['diff, no changes', formatNumber(median(diffSameMs)), ''],
                ['diff, 500 added columns', formatNumber(median(diffChangedMs)), ''],
                [
                  'introspect + diff, no changes',
                  formatNumber(total),
                  total < 1000 ? '< 1 s: met' : '< 1 s: missed',
                ],
                [
                  'introspect + diff, 500 changes',
                  formatNumber(totalChanged),
                  totalChanged < 1000 ? '< 1 s: met' : '< 1 s: missed',
                ],
              ],
            },
          ],
          notes: [
            'Autogenerate also canonicalises the DSL model once through a scratch database (so expressions compare as PostgreSQL prints them); that step is not included here.',
          ],
        };
      } finally {
        await db.close();
      }
    });
  },
};

export default bench;

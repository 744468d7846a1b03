import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/catalog/introspect.js';
import { toSqlStatements } from '../../src/ddl/to-sql.js';
import { schemaDifferences } from '../../src/migrate/compare/index.js';
import type { SchemaModel } from '../../src/model/schema-model.js';
import { check, defineSchema, index, integer, numeric, sql, table, text } from '../../src/schema/index.js';
import {
  type CliProject,
  createCliProject,
  MIGRATION_IMPORT,
  openProjectDb,
  type ProjectDb,
} from './cli-project.harness.js';

const products = table(
  'products',
  {
    id: integer().primaryKey(),
    name: text().notNull(),
    legacy_code: text(),
    price: numeric(10, 2).notNull().default('0'),
  },
  (t) => [check('products_price_check', sql`${t.price} >= 0`)],
);
const V1 = defineSchema({ products }).model;

const products2 = table(
  'products',
  {
    id: integer().primaryKey(),
    name: text().notNull(),
    price: numeric(10, 2).notNull().default('1'),
    stock: integer().notNull().default(0),
  },
  (t) => [check('products_price_check', sql`${t.price} > 0`), index('products_name_idx').on(t.name)],
);
const reviews = table('reviews', {
  id: integer().primaryKey(),
  product_id: integer()
    .notNull()
    .references(() => products2.columns.id, { onDelete: 'cascade' }),
  body: text().notNull(),
});
const V2 = defineSchema({ products: products2, reviews }).model;

async function create(db: ProjectDb, model: SchemaModel): Promise<void> {
  await db.use(async (e) => {
    for (const statement of toSqlStatements(model)) await e.exec(statement);
  });
}

describe('strata diff', () => {
  let from: ProjectDb;
  let to: ProjectDb;
  let project: CliProject;

  beforeAll(async () => {
    from = await openProjectDb();
    to = await openProjectDb();
    await create(from, V1);
    await create(to, V2);
    project = await createCliProject({ db: from });
  });
  afterAll(async () => {
    await project?.cleanup();
    await from?.close();
    await to?.close();
  });

  it('prints the SQL that turns the first database into the second, and the way back with --down', async () => {
    const before = await from.use((e) => introspect(e));
    // Both computed from the same pair, before anything is applied.
    const up = await project.run('diff', '--from', from.source, '--to', to.source);
    const down = await project.run('diff', '--from', from.source, '--to', to.source, '--down');
    expect(up.code).toBe(0);
    expect(down.code).toBe(0);
    expect(up.out).toContain('CREATE TABLE reviews');
    expect(up.out).toContain('ALTER TABLE products DROP COLUMN legacy_code;');
    expect(up.err).toMatch(/DESTRUCTIVE: .*legacy_code/);
    expect(down.out).toContain('DROP TABLE reviews;');
    expect(down.out).toContain('ALTER TABLE products ADD COLUMN legacy_code text;');

    await from.use((e) => e.exec(up.out));
    const same = await project.run('diff', '--from', from.source, '--to', to.source, '--exit-code');
    expect(same.code).toBe(0);
    expect(same.out).toBe('');
    expect(same.err).toContain('No differences');

    await from.use((e) => e.exec(down.out));
    const after = await from.use((e) => introspect(e));
    expect(schemaDifferences(before, after)).toEqual([]);
  });

  it('exits 1 with --exit-code when the schemas differ, 0 without it', async () => {
    const plain = await project.run('diff', '--from', from.source, '--to', to.source);
    expect(plain.code).toBe(0);
    const strict = await project.run('diff', '--from', from.source, '--to', to.source, '--exit-code');
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('CREATE TABLE reviews');
  });

  it("compares the project's migrations at a revision with its schema", async () => {
    await project.writeMigration(
      '20260101_0900_d1ff00000001_create_items.ts',
      `${MIGRATION_IMPORT}export default defineMigration({
  revision: 'd1ff00000001',
  message: 'create items',
  up(op) { op.sql('CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL)'); },
  down(op) { op.sql('DROP TABLE items'); },
});
`,
    );
    await project.writeMigration(
      '20260102_0900_d1ff00000002_add_item_note.ts',
      `${MIGRATION_IMPORT}export default defineMigration({
  revision: 'd1ff00000002',
  parents: ['d1ff00000001'],
  message: 'add item note',
  up(op) { op.sql('ALTER TABLE items ADD COLUMN note text'); },
  down(op) { op.sql('ALTER TABLE items DROP COLUMN note'); },
});
`,
    );
    await project.writeSchema(
      "export const items = table('items', { id: integer().primaryKey(), name: text().notNull(), note: text() });\n",
    );
    const steps = await project.run('diff', '--from', 'migrations:d1ff00000001', '--to', 'migrations:head');
    expect(steps.code).toBe(0);
    expect(steps.out.trim()).toBe('ALTER TABLE items ADD COLUMN note text;');
    const matches = await project.run('diff', '--from', 'migrations:head', '--to', 'schema:', '--exit-code');
    expect(matches.err).toContain('No differences: migrations:head and schema: have the same schema.');
    expect(matches.code).toBe(0);
  });

  it('refuses memory:// and unknown sources with exit 2', async () => {
    const memory = await project.run('diff', '--from', 'memory://', '--to', 'schema:');
    expect(memory.code).toBe(2);
    expect(memory.err).toContain('memory://');
    expect(memory.err).toContain('nothing to compare');
    const unknown = await project.run('diff', '--from', 'mysql://host/db', '--to', 'schema:');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('pglite:PATH');
  });
});

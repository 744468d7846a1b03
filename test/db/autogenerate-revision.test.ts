import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/catalog/introspect.js';
import { isStrataError } from '../../src/errors/strata-error.js';
import {
  autogenerateRevision,
  checkSchema,
  detectSchemaChanges,
} from '../../src/migrate/autogenerate/index.js';
import { schemaDifferences } from '../../src/migrate/compare/index.js';
import { newRevision } from '../../src/migrate/revisions/index.js';
import { downgrade, type MigrationSession, upgrade } from '../../src/migrate/run/index.js';
import type { SchemaModel } from '../../src/model/schema-model.js';
import {
  check,
  defineSchema,
  index,
  integer,
  numeric,
  pgEnum,
  sql,
  table,
  text,
  vector,
} from '../../src/schema/index.js';
import { openTestSession } from '../fixtures/migrations/test-session.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { type CliProject, createCliProject } from './cli-project.harness.js';

const GOLDEN_DIR = fileURLToPath(new URL('../golden/autogenerate/', import.meta.url));

/**
 * The generated file must be exactly the golden one, on both backends.
 * UPDATE_GOLDEN=1 npx vitest run test/db/autogenerate-revision.test.ts rewrites them.
 */
async function expectGolden(name: string, source: string): Promise<void> {
  const file = `${GOLDEN_DIR}${name}.ts.txt`;
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(file, source);
  expect(source).toBe(await readFile(file, 'utf8'));
}

const status = pgEnum('post_status', ['draft', 'published']);
const authors = table('authors', { id: integer().primaryKey(), name: text().notNull() });
const posts = table(
  'posts',
  {
    id: integer().primaryKey(),
    author_id: integer()
      .notNull()
      .references(() => authors.columns.id),
    title: text().notNull(),
    status: status().notNull().default('draft'),
    price: numeric(10, 2).notNull().default('0'),
    embedding: vector(3),
  },
  (t) => [index('posts_author_idx').on(t.author_id), check('posts_price_check', sql`${t.price} >= 0`)],
);
const V1 = defineSchema({ status, authors, posts }).model;

const status2 = pgEnum('post_status', ['draft', 'published', 'archived']);
/** `name` became `display_name` without saying so: a drop and an add, with a rename hint. */
const authors2 = table('authors', { id: integer().primaryKey(), display_name: text() });
const posts2 = table(
  'posts',
  {
    id: integer().primaryKey(),
    author_id: integer()
      .notNull()
      .references(() => authors2.columns.id),
    headline: text().notNull(),
    summary: text().notNull().default(''),
    status: status2().notNull().default('draft'),
    price: numeric(10, 2).notNull().default('0'),
    embedding: vector(3),
  },
  (t) => [
    index('posts_author_idx').on(t.author_id),
    index('posts_headline_idx').on(t.headline),
    check('posts_price_check', sql`${t.price} > 0`),
  ],
);
const comments = table('comments', {
  id: integer().primaryKey(),
  post_id: integer()
    .notNull()
    .references(() => posts2.columns.id, { onDelete: 'cascade' }),
  body: text().notNull(),
});
const V2 = defineSchema({ status: status2, authors: authors2, posts: posts2, comments }).model;

const DATE = new Date('2026-03-01T09:30:00Z');

describe('autogenerateRevision', () => {
  let testDb: TestDatabase;
  let session: MigrationSession;
  let project: CliProject;
  let atV1: SchemaModel;
  const context = (model: SchemaModel) => ({ migrations: project.migrations, db: session, model });

  beforeAll(async () => {
    testDb = await openTestDatabase();
    session = await openTestSession(testDb);
    project = await createCliProject();
  });
  afterAll(async () => {
    await session?.close();
    await testDb?.close();
    await project?.cleanup();
  });

  it('writes the first migration of a schema (golden)', async () => {
    const result = await autogenerateRevision(context(V1), {
      message: 'create blog',
      revision: 'a0a0a0a0a0a1',
      date: DATE,
    });
    expect(result.revision.fileName).toBe('20260301_0930_a0a0a0a0a0a1_create_blog.ts');
    await expectGolden('create-blog', result.revision.source);
    expect(result.changes.renameHints).toEqual([]);
  });

  it('gives a migration that runs, after which the database matches the schema', async () => {
    const run = await upgrade({ migrations: project.migrations, db: session }, 'head');
    expect(run.to).toEqual(['a0a0a0a0a0a1']);
    expect((await checkSchema(context(V1))).clean).toBe(true);
    atV1 = await introspect(session);
  });

  it('refuses with DATABASE_NOT_AT_HEAD while a revision is pending', async () => {
    const pending = await newRevision(
      { migrations: project.migrations },
      { message: 'pending', revision: 'a0a0a0a0a0ff', date: DATE, importFrom: 'strata' },
    );
    const error = await detectSchemaChanges(context(V2)).catch((e: unknown) => e);
    expect(isStrataError(error, 'DATABASE_NOT_AT_HEAD')).toBe(true);
    expect((error as Error).message).toContain('Pending: a0a0a0a0a0ff');
    await project.removeMigration(pending.fileName);
  });

  it('reports renames that match nothing instead of ignoring them silently', async () => {
    const changes = await detectSchemaChanges({
      ...context(V2),
      renames: { columns: { 'posts.title': 'headline', 'posts.nope': 'x' } },
    });
    expect(changes.unusedRenames).toEqual(['posts.nope=x']);
  });

  it('writes a change as a migration with destructive steps flagged and rename hints (golden)', async () => {
    const result = await autogenerateRevision(
      { ...context(V2), renames: { columns: { 'posts.title': 'headline' } } },
      { message: 'evolve blog', revision: 'a0a0a0a0a0a2', date: DATE },
    );
    await expectGolden('evolve-blog', result.revision.source);
    const { changes } = result;
    expect(changes.operations).toContainEqual({
      kind: 'renameColumn',
      table: { schema: 'public', name: 'posts' },
      from: 'title',
      to: 'headline',
    });
    expect(changes.renameHints.map((h) => [h.object, h.table, h.from, h.to])).toEqual([
      ['column', 'authors', 'name', 'display_name'],
    ]);
    expect(changes.destructive.map((w) => w.operation.kind)).toContain('dropColumn');
    expect(result.revision.source).toMatch(/\/\/ - DESTRUCTIVE: drops column authors\.name/);
    expect(result.revision.source).toMatch(/\/\/ DESTRUCTIVE: drops column authors\.name/);
  });

  it('upgrades to the new schema exactly, and downgrades back to the old one exactly', async () => {
    await upgrade({ migrations: project.migrations, db: session }, 'head');
    expect((await checkSchema(context(V2))).clean).toBe(true);
    await downgrade({ migrations: project.migrations, db: session }, '-1');
    expect(schemaDifferences(atV1, await introspect(session))).toEqual([]);
  });
});

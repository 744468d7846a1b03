import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CliProject,
  columnsOf,
  createCliProject,
  openProjectDb,
  type ProjectDb,
  publicTables,
} from './cli-project.harness.js';

const FIRST = 'a1a1a1a1a1a1';
const SECOND = 'b2b2b2b2b2b2';

const BLOG_V1 = `
export const status = pgEnum('post_status', ['draft', 'published']);
export const authors = table('authors', { id: integer().primaryKey(), name: text().notNull() });
export const posts = table(
  'posts',
  {
    id: integer().primaryKey(),
    author_id: integer().notNull().references(() => authors.columns.id),
    title: text().notNull(),
    status: status().notNull().default('draft'),
    price: numeric(10, 2).notNull().default('0'),
    embedding: vector(3),
  },
  (t) => [index('posts_author_idx').on(t.author_id), check('posts_price_check', sql\`\${t.price} >= 0\`)],
);
export const schema = defineSchema({ status, authors, posts });
`;

/** v1 with posts.title become headline, a new column and a new index. */
const BLOG_V2 = BLOG_V1.replace(
  'title: text().notNull()',
  "headline: text().notNull(),\n    summary: text().notNull().default('')",
).replace(
  "index('posts_author_idx').on(t.author_id)",
  "index('posts_author_idx').on(t.author_id), index('posts_headline_idx').on(t.headline)",
);

describe('strata revision --autogenerate, upgrade, check, downgrade', () => {
  let project: CliProject;
  let db: ProjectDb;

  beforeAll(async () => {
    db = await openProjectDb();
    project = await createCliProject({ db });
    await project.writeSchema(BLOG_V1);
  });
  afterAll(async () => {
    await db?.close();
    await project?.cleanup();
  });

  it('writes the first migration from the schema, naming what it found', async () => {
    const run = await project.run('revision', '-m', 'create blog', '--autogenerate', '--rev-id', FIRST);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const files = await project.migrationFiles();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^\\d{8}_\\d{4}_${FIRST}_create_blog\\.ts$`));
    expect(run.out).toContain(`Created ${project.migrations}/${files[0]}`);
    expect(run.out).toContain('create table posts');
    const source = await project.readMigration(files[0]!);
    expect(source).toContain("import { defineMigration } from 'strata';");
    expect(source).toContain('op.createTable(');
    expect(source).toContain("op.dropTable('posts'");
  });

  it('upgrades the database to head and says where it is', async () => {
    const run = await project.run('upgrade');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`upgrade ${FIRST} create blog`);
    expect(run.out).toContain(`Now at ${FIRST}.`);
    expect(await db.use(publicTables)).toEqual(['authors', 'posts']);
    const current = await project.run('current');
    expect(current.out).toContain(`${FIRST} (head), create blog`);
  });

  it('check finds nothing to do once the migration ran (exit 0)', async () => {
    const run = await project.run('check');
    expect(run.out).toContain('No new upgrade operations detected');
    expect(run.code).toBe(0);
  });

  it('check exits 1 and prints the operations when the schema changed', async () => {
    await project.writeSchema(BLOG_V2);
    const run = await project.run('check');
    expect(run.code).toBe(1);
    expect(run.out).toContain('add column posts.summary');
    expect(run.out).toContain('drop column posts.title');
    expect(run.err).toContain(
      'drop + add of posts.title/headline may be a rename: pass --rename-column posts.title=headline or declare renamedFrom',
    );
  });

  it('announces destructive operations and rename hints, and flags them in the file', async () => {
    const run = await project.run('revision', '-m', 'headline', '--autogenerate', '--rev-id', SECOND);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/DESTRUCTIVE: .*posts\.title/);
    expect(run.err).toContain('pass --rename-column posts.title=headline');
    const file = (await project.migrationFiles()).find((name) => name.includes(SECOND))!;
    const source = await project.readMigration(file);
    expect(source).toContain('// Warnings: review them before running this migration.');
    expect(source).toMatch(/\/\/ DESTRUCTIVE: .*title/);
    // Not what we want: generate it again as a rename.
    await project.removeMigration(file);
  });

  it('writes a rename when told with --rename-column, and nothing destructive', async () => {
    const run = await project.run(
      'revision',
      '-m',
      'headline',
      '--autogenerate',
      '--rev-id',
      SECOND,
      '--rename-column',
      'posts.title=headline',
    );
    expect(run.code).toBe(0);
    expect(run.out).toContain('rename column posts.title to headline');
    expect(run.err).not.toContain('DESTRUCTIVE');
    const file = (await project.migrationFiles()).find((name) => name.includes(SECOND))!;
    const source = await project.readMigration(file);
    expect(source).toContain(`parents: ['${FIRST}']`);
    expect(source).toContain("op.renameColumn('posts', 'title', 'headline');");
    expect(source).toContain("op.renameColumn('posts', 'headline', 'title');");
  });

  it('upgrades again, after which check is clean', async () => {
    const run = await project.run('upgrade', 'head');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`upgrade ${SECOND} headline`);
    expect(await db.use((e) => columnsOf(e, 'posts'))).toContain('headline');
    expect((await project.run('check')).code).toBe(0);
  });

  it('check leaves tables given with --ignore-table alone', async () => {
    await db.use((e) => e.exec('CREATE TABLE legacy_audit (id integer)'));
    const strict = await project.run('check');
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('drop table legacy_audit');
    expect((await project.run('check', '--ignore-table', 'legacy_audit')).code).toBe(0);
    await db.use((e) => e.exec('DROP TABLE legacy_audit'));
  });

  it('downgrade -1 goes back one revision, and current says so', async () => {
    const run = await project.run('downgrade', '-1');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`downgrade ${SECOND} headline`);
    expect(run.out).toContain(`Now at ${FIRST}.`);
    const columns = await db.use((e) => columnsOf(e, 'posts'));
    expect(columns).toContain('title');
    expect(columns).not.toContain('headline');
    expect(columns).not.toContain('summary');
    const current = await project.run('current');
    expect(current.out).toContain(`${FIRST}, create blog`);
    expect(current.out).not.toContain(`${FIRST} (head)`);
    expect(current.out).toContain(`pending: 1 revision(s): ${SECOND}`);
  });

  it('autogenerate and check refuse unless the database is at head (exit 2)', async () => {
    const revision = await project.run('revision', '-m', 'too early', '--autogenerate');
    expect(revision.code).toBe(2);
    expect(revision.err).toContain('[DATABASE_NOT_AT_HEAD]');
    expect(revision.err).toContain(`Pending: ${SECOND}`);
    expect((await project.run('check')).code).toBe(2);
    expect((await project.migrationFiles()).length).toBe(2);
  });

  it('history lists the revisions newest first and marks the current one with -i', async () => {
    const run = await project.run('history', '-i');
    expect(run.code).toBe(0);
    expect(run.out.trim().split('\n')).toEqual([
      `${FIRST} -> ${SECOND} (head), headline`,
      `<base> -> ${FIRST} (current), create blog`,
    ]);
    expect((await project.run('heads')).out.trim()).toBe(`${SECOND} (head), headline`);
  });

  it('stamp records a revision without running it', async () => {
    const base = await project.run('stamp', 'base');
    expect(base.code).toBe(0);
    expect(base.out).toContain(`Stamped: ${FIRST} -> base`);
    expect((await project.run('current')).out).toContain('base (no migration applied)');
    expect(await db.use(publicTables)).toEqual(['authors', 'posts']);
    const back = await project.run('stamp', FIRST);
    expect(back.out).toContain(`Stamped: base -> ${FIRST}`);
  });

  it('prints offline SQL for a range with --sql, without touching the database', async () => {
    const run = await project.run('upgrade', '--sql', `${FIRST}:head`);
    expect(run.code).toBe(0);
    expect(run.out).toContain('ALTER TABLE posts RENAME COLUMN title TO headline;');
    expect(run.out).not.toContain('CREATE TABLE posts');
    const down = await project.run('downgrade', '--sql', `head:${FIRST}`);
    expect(down.out).toContain('ALTER TABLE posts RENAME COLUMN headline TO title;');
    expect((await project.run('current')).out).toContain(`${FIRST}, create blog`);
  });
});

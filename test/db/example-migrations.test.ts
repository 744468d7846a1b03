/**
 * The committed migrations of the five examples: they are exactly what
 * examples/generate-migrations.ts writes, and they take an empty database to each stage's
 * schema (the last being the example's schema.ts) and back to empty.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLE_HISTORIES,
  EXAMPLE_NAMES,
  type ExampleName,
  type GeneratedMigration,
  writeExampleMigrations,
} from '../../examples/generate-migrations.js';
import { introspect } from '../../src/catalog/index.js';
import {
  canonicalizeModel,
  diffSchemas,
  downgrade,
  isMigrationFileName,
  type MigrationSession,
  openMigrationSession,
  type ScratchDatabaseFactory,
  upgrade,
} from '../../src/migrate/index.js';
import type { SchemaModel } from '../../src/model/index.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { objectNames, testScratch } from './example-harness.js';

const SCHEMAS: Record<ExampleName, () => Promise<SchemaModel>> = {
  agents: async () => (await import('../../examples/agents/schema.js')).schema.model,
  'job-search': async () => (await import('../../examples/job-search/schema.js')).schema.model,
  profiles: async () => (await import('../../examples/profiles/schema.js')).schema.model,
  documents: async () => (await import('../../examples/documents/schema.js')).schema.model,
  'users-posts': async () => (await import('../../examples/users-posts/schema.js')).schema.model,
};

let testDb: TestDatabase;
let session: MigrationSession;
let scratch: ReturnType<typeof testScratch>;
let factory: ScratchDatabaseFactory;

beforeAll(async () => {
  testDb = await openTestDatabase();
  session = await openMigrationSession(testDb.pglite ?? (testDb.url as string));
  scratch = testScratch();
  factory = scratch.factory;
});
afterAll(async () => {
  await session?.close();
  await scratch?.close();
  await testDb?.close();
});

/** What the database lacks or has more than `model`: the operations that would make it match. */
async function drift(model: SchemaModel) {
  return diffSchemas(await introspect(session), model).operations;
}

async function committedFiles(directory: string): Promise<string[]> {
  return (await readdir(directory)).filter(isMigrationFileName).sort();
}

describe.each(EXAMPLE_NAMES)('the %s example migrations', (name) => {
  const history = EXAMPLE_HISTORIES[name];
  let output: string;
  let generated: GeneratedMigration[];

  beforeAll(async () => {
    output = await mkdtemp(join(tmpdir(), `strata-example-${name}-`));
    generated = await writeExampleMigrations(history, { directory: output, scratch: factory });
  });
  afterAll(async () => {
    if (output !== undefined) await rm(output, { recursive: true, force: true });
  });

  it('are the files examples/generate-migrations.ts writes, byte for byte', async () => {
    const committed = await committedFiles(history.directory);
    expect(committed).toEqual(generated.map((g) => g.file.fileName));
    for (const g of generated) {
      const source = await readFile(join(history.directory, g.file.fileName), 'utf8');
      expect(source, g.file.fileName).toBe(g.file.source);
    }
  });

  it('end with the schema of schema.ts', async () => {
    expect(history.stages.at(-1)?.model).toBe(await SCHEMAS[name]());
  });

  it('bring a fresh database to exactly schema.ts at head', async () => {
    const result = await upgrade({ migrations: history.directory, db: session }, 'head');
    expect(result.kind === 'runResult' && result.steps.map((s) => s.revision)).toEqual(
      history.stages.map((s) => s.revision),
    );
    const target = await canonicalizeModel(await SCHEMAS[name](), factory);
    expect(await drift(target)).toEqual([]);
  });

  it('step down through every stage to an empty database, and up again', async () => {
    const context = { migrations: history.directory, db: session };
    for (const g of [...generated].reverse()) {
      expect(await drift(g.after), `at ${g.stage.revision}`).toEqual([]);
      await downgrade(context, '-1');
      expect(await drift(g.before), `below ${g.stage.revision}`).toEqual([]);
    }
    expect(objectNames(await introspect(session))).toEqual({ tables: [], enums: [], extensions: [] });
    for (const g of generated) {
      await upgrade(context, g.stage.revision);
      expect(await drift(g.after), `at ${g.stage.revision}`).toEqual([]);
    }
    await downgrade(context, 'base');
  });
});

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { StrataError } from '../errors/strata-error.js';

/** What `initProject` wrote. */
export interface InitResult {
  readonly kind: 'initResult';
  readonly root: string;
  readonly created: readonly string[];
}

const CONFIG = `import { defineConfig } from 'strata';

export default defineConfig({
  schema: './src/db/schema.ts',
  migrations: './migrations',
  // No url: an embedded PostgreSQL (PGlite + pgvector) in .strata/db. DATABASE_URL overrides it.
  database: { dataDir: '.strata/db' },
});
`;

const SCHEMA = `import { defineSchema, index, jsonb, table, text, timestamps, uuidPrimaryKey, vector } from 'strata/schema';

export const notes = table(
  'notes',
  {
    id: uuidPrimaryKey(),
    title: text().notNull(),
    body: text().notNull(),
    metadata: jsonb<Record<string, unknown>>().notNull().default({}),
    embedding: vector(384),
    ...timestamps(),
  },
  (t) => [index('notes_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops'))],
);

export const schema = defineSchema({ notes });
`;

/**
 * Scaffolds a Strata project in `root`: `strata.config.ts`, a schema module and an empty
 * `migrations/` folder. Refuses to overwrite any existing file, and writes nothing then.
 */
export function initProject(root: string = process.cwd()): InitResult {
  const base = resolve(root);
  const files: [string, string][] = [
    [join(base, 'strata.config.ts'), CONFIG],
    [join(base, 'src/db/schema.ts'), SCHEMA],
    [join(base, 'migrations/.gitkeep'), ''],
  ];
  const existing = files.filter(([file]) => existsSync(file)).map(([file]) => relative(base, file));
  if (existing.length > 0) {
    throw new StrataError(
      'USAGE',
      `Not initialising: ${existing.join(', ')} already exist(s). Remove them or edit them by hand.`,
      {
        existing,
      },
    );
  }
  for (const [file, content] of files) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { kind: 'initResult', root: base, created: files.map(([file]) => relative(base, file)) };
}

/**
 * Opens the knowledge base: connects (embedded PGlite by default, a server with a
 * `postgres://` URL or `DATABASE_URL`), migrates to head, and sets up the document store
 * (chunking, offline embeddings, search) and the file store on the connection.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { connect, type Database, redactUrl, resolveConnectionTarget } from '../../src/db/index.js';
import { type Embedder, hashingEmbedder } from '../../src/embed/index.js';
import { StrataError } from '../../src/errors/strata-error.js';
import { FileStore } from '../../src/files/index.js';
import { type DocumentStore, documentStore } from '../../src/ingest/index.js';
import { openMigrationSession, type RunResult, upgrade } from '../../src/migrate/run/index.js';
import { assertNever } from '../../src/util/assert-never.js';
import { documentChunks, documents, EMBEDDING_DIMENSIONS, type KnowledgeBaseDB } from './schema.js';

/** The folder of the knowledge base's migrations. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Largest file the knowledge base accepts: 10 MiB. */
export const MAX_FILE_SIZE = 10 * 1024 * 1024;

/** Where the knowledge base keeps its data (see `resolveConnectionTarget`). */
export interface KnowledgeBaseOptions {
  /** `postgres://…`, or `memory://` for a throwaway database. Default: `DATABASE_URL`, else `dataDir`. */
  readonly url?: string;
  /** Folder of the embedded database (default `.strata/db`). */
  readonly dataDir?: string;
  /** An open PGlite instance (with pgvector) to use instead; it stays open when the knowledge base closes. */
  readonly pglite?: PGlite;
  /** Embedder of documents and queries (default: the offline hashing embedder, 384 dimensions). */
  readonly embedder?: Embedder;
}

/** An open knowledge base. */
export interface KnowledgeBase {
  readonly db: Database<KnowledgeBaseDB>;
  readonly documents: DocumentStore<typeof documents, typeof documentChunks>;
  readonly files: FileStore;
  /** What the migration to head did when the knowledge base was opened. */
  readonly migration: RunResult;
  /** Where the data lives, for people: `embedded database in …` or the redacted server URL. */
  readonly location: string;
  close(): Promise<void>;
}

/**
 * Opens the knowledge base and migrates its database to head. On the embedded backend the
 * PGlite instance is shared by the migrations and the connection (PGlite has one connection);
 * on a server the migrations run on a connection of their own, under the migration lock.
 *
 * @example
 * ```ts
 * const kb = await openKnowledgeBase({ url: 'memory://' });
 * await kb.documents.ingest(kb.db, { title: 'Hello', content: 'Vector search in PostgreSQL.' });
 * await kb.close();
 * ```
 */
export async function openKnowledgeBase(options: KnowledgeBaseOptions = {}): Promise<KnowledgeBase> {
  const target = resolveConnectionTarget({
    ...(options.url === undefined ? {} : { url: options.url }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.pglite === undefined ? {} : { pglite: options.pglite }),
  });
  let pglite: PGlite | undefined;
  let db: Database<KnowledgeBaseDB>;
  let location: string;
  switch (target.kind) {
    case 'postgres':
      db = await connect<KnowledgeBaseDB>({ url: target.url });
      location = `PostgreSQL server ${redactUrl(target.url)}`;
      break;
    case 'pgliteMemory':
      pglite = await PGlite.create({ extensions: { vector } });
      db = await connect<KnowledgeBaseDB>({ pglite });
      location = 'in-memory embedded database';
      break;
    case 'pgliteDirectory':
      // Opened here, once, so that the migrations and the queries share the instance.
      pglite = await openDirectory(target.dataDir);
      db = await connect<KnowledgeBaseDB>({ pglite });
      location = `embedded database in ${target.dataDir}`;
      break;
    case 'pgliteInstance':
      pglite = target.pglite;
      db = await connect<KnowledgeBaseDB>({ pglite });
      location = 'the given PGlite instance';
      break;
    default:
      return assertNever(target, 'connection target');
  }
  const closeAll = async () => {
    await db.close();
    if (pglite !== undefined && target.kind !== 'pgliteInstance') await pglite.close();
  };
  try {
    const session = await openMigrationSession(target.kind === 'postgres' ? target.url : pglite!);
    let migration: RunResult;
    try {
      migration = await upgrade({ migrations: MIGRATIONS_DIR, db: session }, 'head', {
        onAfterRun: () => db.refreshTypes(),
      });
    } finally {
      await session.close();
    }
    const embedder = options.embedder ?? hashingEmbedder({ dimensions: EMBEDDING_DIMENSIONS });
    return {
      db,
      // Passages of a few sentences: a hit points at the paragraph that answers, not the whole document.
      documents: documentStore({
        documents,
        chunks: documentChunks,
        embedder,
        chunking: { size: 600, overlap: 100 },
      }),
      files: new FileStore(db, { maxSize: MAX_FILE_SIZE }),
      migration,
      location,
      close: closeAll,
    };
  } catch (error) {
    await closeAll().catch(() => undefined);
    throw error;
  }
}

async function openDirectory(dataDir: string): Promise<PGlite> {
  try {
    await mkdir(dataDir, { recursive: true });
    return await PGlite.create(dataDir, { extensions: { vector } });
  } catch (cause) {
    throw new StrataError(
      'CONNECTION_FAILED',
      `Could not open the embedded database in ${dataDir}: ${cause instanceof Error ? cause.message : String(cause)}. ` +
        'Check that the folder is writable and not used by another process (is the service already running?).',
      { dataDir },
      { cause },
    );
  }
}

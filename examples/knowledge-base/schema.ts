/**
 * The knowledge base's schema: the documents example (documents, their embedded chunks) plus
 * the file store's tables, so uploads live in the same database and migrations create them.
 */
import { filesTables } from '../../src/files/index.js';
import { type DatabaseOf, defineSchema } from '../../src/schema/index.js';
import { documentChunks, documents, EMBEDDING_DIMENSIONS } from '../documents/schema.js';

export { documentChunks, documents, EMBEDDING_DIMENSIONS };

export const schema = defineSchema({ documents, documentChunks, ...filesTables });

/** The Kysely database type of the knowledge base, inferred from the schema. */
export type KnowledgeBaseDB = DatabaseOf<typeof schema>;

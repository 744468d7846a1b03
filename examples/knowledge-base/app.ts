/**
 * The knowledge base's HTTP service: the endpoints generated from the schema (documents and
 * chunks), ingestion, files, search, the OpenAPI document and the web page, in one Fastify app.
 */
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { StrataError } from '../../src/errors/strata-error.js';
import {
  crudRoutes,
  crudRoutesWithStore,
  ERROR_BODY_SCHEMA,
  fileRoutes,
  httpErrorHandler,
  jsonSerializerCompiler,
  registerOpenApi,
  repositoryStoreFactory,
  strictSchemaErrorFormatter,
  strictValidatorCompiler,
  tableHttpColumns,
  tableJsonSchemas,
  toJsonValue,
} from '../../src/http/index.js';
import { repository } from '../../src/repo/index.js';
import { parseCorpusDocument } from './corpus.js';
import { type KnowledgeBase, MAX_FILE_SIZE } from './knowledge-base.js';
import { documentChunks, documents, type KnowledgeBaseDB } from './schema.js';
import { SEARCH_MODES, type SearchMode, searchKnowledgeBase } from './search.js';

const WEB_DIR = new URL('./web/', import.meta.url);

/** Options of `buildApp`. */
export interface AppOptions {
  /** Fastify's logger option (default off). */
  readonly logger?: FastifyServerOptions['logger'];
  /**
   * When set, every request that writes (ingest, update, delete, upload) needs
   * `Authorization: Bearer <token>`: the generated routes' per-route hooks at work.
   */
  readonly apiToken?: string;
}

const documentsRepo = repository(documents);
const chunksRepo = repository(documentChunks);

/** JSON Schema of a document to ingest: the documents table's create schema, with content required non-empty. */
function ingestBodySchema(): Record<string, unknown> {
  const create = tableJsonSchemas(tableHttpColumns(documents, { readOnly: ['id'] })).create;
  const properties = create.properties as Record<string, Record<string, unknown>>;
  return {
    ...create,
    title: 'document (ingest)',
    properties: {
      ...properties,
      content: {
        ...properties.content,
        minLength: 1,
        description: 'The text, markdown welcome; it is chunked and embedded.',
      },
      metadata: {
        type: 'object',
        description: 'Any JSON object; `tags` (an array of strings) is used by search filters.',
      },
    },
  };
}

function bearerHook(token: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.headers.authorization !== `Bearer ${token}`) {
      await reply.code(401).header('www-authenticate', 'Bearer').send({
        statusCode: 401,
        error: 'Unauthorized',
        code: 'UNAUTHORIZED',
        message:
          'This request changes the knowledge base: send Authorization: Bearer <token> (the KB_API_TOKEN of the server).',
      });
    }
  };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

const TEXT_TYPES = /^(text\/[\w.+-]+|application\/(json|xml|x-markdown|markdown))\s*(;|$)/i;

/**
 * Builds the service on an open knowledge base. Routes (all JSON, errors as `HttpErrorBody`):
 * - `GET /` the web page; `GET /openapi.json` the OpenAPI 3.1 document,
 * - `POST /api/documents` ingest a document (chunked, embedded, stored in one transaction),
 *   `PUT /api/documents/:id` re-ingest it, and the generated `GET /api/documents`,
 *   `GET|PATCH|DELETE /api/documents/:id`, `DELETE /api/documents/:id/hard`,
 * - `GET /api/chunks`, `GET /api/chunks/:id` (generated, read-only),
 * - `GET /api/search?q=&mode=hybrid|vector|text&limit=&tag=&document_id=`,
 * - `POST /api/files?name=`, `GET /api/files`, `GET /api/files/:id`, `DELETE /api/files/:id`,
 *   `POST /api/files/:id/ingest` (a text or markdown file becomes a document),
 * - `GET /api/health`.
 *
 * @example
 * ```ts
 * const app = await buildApp(kb);
 * await app.listen({ port: 3000, host: '127.0.0.1' });
 * ```
 */
export async function buildApp(kb: KnowledgeBase, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, schemaErrorFormatter: strictSchemaErrorFormatter });
  app.setValidatorCompiler(strictValidatorCompiler);
  app.setSerializerCompiler(jsonSerializerCompiler);
  app.setErrorHandler(httpErrorHandler);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      statusCode: 404,
      error: 'Not Found',
      code: 'NOT_FOUND',
      message: `No route ${request.method} ${request.url.split('?')[0]}; the API is described at /openapi.json.`,
    }),
  );
  await registerOpenApi(app, {
    title: 'Strata knowledge base',
    version: '1.0.0',
    description: 'Documents, passages, search and files, with endpoints generated from the Strata schema.',
  });
  const writeHooks = options.apiToken === undefined ? {} : { onRequest: bearerHook(options.apiToken) };

  // The web page.
  const [indexHtml, appJs, styleCss] = await Promise.all(
    ['index.html', 'app.js', 'style.css'].map((name) => readFile(new URL(name, WEB_DIR), 'utf8')),
  );
  const asset = (type: string, body: string) => async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type(type).header('cache-control', 'no-cache').send(body);
  app.get('/', { schema: { hide: true } }, asset('text/html; charset=utf-8', indexHtml!));
  app.get('/assets/app.js', { schema: { hide: true } }, asset('text/javascript; charset=utf-8', appJs!));
  app.get('/assets/style.css', { schema: { hide: true } }, asset('text/css; charset=utf-8', styleCss!));

  // Documents: the generated endpoints, minus create (documents come in through ingestion, which
  // chunks and embeds them) and with content read-only (changing it goes through re-ingestion).
  const documentStoreFor = repositoryStoreFactory<KnowledgeBaseDB>(documents);
  crudRoutesWithStore(
    app,
    {
      table: documents,
      session: kb.db,
      prefix: '/api/documents',
      routes: ['read', 'list', 'update', 'delete', 'hardDelete'],
      readOnly: ['content'],
      filters: ['title', 'source', 'created_at', 'updated_at'],
      sortable: ['title', 'created_at', 'updated_at'],
      defaultSort: '-created_at',
      tags: ['documents'],
      route: { update: writeHooks, delete: writeHooks, hardDelete: writeHooks },
    },
    (session) => {
      const store = documentStoreFor(session);
      return {
        ...store,
        // Soft-deleting a document soft-deletes its passages in the same transaction, so search stops finding them.
        remove: async (key, mode) => {
          const removed = await store.remove(key, mode);
          if (removed && mode === 'soft') {
            await chunksRepo.with(session).deleteWhere({ document_id: String(key.id) });
          }
          return removed;
        },
      };
    },
  );
  crudRoutes(app, {
    table: documentChunks,
    session: kb.db,
    prefix: '/api/chunks',
    routes: ['read', 'list'],
    omit: ['search_vector'],
    filters: ['document_id', 'chunk_index', 'embedding_model'],
    defaultSort: 'document_id,chunk_index',
    tags: ['chunks'],
  });

  const bodySchema = ingestBodySchema();
  const documentSchema = tableJsonSchemas(tableHttpColumns(documents)).row;
  const ingestAnswer = {
    type: 'object',
    properties: {
      document: documentSchema,
      ingest: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: ['created', 'updated', 'unchanged'] },
          chunks: { type: 'integer' },
          embedded: { type: 'integer' },
          model: { type: 'string' },
        },
      },
    },
  };
  const responseRow = (row: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const column of tableHttpColumns(documents).response)
      out[column.columnName] = toJsonValue(row[column.columnName]);
    return out;
  };
  const ingest = async (input: {
    id?: string;
    title: string;
    content: string;
    source?: string | null;
    metadata?: Record<string, unknown>;
  }) => {
    const result = await kb.documents.ingest(kb.db, input, { progress: false });
    const row = await documentsRepo.with(kb.db).getOrThrow(String(result.documentId));
    return {
      document: responseRow(row),
      ingest: {
        status: result.status,
        chunks: result.chunks,
        embedded: result.embedded,
        model: result.model,
      },
    };
  };

  app.post(
    '/api/documents',
    {
      ...writeHooks,
      schema: {
        tags: ['documents'],
        operationId: 'ingestDocument',
        summary: 'Ingest a document: chunk, embed and store it (one transaction)',
        body: bodySchema,
        response: { 201: ingestAnswer, 400: ERROR_BODY_SCHEMA },
      },
    },
    async (request, reply) => {
      const answer = await ingest(request.body as Parameters<typeof ingest>[0]);
      return reply
        .code(201)
        .header('location', `/api/documents/${String(answer.document.id)}`)
        .send(answer);
    },
  );

  app.put(
    '/api/documents/:id',
    {
      ...writeHooks,
      schema: {
        tags: ['documents'],
        operationId: 'reingestDocument',
        summary: 'Replace a document and its passages (re-chunked and re-embedded when the content changed)',
        params: tableJsonSchemas(tableHttpColumns(documents)).params,
        body: bodySchema,
        response: { 200: ingestAnswer, 400: ERROR_BODY_SCHEMA, 404: ERROR_BODY_SCHEMA },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      if ((await documentsRepo.with(kb.db).get(id, { select: ['id'] })) === undefined) {
        throw new StrataError('NOT_FOUND', `No document with id ${id} (or it was deleted).`, { id });
      }
      return ingest({ ...(request.body as Parameters<typeof ingest>[0]), id });
    },
  );

  // Search.
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        operationId: 'search',
        summary: 'Search the passages: hybrid (default), vector or full text, with filters',
        querystring: {
          type: 'object',
          required: ['q'],
          additionalProperties: false,
          properties: {
            q: {
              type: 'string',
              minLength: 1,
              maxLength: 500,
              description: 'What to look for (websearch syntax for text).',
            },
            mode: { type: 'string', enum: [...SEARCH_MODES], default: 'hybrid' },
            limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
            tag: {
              type: 'string',
              minLength: 1,
              maxLength: 100,
              description: 'Only documents with this tag.',
            },
            document_id: { type: 'string', format: 'uuid', description: 'Only this document.' },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              query: { type: 'string' },
              mode: { type: 'string' },
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    chunkId: { type: 'string' },
                    documentId: { type: 'string' },
                    chunkIndex: { type: 'integer' },
                    title: { type: 'string' },
                    source: { type: ['string', 'null'] },
                    snippet: { type: 'string' },
                    score: { type: 'number' },
                  },
                },
              },
            },
          },
          400: ERROR_BODY_SCHEMA,
        },
      },
    },
    async (request) => {
      const query = request.query as {
        q: string;
        mode: SearchMode;
        limit: number;
        tag?: string;
        document_id?: string;
      };
      if (query.q.trim() === '')
        throw new StrataError('SEARCH_INVALID', 'The query is blank: give words to search for.');
      return searchKnowledgeBase(kb, {
        q: query.q,
        mode: query.mode,
        limit: query.limit,
        ...(query.tag === undefined ? {} : { tag: query.tag }),
        ...(query.document_id === undefined ? {} : { documentId: query.document_id }),
      });
    },
  );

  // Files, and ingestion of an uploaded text file.
  await fileRoutes(app, {
    store: kb.files,
    prefix: '/api/files',
    maxSize: MAX_FILE_SIZE,
    route: { upload: writeHooks, delete: writeHooks },
  });
  app.post(
    '/api/files/:id/ingest',
    {
      ...writeHooks,
      schema: {
        tags: ['files', 'documents'],
        operationId: 'ingestFile',
        summary: 'Ingest an uploaded text or markdown file as a document',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 201: ingestAnswer, 404: ERROR_BODY_SCHEMA, 415: ERROR_BODY_SCHEMA },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { file, stream } = await kb.files.get(id);
      if (!TEXT_TYPES.test(file.contentType)) {
        stream.destroy();
        return reply.code(415).send({
          statusCode: 415,
          error: 'Unsupported Media Type',
          code: 'FILE_INVALID',
          message: `File ${file.name} is ${file.contentType}; only text files (text/*, markdown, JSON) can be ingested.`,
        });
      }
      const text = (await readAll(stream)).toString('utf8');
      const parsed = parseCorpusDocument(text, `file:${file.id}`);
      if (parsed.content === '')
        throw new StrataError('FILE_INVALID', `File ${file.name} has no text to ingest.`, { id });
      const answer = await ingest({
        title: parsed.title.slice(0, 300),
        content: parsed.content,
        source: `/api/files/${file.id}`,
        metadata: { tags: [...parsed.metadata.tags], file: { id: file.id, name: file.name } },
      });
      return reply
        .code(201)
        .header('location', `/api/documents/${String(answer.document.id)}`)
        .send(answer);
    },
  );

  app.get(
    '/api/health',
    { schema: { tags: ['service'], operationId: 'health', summary: 'Liveness and counts' } },
    async () => ({
      status: 'ok',
      database: kb.location,
      documents: await documentsRepo.with(kb.db).count(),
      chunks: await chunksRepo.with(kb.db).count(),
    }),
  );

  return app;
}

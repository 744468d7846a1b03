import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

/** Options of `registerOpenApi`. */
export interface OpenApiOptions {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  /** Where the document is served (default `/openapi.json`); `false` to serve none (read it with `app.swagger()`). */
  readonly path?: string | false;
}

/**
 * Makes the app describe its routes in an OpenAPI 3.1 document (with `@fastify/swagger`) and
 * serves it as JSON. Await it before adding routes: routes added earlier are not seen.
 * The JSON Schemas `crudRoutes` derives from the tables become the document's request and
 * response schemas.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { connect } from 'strata';
 * import { crudRoutes, registerOpenApi } from 'strata/http';
 * import { table, text, uuidPrimaryKey } from 'strata/schema';
 *
 * const documents = table('documents', { id: uuidPrimaryKey(), title: text().notNull() });
 * const db = await connect();
 * const app = Fastify();
 * await registerOpenApi(app, { title: 'Knowledge base', version: '1.0.0' });
 * crudRoutes(app, { table: documents, session: db });
 * await app.ready();
 * const document = app.swagger(); // also at GET /openapi.json
 * ```
 */
export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: options.title,
        version: options.version,
        ...(options.description === undefined ? {} : { description: options.description }),
      },
    },
  });
  const path = options.path ?? '/openapi.json';
  if (path !== false) {
    app.get(path, { schema: { hide: true } }, async () => app.swagger());
  }
}

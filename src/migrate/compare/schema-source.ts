import { redactUrl } from '../../db/connection-target.js';
import { StrataError } from '../../errors/strata-error.js';
import { assertNever } from '../../util/assert-never.js';

/**
 * Where a schema to compare comes from: a live database (a server, or an embedded PGlite
 * folder), the project's schema module, or the project's migrations at a revision.
 */
export type SchemaSource =
  | { readonly kind: 'serverDatabase'; readonly url: string }
  /** A PGlite data folder, as written (resolved against the working directory when loaded). */
  | { readonly kind: 'pgliteDirectory'; readonly dataDir: string }
  /** The project's schema module, or the given one (as written). */
  | { readonly kind: 'projectSchema'; readonly file: string | undefined }
  /** The schema the project's migrations build when upgraded to `target` from base. */
  | { readonly kind: 'migrations'; readonly target: string };

const ACCEPTED =
  'Use postgres://user@host/db for a server, pglite:PATH for an embedded database folder, ' +
  'schema: (or schema:path/to/schema.ts) for the project schema, or migrations:head / migrations:REV ' +
  "for the schema the project's migrations build";

/**
 * Parses the text of `strata diff --from/--to`.
 *
 * @example
 * ```ts
 * parseSchemaSource('migrations:head'); // { kind: 'migrations', target: 'head' }
 * parseSchemaSource('pglite:./.strata/db'); // { kind: 'pgliteDirectory', dataDir: './.strata/db' }
 * parseSchemaSource('schema:'); // { kind: 'projectSchema', file: undefined }
 * ```
 */
export function parseSchemaSource(text: string): SchemaSource {
  const trimmed = text.trim();
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase();
  const rest = scheme === undefined ? '' : trimmed.slice(scheme.length + 1);
  switch (scheme) {
    case 'postgres':
    case 'postgresql':
      return { kind: 'serverDatabase', url: trimmed };
    case 'pglite':
      if (rest.trim() === '') {
        throw new StrataError('USAGE', `"${trimmed}" names no folder: write pglite:./.strata/db`, {
          source: trimmed,
        });
      }
      return { kind: 'pgliteDirectory', dataDir: rest };
    case 'schema':
      return { kind: 'projectSchema', file: rest.trim() === '' ? undefined : rest.trim() };
    case 'migrations':
      return { kind: 'migrations', target: rest.trim() === '' ? 'heads' : rest.trim() };
    case 'memory':
      throw new StrataError(
        'USAGE',
        `"${trimmed}" is a new, empty in-memory database each time it is opened, so there is nothing to compare. ${ACCEPTED}.`,
        { source: trimmed },
      );
    default:
      throw new StrataError('USAGE', `"${redactUrl(trimmed)}" is not a schema to compare. ${ACCEPTED}.`, {
        source: redactUrl(trimmed),
      });
  }
}

/** How a source is named in messages (passwords hidden). */
export function describeSchemaSource(source: SchemaSource): string {
  switch (source.kind) {
    case 'serverDatabase':
      return redactUrl(source.url);
    case 'pgliteDirectory':
      return `pglite:${source.dataDir}`;
    case 'projectSchema':
      return source.file === undefined ? 'schema:' : `schema:${source.file}`;
    case 'migrations':
      return `migrations:${source.target}`;
    default:
      return assertNever(source, 'schema source');
  }
}

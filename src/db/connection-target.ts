import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { StrataError } from '../errors/strata-error.js';

/** Where `connect()` goes, decided from its options and the environment. */
export type ConnectionTarget =
  | { readonly kind: 'pgliteDirectory'; readonly dataDir: string }
  | { readonly kind: 'pgliteMemory' }
  | { readonly kind: 'pgliteInstance'; readonly pglite: PGlite }
  | { readonly kind: 'postgres'; readonly url: string; readonly source: 'url option' | 'DATABASE_URL' };

/** The options that choose a target (a subset of `ConnectOptions`). */
export interface TargetOptions {
  readonly url?: string;
  readonly dataDir?: string;
  readonly pglite?: PGlite;
}

/** Folder of the embedded database when neither a URL nor a folder is given, relative to the working directory. */
export const DEFAULT_DATA_DIR = '.strata/db';

const ACCEPTED_FORMS =
  'Accepted: postgres://user:password@host:5432/database (or postgresql://) for a PostgreSQL server, ' +
  'memory:// for a throwaway in-memory PGlite, or no url (and no DATABASE_URL) for an embedded PGlite ' +
  `stored in ${DEFAULT_DATA_DIR} (choose the folder with the dataDir option).`;

/**
 * Decides where to connect. In order: `pglite` (wrap that instance), `url`, `dataDir`
 * (embedded PGlite in that folder), the `DATABASE_URL` environment variable, and finally an
 * embedded PGlite in `.strata/db`. Options that contradict each other are refused.
 *
 * @example
 * ```ts
 * resolveConnectionTarget({ url: 'memory://' }); // { kind: 'pgliteMemory' }
 * resolveConnectionTarget({}, { env: {}, cwd: '/app' }); // { kind: 'pgliteDirectory', dataDir: '/app/.strata/db' }
 * ```
 */
export function resolveConnectionTarget(
  options: TargetOptions,
  environment: { readonly env?: Readonly<Record<string, string | undefined>>; readonly cwd?: string } = {},
): ConnectionTarget {
  const env = environment.env ?? process.env;
  const cwd = environment.cwd ?? process.cwd();
  const given = (['url', 'dataDir', 'pglite'] as const).filter((key) => options[key] !== undefined);
  if (given.length > 1) {
    throw new StrataError(
      'CONFIG_INVALID',
      `Pass only one of url, dataDir and pglite to connect(); got ${given.join(' and ')}.`,
      { options: given },
    );
  }
  if (options.pglite !== undefined) return { kind: 'pgliteInstance', pglite: options.pglite };
  if (options.url !== undefined) return parseDatabaseUrl(options.url, 'url option');
  if (options.dataDir !== undefined) {
    if (typeof options.dataDir !== 'string' || options.dataDir.trim() === '') {
      throw new StrataError('CONFIG_INVALID', 'dataDir must be a non-empty folder path.', {
        option: 'dataDir',
      });
    }
    return { kind: 'pgliteDirectory', dataDir: path.resolve(cwd, options.dataDir) };
  }
  const fromEnv = env.DATABASE_URL;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseDatabaseUrl(fromEnv, 'DATABASE_URL');
  return { kind: 'pgliteDirectory', dataDir: path.resolve(cwd, DEFAULT_DATA_DIR) };
}

function parseDatabaseUrl(url: string, source: 'url option' | 'DATABASE_URL'): ConnectionTarget {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new StrataError('CONFIG_INVALID', `The ${source} is empty. ${ACCEPTED_FORMS}`, { source });
  }
  const text = url.trim();
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    throw new StrataError(
      'CONFIG_INVALID',
      `The ${source} has no scheme (it looks like a path?). To keep an embedded database in a folder, ` +
        `pass { dataDir: '...' }. ${ACCEPTED_FORMS}`,
      { source },
    );
  }
  if (scheme === 'memory') {
    if (text.slice('memory:'.length).replace(/^\/\//, '') !== '') {
      throw new StrataError('CONFIG_INVALID', `memory:// takes no host or path; got ${text}.`, { source });
    }
    return { kind: 'pgliteMemory' };
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    try {
      new URL(text);
    } catch (cause) {
      throw new StrataError(
        'CONFIG_INVALID',
        `The ${source} is not a valid URL (${redactUrl(text)}). Percent-encode special characters in the ` +
          `user name and password. ${ACCEPTED_FORMS}`,
        { source },
        { cause },
      );
    }
    return { kind: 'postgres', url: text, source };
  }
  throw new StrataError(
    'CONFIG_INVALID',
    `Unsupported database URL scheme "${scheme}:" in the ${source}. ${ACCEPTED_FORMS}`,
    {
      source,
      scheme,
    },
  );
}

/** The URL with its password replaced by `***`, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

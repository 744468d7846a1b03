import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StrataError } from '../../errors/strata-error.js';
import { migrationChecksum } from './checksum.js';
import { contextGraph, type MigrationContext } from './migration-context.js';
import { migrationFileName } from './migration-file-name.js';
import { renderMigrationFile } from './render-migration-file.js';
import { ancestorsOf, buildRevisionGraph, type RevisionGraph } from './revision-graph.js';
import { parseTarget, resolveTarget } from './target.js';
import { toMigrationScript } from './to-migration-script.js';

export interface NewRevisionOptions {
  readonly message: string;
  /**
   * Parents as revision ids, prefixes, branch labels or targets (`heads`, `LABEL@head`).
   * Default `['head']`: the single head of the migrations folder (MULTIPLE_HEADS when there
   * are several: name one, pass `['heads']`, or `merge()` first).
   */
  readonly parents?: readonly string[];
  /** Pre-rendered body of `up(op)` (e.g. from autogenerate). */
  readonly up?: string;
  /** Pre-rendered body of `down(op)`. */
  readonly down?: string;
  /** Written as comments in the file for the developer to review. */
  readonly warnings?: readonly string[];
  readonly branchLabels?: readonly string[];
  /** `false` writes `transactional: false`. */
  readonly transactional?: boolean;
  /** Revision id to use instead of a random 12-hex-digit one. */
  readonly revision?: string;
  /** Creation time for the file name (default now). */
  readonly date?: Date;
  /** Module the file imports `defineMigration` from (default `strata`). */
  readonly importFrom?: string;
}

/** A migration file `newRevision` or `merge` wrote. */
export interface NewRevisionResult {
  readonly kind: 'newRevision';
  readonly revision: string;
  readonly parents: readonly string[];
  readonly message: string;
  /** Absolute path of the new file. */
  readonly file: string;
  readonly fileName: string;
  readonly source: string;
}

function directoryOf(context: MigrationContext, graph: RevisionGraph, command: string): string {
  const directory = typeof context.migrations === 'string' ? context.migrations : graph.directory;
  if (directory === undefined) {
    throw new StrataError(
      'USAGE',
      `${command} needs a migrations folder to write to; pass its path as context.migrations`,
    );
  }
  return resolve(directory);
}

function freshRevisionId(graph: RevisionGraph): string {
  for (;;) {
    const id = randomBytes(6).toString('hex');
    // Keep every id a unique prefix of itself, so short prefixes stay usable.
    const clash = [...graph.byRevision.keys()].some((other) => other.startsWith(id) || id.startsWith(other));
    if (!clash) return id;
  }
}

function resolveParents(graph: RevisionGraph, refs: readonly string[]): string[] {
  const parents: string[] = [];
  for (const ref of refs) {
    const resolved = resolveTarget(graph, parseTarget(ref), undefined);
    if (resolved.kind === 'revisions') {
      for (const id of resolved.revisions) if (!parents.includes(id)) parents.push(id);
    }
  }
  for (const parent of parents) {
    const redundant = parents.find(
      (other) => other !== parent && ancestorsOf(graph, [other], false).has(parent),
    );
    if (redundant !== undefined) {
      throw new StrataError(
        'USAGE',
        `Parent ${parent} is an ancestor of parent ${redundant}: a revision's parents must be on different branches`,
        { parents },
      );
    }
  }
  return parents;
}

async function writeRevision(
  context: MigrationContext,
  graph: RevisionGraph,
  parents: readonly string[],
  options: NewRevisionOptions & { readonly placeholder?: string },
  command: string,
): Promise<NewRevisionResult> {
  const directory = directoryOf(context, graph, command);
  const revision = options.revision ?? freshRevisionId(graph);
  const date = options.date ?? new Date();
  const fileName = migrationFileName(revision, options.message, date);
  const file = join(directory, fileName);
  const source = renderMigrationFile({
    revision,
    parents,
    message: options.message,
    branchLabels: options.branchLabels,
    transactional: options.transactional,
    up: options.up,
    down: options.down,
    warnings: options.warnings,
    placeholder: options.placeholder,
    importFrom: options.importFrom,
    date,
  });
  // Validate the new revision against the folder before anything is written.
  const script = toMigrationScript(
    {
      revision,
      parents,
      message: options.message,
      branchLabels: options.branchLabels,
      transactional: options.transactional,
      up: () => undefined,
    },
    file,
    migrationChecksum(source),
  );
  buildRevisionGraph([...graph.ordered, script], directory);
  await mkdir(directory, { recursive: true });
  await writeFile(file, source, { encoding: 'utf8', flag: 'wx' });
  return { kind: 'newRevision', revision, parents, message: options.message, file, fileName, source };
}

/**
 * Writes a new migration file whose parent is the current head (or the given parents),
 * with the given `up` / `down` code or placeholders to fill in. Returns what it wrote.
 *
 * @example
 * ```ts
 * const created = await newRevision({ migrations: './migrations' }, {
 *   message: 'add documents',
 *   up: "op.sql('CREATE TABLE documents (id bigint PRIMARY KEY)');",
 *   down: "op.sql('DROP TABLE documents');",
 * });
 * created.fileName; // '20261122_1104_3f2a9c1b7d4e_add_documents.ts'
 * ```
 */
export async function newRevision(
  context: MigrationContext,
  options: NewRevisionOptions,
): Promise<NewRevisionResult> {
  const graph = await contextGraph(context);
  const parents = resolveParents(graph, options.parents ?? ['head']);
  return writeRevision(context, graph, parents, options, 'newRevision');
}

/** Options of `merge` besides the revisions and message. */
export type MergeOptions = Pick<NewRevisionOptions, 'revision' | 'date' | 'importFrom' | 'branchLabels'>;

/**
 * Writes an empty revision whose parents are the given revisions (default: every head),
 * joining their branches into one head.
 *
 * @example
 * ```ts
 * await merge({ migrations: './migrations' }, ['heads'], 'merge search and billing');
 * ```
 */
export async function merge(
  context: MigrationContext,
  revisions: readonly string[],
  message: string,
  options: MergeOptions = {},
): Promise<NewRevisionResult> {
  const graph = await contextGraph(context);
  const parents = resolveParents(graph, revisions.length === 0 ? ['heads'] : revisions);
  if (parents.length < 2) {
    throw new StrataError(
      'USAGE',
      `merge needs at least two revisions on different branches; ${revisions.join(', ') || 'heads'} resolved to ${parents.join(', ') || 'nothing'}`,
      { revisions: parents },
    );
  }
  return writeRevision(
    context,
    graph,
    parents,
    { ...options, message, placeholder: 'A merge revision: nothing to run.' },
    'merge',
  );
}

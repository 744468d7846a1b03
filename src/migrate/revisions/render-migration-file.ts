/** What `renderMigrationFile` writes. */
export interface MigrationFileSpec {
  readonly revision: string;
  readonly parents: readonly string[];
  readonly message: string;
  readonly branchLabels?: readonly string[];
  readonly transactional?: boolean;
  /** Body of `up(op) { … }` (statements using `op`); a placeholder comment when omitted. */
  readonly up?: string;
  /** Body of `down(op) { … }`. */
  readonly down?: string;
  /** Written as comments above the migration, for the developer to review. */
  readonly warnings?: readonly string[];
  /** Comment used when `up` / `down` are empty. */
  readonly placeholder?: string;
  /** Module that exports `defineMigration` (default `strata`). */
  readonly importFrom?: string;
  readonly date: Date;
}

/** A single-quoted TypeScript string literal. */
export function tsString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `'${escaped}'`;
}

function stringArray(values: readonly string[]): string {
  return `[${values.map(tsString).join(', ')}]`;
}

function body(code: string | undefined, placeholder: string): string {
  const text = (code ?? '').replace(/\s+$/, '');
  const lines = text.trim() === '' ? [`// ${placeholder}`] : text.replace(/^\n+/, '').split('\n');
  return lines.map((line) => (line.trim() === '' ? '' : `    ${line}`)).join('\n');
}

function commentLines(text: string, first: string, rest: string): string[] {
  return text.split(/\r?\n/).map((line, i) => `${i === 0 ? first : rest}${line}`.trimEnd());
}

/**
 * Source text of a migration file. The id, parents and message are written as literals,
 * so the file is the single source of truth the loader reads back.
 *
 * @example
 * ```ts
 * renderMigrationFile({ revision: '3f2a9c1b7d4e', parents: [], message: 'add documents', date: new Date(),
 *   up: "op.sql('CREATE TABLE documents (id bigint PRIMARY KEY)');", down: "op.sql('DROP TABLE documents');" });
 * ```
 */
export function renderMigrationFile(spec: MigrationFileSpec): string {
  const placeholder = spec.placeholder ?? "Record operations on op, e.g. op.sql('ALTER TABLE ...');";
  const safeMessage = spec.message.replace(/\*\//g, '*\\/');
  const doc = [
    '/**',
    ...commentLines(safeMessage || '(no message)', ' * ', ' * '),
    ' *',
    ` * Revision: ${spec.revision}`,
    ` * Parents: ${spec.parents.length === 0 ? '(none: a base revision)' : spec.parents.join(', ')}`,
    ` * Created: ${spec.date.toISOString()}`,
    ' */',
  ];
  const warnings =
    spec.warnings && spec.warnings.length > 0
      ? [
          '// Warnings: review them before running this migration.',
          ...spec.warnings.flatMap((warning) => commentLines(warning, '// - ', '//   ')),
        ]
      : [];
  const options = [
    `  revision: ${tsString(spec.revision)},`,
    `  parents: ${stringArray(spec.parents)},`,
    `  message: ${tsString(spec.message)},`,
    ...(spec.branchLabels && spec.branchLabels.length > 0
      ? [`  branchLabels: ${stringArray(spec.branchLabels)},`]
      : []),
    ...(spec.transactional === false ? ['  transactional: false,'] : []),
    '  up(op) {',
    body(spec.up, placeholder),
    '  },',
    '  down(op) {',
    body(spec.down, placeholder),
    '  },',
  ];
  return [
    `import { defineMigration } from ${tsString(spec.importFrom ?? 'strata')};`,
    '',
    ...doc,
    ...warnings,
    'export default defineMigration({',
    ...options,
    '});',
    '',
  ].join('\n');
}

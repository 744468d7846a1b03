import type { MigrationDirection, PreparedStep } from './prepare-step.js';
import { CREATE_VERSION_TABLE, deleteVersionRowSql, insertVersionRowSql } from './version-table.js';

/** A statement terminated with `;` (a trailing line comment would swallow it, so it goes on its own line). */
function terminated(sql: string): string {
  const text = sql.trim();
  if (text.endsWith(';')) return text;
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  return lastLine.includes('--') ? `${text}\n;` : `${text};`;
}

function versionSql(step: PreparedStep): string {
  return step.direction === 'up'
    ? insertVersionRowSql(step.script)
    : deleteVersionRowSql(step.script.revision);
}

function stepSql(step: PreparedStep): string[] {
  const { script, direction } = step;
  const arrow =
    direction === 'up'
      ? `${script.parents.join(', ') || 'base'} -> ${script.revision}`
      : `${script.revision} -> ${script.parents.join(', ') || 'base'}`;
  const lines = [
    `-- Running ${direction === 'up' ? 'upgrade' : 'downgrade'} ${arrow}: ${script.message} (${script.fileName})`,
  ];
  if (step.mode === 'autocommit') lines.push('-- transactional: false: each statement commits on its own');
  const parts = step.parts;
  for (const [i, part] of parts.entries()) {
    if (part.kind === 'transaction') {
      lines.push('BEGIN;', ...part.statements.map(terminated));
      if (i === parts.length - 1) lines.push(versionSql(step));
      lines.push('COMMIT;');
    } else {
      if (part.reason === 'statement')
        lines.push('-- Outside a transaction: PostgreSQL refuses this statement inside one.');
      lines.push(terminated(part.statement));
    }
  }
  if (parts.at(-1)?.kind !== 'transaction') lines.push('BEGIN;', versionSql(step), 'COMMIT;');
  return lines;
}

/**
 * The SQL script of a run, for a DBA to review or apply with
 * `psql -v ON_ERROR_STOP=1 -f script.sql`: per migration, BEGIN, its statements, the
 * version-table change and COMMIT (statements that cannot run in a transaction stand
 * outside it, as the online runner runs them).
 */
export function renderOfflineScript(
  steps: readonly PreparedStep[],
  options: { readonly direction: MigrationDirection; readonly range: string },
): string {
  const header = [
    `-- Strata offline ${options.direction === 'up' ? 'upgrade' : 'downgrade'} ${options.range}`,
    `-- Revisions: ${steps.map((s) => s.script.revision).join(', ') || '(none: nothing to do)'}`,
    '-- Apply with: psql -v ON_ERROR_STOP=1 -f <this file>',
  ].join('\n');
  const blocks: string[][] = [[header]];
  if (options.direction === 'up') blocks.push([`${CREATE_VERSION_TABLE};`]);
  for (const step of steps) blocks.push(stepSql(step));
  return `${blocks.map((block) => block.join('\n\n')).join('\n\n')}\n`;
}

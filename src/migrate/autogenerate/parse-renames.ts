import { StrataError } from '../../errors/strata-error.js';
import type { DiffRenames } from '../diff/index.js';

const NAME = /^[^.=\s]+$/;

function split(text: string, option: string, example: string): { old: string; name: string } {
  const at = text.indexOf('=');
  const old = at < 0 ? '' : text.slice(0, at).trim();
  const name = at < 0 ? '' : text.slice(at + 1).trim();
  if (old === '' || !NAME.test(name)) {
    throw new StrataError('USAGE', `${option} "${text}" is not valid: write ${example}`, {
      option,
      value: text,
    });
  }
  return { old, name };
}

function checkParts(
  text: string,
  old: string,
  counts: readonly number[],
  option: string,
  example: string,
): void {
  const parts = old.split('.');
  if (!counts.includes(parts.length) || parts.some((part) => !NAME.test(part))) {
    throw new StrataError('USAGE', `${option} "${text}" is not valid: write ${example}`, {
      option,
      value: text,
    });
  }
}

/**
 * Renames given on the command line (`old=new`) as `DiffRenames`. Tables: `old=new` or
 * `schema.old=new`; columns: `table.old=new` or `schema.table.old=new`, where `table` is the
 * table's new name. Throws USAGE naming the malformed value.
 *
 * @example
 * ```ts
 * parseRenames({ tables: ['people=persons'], columns: ['posts.title=headline'] });
 * // { tables: { people: 'persons' }, columns: { 'posts.title': 'headline' } }
 * ```
 */
export function parseRenames(input: {
  readonly tables?: readonly string[];
  readonly columns?: readonly string[];
}): DiffRenames {
  const tables: Record<string, string> = {};
  for (const text of input.tables ?? []) {
    const example = 'OLD=NEW or SCHEMA.OLD=NEW, e.g. --rename-table people=persons';
    const { old, name } = split(text, '--rename-table', example);
    checkParts(text, old, [1, 2], '--rename-table', example);
    tables[old] = name;
  }
  const columns: Record<string, string> = {};
  for (const text of input.columns ?? []) {
    const example = 'TABLE.OLD=NEW or SCHEMA.TABLE.OLD=NEW, e.g. --rename-column posts.title=headline';
    const { old, name } = split(text, '--rename-column', example);
    checkParts(text, old, [2, 3], '--rename-column', example);
    columns[old] = name;
  }
  return {
    ...(Object.keys(tables).length === 0 ? {} : { tables }),
    ...(Object.keys(columns).length === 0 ? {} : { columns }),
  };
}

/** Lower-case words of a message joined by `_`, at most `max` characters: `Add documents!` → `add_documents`. */
export function messageSlug(message: string, max = 40): string {
  const slug = message
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const cut = slug.length > max ? slug.slice(0, max).replace(/_+[^_]*$/, '') || slug.slice(0, max) : slug;
  return cut.replace(/_+$/, '');
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * File name of a new migration: `YYYYMMDD_HHMM_<revision>_<slug>.ts`, the date in UTC
 * so that names sort the same on every machine.
 *
 * @example
 * ```ts
 * migrationFileName('3f2a9c1b7d4e', 'add documents', new Date('2026-11-22T11:04:00Z'));
 * // '20261122_1104_3f2a9c1b7d4e_add_documents.ts'
 * ```
 */
export function migrationFileName(revision: string, message: string, date: Date): string {
  const stamp = `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}_${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}`;
  const slug = messageSlug(message);
  return `${stamp}_${revision}${slug ? `_${slug}` : ''}.ts`;
}

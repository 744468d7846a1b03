import { createHash } from 'node:crypto';

/**
 * sha256 (hex) of a migration file's contents. Line endings are normalised to `\n`
 * first so that a checkout with `core.autocrlf` does not look like an edit.
 *
 * @example
 * ```ts
 * migrationChecksum('export default {}\r\n') === migrationChecksum('export default {}\n'); // true
 * ```
 */
export function migrationChecksum(contents: string): string {
  return createHash('sha256').update(contents.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

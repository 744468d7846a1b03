import type { Column } from './column.js';
import { boolean, integer } from './columns/numeric.js';
import { timestamptz } from './columns/temporal.js';
import { uuid } from './columns/text.js';

/**
 * `uuid PRIMARY KEY DEFAULT gen_random_uuid()`.
 *
 * @example
 * ```ts
 * import { table, uuidPrimaryKey, timestamps, softDelete, text } from 'strata/schema';
 * const posts = table('posts', { id: uuidPrimaryKey(), title: text().notNull(), ...timestamps(), ...softDelete('deletedAt') });
 * ```
 */
export function uuidPrimaryKey(): Column<string, true, true, false> {
  return uuid().primaryKey().defaultRandom();
}

/** `created_at` and `updated_at`, `timestamptz NOT NULL DEFAULT now()`; repositories keep `updated_at` current. */
export function timestamps(): {
  created_at: Column<Date, true, true, false>;
  updated_at: Column<Date, true, true, false>;
} {
  return {
    created_at: timestamptz().notNull().defaultNow().role('createdAt'),
    updated_at: timestamptz().notNull().defaultNow().role('updatedAt'),
  };
}

/** Soft delete by a nullable `deleted_at` timestamp. */
export function softDelete(style: 'deletedAt'): { deleted_at: Column<Date, false, false, false> };
/** Soft delete by an `is_active boolean NOT NULL DEFAULT true` flag. */
export function softDelete(style: 'isActive'): { is_active: Column<boolean, true, true, false> };
export function softDelete(
  style: 'deletedAt' | 'isActive',
): { deleted_at: Column<Date, false, false, false> } | { is_active: Column<boolean, true, true, false> } {
  return style === 'deletedAt'
    ? { deleted_at: timestamptz().role('deletedAt') }
    : { is_active: boolean().notNull().default(true).role('isActive') };
}

/** `version integer NOT NULL DEFAULT 1` for optimistic concurrency in repositories. */
export function versionColumn(): { version: Column<number, true, true, false> } {
  return { version: integer().notNull().default(1).role('version') };
}

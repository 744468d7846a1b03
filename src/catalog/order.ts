/**
 * The one ordering of names in a SchemaModel. It compares UTF-16 code units, not locale
 * rules, so the DSL, the catalog reader and every machine agree on it.
 */

/** Compares two names by code unit; the order every list in a SchemaModel is kept in. */
export function compareNames(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/**
 * Sorts objects by name (a copy).
 *
 * @example
 * ```ts
 * sortByName([{ name: 'b' }, { name: 'a' }]); // [{ name: 'a' }, { name: 'b' }]
 * ```
 */
export function sortByName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((x, y) => compareNames(x.name, y.name));
}

/** Sorts schema-qualified objects by schema, then name (a copy). */
export function sortBySchemaAndName<T extends { readonly schema: string; readonly name: string }>(
  items: readonly T[],
): T[] {
  return [...items].sort((x, y) => compareNames(x.schema, y.schema) || compareNames(x.name, y.name));
}

/**
 * Code-point order, independent of the machine's locale, so the same model always renders the
 * same DDL.
 */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** A sorted copy, by `schema` (when there is one) and then `name`. */
export function sortByName<T extends { readonly name: string; readonly schema?: string }>(
  items: readonly T[],
): T[] {
  return [...items].sort(
    (a, b) => compareText(a.schema ?? '', b.schema ?? '') || compareText(a.name, b.name),
  );
}

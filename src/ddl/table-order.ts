import { qualifiedName } from '../model/schema-model.js';
import type { TableModel } from '../model/table.js';
import { sortByName } from './sort-by-name.js';

/**
 * Tarjan's strongly connected components: tables that reference each other, directly or through
 * others, share a component number.
 */
function components(
  keys: readonly string[],
  edges: ReadonlyMap<string, readonly string[]>,
): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result = new Map<string, number>();
  let nextIndex = 0;
  let nextComponent = 0;
  const visit = (key: string): void => {
    index.set(key, nextIndex);
    low.set(key, nextIndex);
    nextIndex += 1;
    stack.push(key);
    onStack.add(key);
    for (const target of edges.get(key) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(key, Math.min(low.get(key)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(key, Math.min(low.get(key)!, index.get(target)!));
      }
    }
    if (low.get(key) !== index.get(key)) return;
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      result.set(member, nextComponent);
    } while (member !== key);
    nextComponent += 1;
  };
  for (const key of keys) if (!index.has(key)) visit(key);
  return result;
}

/**
 * Tables so that a referenced table comes before the tables whose foreign keys point at it.
 * Among tables that are ready, the first by schema and name goes next. When only cycles are left,
 * the first table (by schema and name) of a cycle that waits on nothing outside itself goes next,
 * so tables that merely reference a cycle still come after it. The result does not depend on the
 * input order; self-references and references to tables outside the list impose nothing.
 *
 * @example
 * ```ts
 * import { orderTablesByDependency } from 'strata/ddl';
 * import type { TableModel } from 'strata/model';
 *
 * declare const posts: TableModel; // references users
 * declare const users: TableModel;
 * orderTablesByDependency([posts, users]).map((t) => t.name); // ['users', 'posts']
 * ```
 */
export function orderTablesByDependency(tables: readonly TableModel[]): TableModel[] {
  const remaining = sortByName(tables);
  const keys = remaining.map(qualifiedName);
  const known = new Set(keys);
  const edges = new Map<string, string[]>();
  for (const table of remaining) {
    const self = qualifiedName(table);
    const targets = table.foreignKeys
      .map((fk) => qualifiedName({ schema: fk.references.schema, name: fk.references.table }))
      .filter((target) => target !== self && known.has(target));
    edges.set(self, [...new Set(targets)]);
  }
  const component = components(keys, edges);
  const placed = new Set<string>();
  const waitsOn = (table: TableModel): string[] =>
    (edges.get(qualifiedName(table)) ?? []).filter((target) => !placed.has(target));
  const waitsOnlyOnItsCycle = (table: TableModel): boolean => {
    const own = component.get(qualifiedName(table));
    return remaining
      .filter((other) => component.get(qualifiedName(other)) === own)
      .every((member) => waitsOn(member).every((target) => component.get(target) === own));
  };

  const ordered: TableModel[] = [];
  while (remaining.length > 0) {
    let at = remaining.findIndex((table) => waitsOn(table).length === 0);
    if (at === -1) at = remaining.findIndex(waitsOnlyOnItsCycle);
    // The components form a DAG, so some cycle always waits on nothing else; 0 is only a safeguard.
    const [next] = remaining.splice(Math.max(at, 0), 1);
    if (next === undefined) break;
    placed.add(qualifiedName(next));
    ordered.push(next);
  }
  return ordered;
}

import type { SchemaModel, TableModel } from '../../model/index.js';
import { displayName, problem, type SchemaProblem } from './problem.js';

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
}

/**
 * Every column a constraint or index names exists; foreign keys point at a table of the
 * schema, at columns that exist, the same number of them, covered by a primary key or
 * unique constraint (PostgreSQL refuses the key otherwise).
 */
export function validateReferences(model: SchemaModel, table: TableModel): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const tableName = displayName(table.schema, table.name);
  const has = new Set(table.columns.map((c) => c.name));
  const missing = (cols: readonly string[], what: string, extra: Partial<SchemaProblem>) => {
    for (const col of cols) {
      if (!has.has(col)) {
        out.push(
          problem(
            `${what} on ${tableName} names column "${col}", which the table does not have`,
            `Use one of: ${[...has].join(', ')}.`,
            { table: tableName, column: col, ...extra },
          ),
        );
      }
    }
  };
  if (table.primaryKey)
    missing(table.primaryKey.columns, 'The primary key', { constraint: table.primaryKey.name });
  for (const u of table.uniques) missing(u.columns, `Unique constraint ${u.name}`, { constraint: u.name });
  for (const i of table.indexes) {
    if (i.elements.length === 0) {
      out.push(
        problem(
          `Index ${i.name} on ${tableName} has no columns or expressions`,
          'Give it elements with .on(...) or .using(method, ...).',
          { table: tableName, index: i.name },
        ),
      );
    }
    missing(
      i.elements.flatMap((e) => (e.kind === 'indexColumn' ? [e.column] : [])),
      `Index ${i.name}`,
      { index: i.name },
    );
    missing(i.include, `The INCLUDE of index ${i.name}`, { index: i.name });
  }
  for (const fk of table.foreignKeys) {
    const where = { table: tableName, constraint: fk.name };
    missing(fk.columns, `Foreign key ${fk.name}`, { constraint: fk.name });
    const target = model.tables.find(
      (t) => t.schema === fk.references.schema && t.name === fk.references.table,
    );
    const targetName = displayName(fk.references.schema, fk.references.table);
    if (!target) {
      out.push(
        problem(
          `Foreign key ${fk.name} on ${tableName} references table ${targetName}, which is not in the schema`,
          `Add ${targetName} to defineSchema(...).`,
          where,
        ),
      );
      continue;
    }
    if (fk.columns.length !== fk.references.columns.length) {
      out.push(
        problem(
          `Foreign key ${fk.name} on ${tableName} has ${fk.columns.length} columns but references ${fk.references.columns.length}`,
          'Reference as many columns as the key has.',
          where,
        ),
      );
    }
    const targetCols = new Set(target.columns.map((c) => c.name));
    for (const col of fk.references.columns) {
      if (!targetCols.has(col)) {
        out.push(
          problem(
            `Foreign key ${fk.name} on ${tableName} references ${targetName}.${col}, a column that does not exist`,
            `Reference one of: ${[...targetCols].join(', ')}.`,
            where,
          ),
        );
      }
    }
    const keys = [
      target.primaryKey?.columns,
      ...target.uniques.map((u) => u.columns),
      ...target.indexes
        .filter((i) => i.unique && !i.where && i.elements.every((e) => e.kind === 'indexColumn'))
        .map((i) => i.elements.map((e) => (e.kind === 'indexColumn' ? e.column : ''))),
    ].filter((k): k is readonly string[] => k !== undefined);
    if (
      fk.references.columns.every((c) => targetCols.has(c)) &&
      !keys.some((k) => sameColumns(k, fk.references.columns))
    ) {
      out.push(
        problem(
          `Foreign key ${fk.name} on ${tableName} references ${targetName}(${fk.references.columns.join(', ')}), which is neither its primary key nor unique`,
          `Make ${targetName}(${fk.references.columns.join(', ')}) unique, or reference its primary key.`,
          where,
        ),
      );
    }
    fk.columns.forEach((col, i) => {
      const from = table.columns.find((c) => c.name === col);
      const to = target.columns.find((c) => c.name === fk.references.columns[i]);
      if (from && to && (from.type.name !== to.type.name || from.type.arrayDims !== to.type.arrayDims)) {
        const compatible = ['smallint', 'integer', 'bigint'];
        if (!(compatible.includes(from.type.name) && compatible.includes(to.type.name))) {
          out.push(
            problem(
              `Foreign key ${fk.name}: ${tableName}.${col} is ${from.type.name} but ${targetName}.${to.name} is ${to.type.name}`,
              'Give both columns the same type.',
              where,
            ),
          );
        }
      }
    });
  }
  return out;
}

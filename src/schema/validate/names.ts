import type { SchemaModel } from '../../model/index.js';
import { displayName, problem, type SchemaProblem } from './problem.js';

/** PostgreSQL's NAMEDATALEN - 1: longer identifiers are silently truncated, which breaks diffs. */
export const MAX_IDENTIFIER_BYTES = 63;

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Identifier length, and names that PostgreSQL keeps in one namespace: tables, indexes and
 * the indexes behind primary keys and unique constraints share a schema's relation names;
 * enums share type names with tables (every table has a row type); constraint names are per table.
 */
export function validateNames(model: SchemaModel): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const relations = new Map<string, string>();
  const types = new Map<string, string>();
  const claim = (
    map: Map<string, string>,
    schema: string,
    name: string,
    what: string,
    where: Partial<SchemaProblem>,
  ) => {
    if (byteLength(name) > MAX_IDENTIFIER_BYTES) {
      out.push(
        problem(
          `The ${what} name "${name}" is ${byteLength(name)} bytes, over PostgreSQL's ${MAX_IDENTIFIER_BYTES}`,
          'Choose a shorter name: PostgreSQL would truncate it.',
          where,
        ),
      );
    }
    const key = `${schema}.${name}`;
    const previous = map.get(key);
    if (previous) {
      out.push(
        problem(
          `Duplicate name "${displayName(schema, name)}": used by ${previous} and by ${what}`,
          'Give each one its own name.',
          where,
        ),
      );
    } else {
      map.set(key, what);
    }
  };

  for (const e of model.enums) {
    claim(types, e.schema, e.name, `enum ${e.name}`, {});
    const seen = new Set<string>();
    for (const value of e.values) {
      if (seen.has(value))
        out.push(problem(`Enum ${e.name} lists "${value}" twice`, 'Remove the duplicate label.', {}));
      if (byteLength(value) > MAX_IDENTIFIER_BYTES) {
        out.push(
          problem(
            `Enum ${e.name} label "${value}" is over ${MAX_IDENTIFIER_BYTES} bytes`,
            'Shorten the label.',
            {},
          ),
        );
      }
      seen.add(value);
    }
  }
  for (const t of model.tables) {
    const tableName = displayName(t.schema, t.name);
    claim(relations, t.schema, t.name, `table ${tableName}`, { table: tableName });
    claim(types, t.schema, t.name, `table ${tableName}`, { table: tableName });
    const columns = new Set<string>();
    for (const c of t.columns) {
      if (byteLength(c.name) > MAX_IDENTIFIER_BYTES) {
        out.push(
          problem(
            `Column ${tableName}.${c.name} has a name over ${MAX_IDENTIFIER_BYTES} bytes`,
            'Choose a shorter name.',
            { table: tableName, column: c.name },
          ),
        );
      }
      columns.add(c.name);
    }
    const constraintNames = new Map<string, string>();
    const constraint = (name: string, what: string) => {
      if (byteLength(name) > MAX_IDENTIFIER_BYTES) {
        out.push(
          problem(
            `The ${what} name "${name}" is over ${MAX_IDENTIFIER_BYTES} bytes`,
            'Choose a shorter name: PostgreSQL would truncate it.',
            { table: tableName, constraint: name },
          ),
        );
      }
      const previous = constraintNames.get(name);
      if (previous)
        out.push(
          problem(
            `Table ${tableName} has two constraints named "${name}" (${previous} and ${what})`,
            'Give each constraint its own name.',
            { table: tableName, constraint: name },
          ),
        );
      else constraintNames.set(name, what);
    };
    if (t.primaryKey) {
      constraint(t.primaryKey.name, 'primary key');
      claim(relations, t.schema, t.primaryKey.name, `primary key of ${tableName}`, { table: tableName });
    }
    for (const u of t.uniques) {
      constraint(u.name, 'unique constraint');
      claim(relations, t.schema, u.name, `unique constraint of ${tableName}`, { table: tableName });
    }
    for (const c of t.checks) constraint(c.name, 'check constraint');
    for (const f of t.foreignKeys) constraint(f.name, 'foreign key');
    for (const i of t.indexes)
      claim(relations, t.schema, i.name, `index on ${tableName}`, { table: tableName, index: i.name });
  }
  return out;
}

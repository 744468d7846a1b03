import type { ColumnModel, TableModel } from '../../model/index.js';
import { VECTOR_TYPES } from '../../model/index.js';
import { displayName, problem, type SchemaProblem } from './problem.js';

const MAX_VARCHAR = 10_485_760;

function checkType(tableName: string, col: ColumnModel, out: SchemaProblem[]): void {
  const where = { table: tableName, column: col.name };
  const { name, modifiers } = col.type;
  const first = modifiers[0];
  switch (name) {
    case 'vector':
    case 'halfvec':
    case 'sparsevec': {
      const max = VECTOR_TYPES[name].maxStoredDims;
      if (first !== undefined && (!Number.isInteger(first) || first < 1 || first > max)) {
        out.push(
          problem(
            `Column ${tableName}.${col.name} is ${name}(${first}); ${name} holds 1 to ${max.toLocaleString('en-US')} dimensions`,
            'Use a dimension in that range.',
            where,
          ),
        );
      }
      break;
    }
    case 'character varying':
    case 'character':
    case 'bit':
      if (first !== undefined && (!Number.isInteger(first) || first < 1 || first > MAX_VARCHAR)) {
        out.push(
          problem(
            `Column ${tableName}.${col.name} has length ${first}`,
            `Use a length from 1 to ${MAX_VARCHAR}.`,
            where,
          ),
        );
      }
      break;
    case 'numeric': {
      const scale = modifiers[1];
      if (first !== undefined && (!Number.isInteger(first) || first < 1 || first > 1000)) {
        out.push(
          problem(
            `Column ${tableName}.${col.name} is numeric(${first}); precision must be 1 to 1000`,
            'Use a precision in that range.',
            where,
          ),
        );
      } else if (first !== undefined && scale !== undefined && (scale < 0 || scale > first)) {
        out.push(
          problem(
            `Column ${tableName}.${col.name} is numeric(${first},${scale}); the scale must be 0 to the precision`,
            'Use a scale from 0 to the precision.',
            where,
          ),
        );
      }
      break;
    }
    case 'timestamp with time zone':
    case 'timestamp without time zone':
    case 'time without time zone':
      if (first !== undefined && (!Number.isInteger(first) || first < 0 || first > 6)) {
        out.push(
          problem(
            `Column ${tableName}.${col.name} has precision ${first}`,
            'Use a fractional-second precision from 0 to 6.',
            where,
          ),
        );
      }
      break;
    default:
      break;
  }
}

/** Column types within their ranges, and no column that is two kinds of generated at once. */
export function validateColumns(table: TableModel): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const tableName = displayName(table.schema, table.name);
  if (table.columns.length === 0) {
    out.push(
      problem(`Table ${tableName} has no columns`, 'Declare at least one column.', { table: tableName }),
    );
  }
  for (const col of table.columns) {
    checkType(tableName, col, out);
    const where = { table: tableName, column: col.name };
    const sources = [
      col.default !== undefined ? 'a default' : undefined,
      col.identity ? 'an identity' : undefined,
      col.generated ? 'a generated expression' : undefined,
      col.serial ? 'serial' : undefined,
    ].filter((s): s is string => s !== undefined);
    if (sources.length > 1) {
      out.push(
        problem(
          `Column ${tableName}.${col.name} has ${sources.join(' and ')}`,
          'A column gets its value from one source only: keep one.',
          where,
        ),
      );
    }
    if (col.identity && !['smallint', 'integer', 'bigint'].includes(col.type.name)) {
      out.push(
        problem(
          `Column ${tableName}.${col.name} is an identity of type ${col.type.name}`,
          'Identity columns must be smallint, integer or bigint.',
          where,
        ),
      );
    }
  }
  return out;
}

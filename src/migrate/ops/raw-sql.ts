import type { OperationHandler } from './handler.js';
import { irreversible } from './irreversible.js';

/**
 * SQL written by hand. `down` is the SQL that undoes it; without it the operation has no
 * inverse. `transactional: false` runs it outside the migration's transaction.
 */
export interface SqlOperation {
  readonly kind: 'sql';
  readonly sql: string;
  readonly down?: string;
  readonly transactional?: boolean;
}

function firstLine(sql: string): string {
  const line = sql.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

export const sqlHandler: OperationHandler<SqlOperation> = {
  render: (op) => [{ sql: op.sql, transactional: op.transactional !== false }],
  invert: (op) =>
    op.down === undefined
      ? irreversible(
          op,
          `raw SQL without a down statement (${firstLine(op.sql)}): pass the SQL that undoes it to op.sql`,
        )
      : {
          kind: 'sql',
          sql: op.down,
          down: op.sql,
          ...(op.transactional === undefined ? {} : { transactional: op.transactional }),
        },
  destructive: () => false,
  call: (op) => {
    const args: unknown[] = [op.sql];
    if (op.down !== undefined || op.transactional !== undefined) args.push(op.down ?? null);
    if (op.transactional !== undefined) args.push({ transactional: op.transactional });
    return { method: 'sql', args };
  },
  describe: (op) => `run SQL: ${firstLine(op.sql)}`,
};

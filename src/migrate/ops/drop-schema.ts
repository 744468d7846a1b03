import { renderDropSchema } from '../../ddl/render-schema.js';
import type { OperationHandler } from './handler.js';
import { statement } from './rendered-statement.js';

/**
 * `DROP SCHEMA name`, without CASCADE: whatever the schema held is dropped by earlier
 * operations, each with its own inverse.
 */
export interface DropSchemaOperation {
  readonly kind: 'dropSchema';
  readonly name: string;
}

export const dropSchemaHandler: OperationHandler<DropSchemaOperation> = {
  render: (op) => [statement(renderDropSchema(op.name))],
  invert: (op) => ({ kind: 'createSchema', name: op.name }),
  destructive: () => false,
  call: (op) => ({ method: 'dropSchema', args: [op.name] }),
  describe: (op) => `drop schema ${op.name}`,
};

import { renderCreateSchema } from '../../ddl/render-schema.js';
import type { OperationHandler } from './handler.js';
import { statement } from './rendered-statement.js';

/** `CREATE SCHEMA name`: a namespace other than `public`. */
export interface CreateSchemaOperation {
  readonly kind: 'createSchema';
  readonly name: string;
}

export const createSchemaHandler: OperationHandler<CreateSchemaOperation> = {
  render: (op) => [statement(renderCreateSchema(op.name))],
  invert: (op) => ({ kind: 'dropSchema', name: op.name }),
  destructive: () => false,
  call: (op) => ({ method: 'createSchema', args: [op.name] }),
  describe: (op) => `create schema ${op.name}`,
};

import { renderCreateExtension } from '../../ddl/render-extension.js';
import type { ExtensionModel } from '../../model/schema-model.js';
import type { OperationHandler } from './handler.js';
import { statement } from './rendered-statement.js';

/** `CREATE EXTENSION IF NOT EXISTS name [WITH SCHEMA s]`. */
export interface CreateExtensionOperation {
  readonly kind: 'createExtension';
  readonly extension: ExtensionModel;
}

/** The argument `op.createExtension` / `op.dropExtension` take back: a name, or the model when it has a schema. */
export function extensionArg(extension: ExtensionModel): string | ExtensionModel {
  return extension.schema === undefined ? extension.name : extension;
}

export const createExtensionHandler: OperationHandler<CreateExtensionOperation> = {
  render: (op) => [statement(renderCreateExtension(op.extension))],
  invert: (op) => ({ kind: 'dropExtension', extension: op.extension }),
  destructive: () => false,
  call: (op) => ({ method: 'createExtension', args: [extensionArg(op.extension)] }),
  describe: (op) => `create extension ${op.extension.name}`,
};

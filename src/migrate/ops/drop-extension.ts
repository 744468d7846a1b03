import { renderDropExtension } from '../../ddl/render-extension.js';
import type { ExtensionModel } from '../../model/schema-model.js';
import { extensionArg } from './create-extension.js';
import type { OperationHandler } from './handler.js';
import { statement } from './rendered-statement.js';

/**
 * `DROP EXTENSION IF EXISTS name`, without CASCADE: columns and indexes that use the
 * extension's types are dropped by earlier operations.
 */
export interface DropExtensionOperation {
  readonly kind: 'dropExtension';
  readonly extension: ExtensionModel;
}

export const dropExtensionHandler: OperationHandler<DropExtensionOperation> = {
  render: (op) => [statement(renderDropExtension(op.extension.name, { ifExists: true }))],
  invert: (op) => ({ kind: 'createExtension', extension: op.extension }),
  destructive: () => false,
  call: (op) => ({ method: 'dropExtension', args: [extensionArg(op.extension)] }),
  describe: (op) => `drop extension ${op.extension.name}`,
};

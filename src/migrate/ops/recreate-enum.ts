import { MAX_IDENTIFIER_BYTES, qualifiedIdent, quoteIdent } from '../../ddl/quote.js';
import { renderAddConstraint, renderDropConstraint } from '../../ddl/render-constraint.js';
import { renderCreateEnum, renderDropEnum } from '../../ddl/render-enum.js';
import { renderCreateIndex, renderDropIndex } from '../../ddl/render-index.js';
import { enumValuePosition } from './add-enum-value.js';
import { type EnumDependent, type EnumUsage, swapUsageDefaults } from './enum-usage.js';
import type { OperationHandler } from './handler.js';
import type { MigrationOperation } from './operation.js';
import { alterColumn, displayName, type ObjectName, refArg } from './refs.js';
import { type RenderedStatement, statement } from './rendered-statement.js';

/**
 * Replaces an enum by one with other labels, for changes `ALTER TYPE` cannot make (removing or
 * reordering labels): the old type is renamed aside, the new one created under the name, every
 * column that uses it converted through text, and the old type dropped. Rows holding a removed
 * label make the conversion fail, so nothing is lost silently.
 */
export interface RecreateEnumOperation {
  readonly kind: 'recreateEnum';
  readonly enum: ObjectName;
  /** The labels the type has before. */
  readonly from: readonly string[];
  /** The labels it has after. */
  readonly to: readonly string[];
  readonly usages: readonly EnumUsage[];
  /** Indexes and checks over the columns, dropped first and created again at the end. */
  readonly dependents?: readonly EnumDependent[];
}

function dropDependent(dependent: EnumDependent): RenderedStatement {
  return statement(
    dependent.kind === 'index'
      ? renderDropIndex({ schema: dependent.table.schema, name: dependent.index.name })
      : renderDropConstraint(dependent.table, dependent.check.name),
  );
}

function createDependent(dependent: EnumDependent): RenderedStatement {
  return statement(
    dependent.kind === 'index'
      ? renderCreateIndex(dependent.table, dependent.index, { concurrently: false })
      : renderAddConstraint(dependent.table, dependent.check),
  );
}

const OLD_SUFFIX = '__old';

/** Where the old type waits while the columns move: the name plus `__old`, cut to fit 63 bytes. */
export function setAsideName(name: string): string {
  let base = name;
  while (Buffer.byteLength(base + OLD_SUFFIX, 'utf8') > MAX_IDENTIFIER_BYTES)
    base = [...base].slice(0, -1).join('');
  return base + OLD_SUFFIX;
}

function convertUsage(op: RecreateEnumOperation, usage: EnumUsage): RenderedStatement[] {
  const column = alterColumn(usage.table, usage.column);
  const brackets = '[]'.repeat(usage.arrayDims);
  const type = `${qualifiedIdent(op.enum.schema, op.enum.name)}${brackets}`;
  return [
    ...(usage.defaultBefore === undefined ? [] : [statement(`${column} DROP DEFAULT;`)]),
    statement(`${column} TYPE ${type} USING ${quoteIdent(usage.column)}::text${brackets}::${type};`),
    ...(usage.defaultAfter === undefined ? [] : [statement(`${column} SET DEFAULT ${usage.defaultAfter};`)]),
  ];
}

/** The label `from` has on top of `to` (same order otherwise), with its index; undefined for any other change. */
function singleRemovedLabel(op: RecreateEnumOperation): { value: string; index: number } | undefined {
  if (op.from.length !== op.to.length + 1) return undefined;
  const index = op.from.findIndex((value, i) => value !== op.to[i]);
  const at = index === -1 ? op.from.length - 1 : index;
  const rest = [...op.from.slice(0, at), ...op.from.slice(at + 1)];
  return rest.every((value, i) => value === op.to[i]) ? { value: op.from[at]!, index: at } : undefined;
}

/**
 * Recreating an enum without one label is undone by adding the label back in place (no table
 * rewrite), as long as the defaults stay as they are.
 */
function invertRecreate(op: RecreateEnumOperation): MigrationOperation {
  const removed = singleRemovedLabel(op);
  if (removed !== undefined && op.usages.every((usage) => usage.defaultBefore === usage.defaultAfter)) {
    const position = enumValuePosition(op.from, removed.index);
    return {
      kind: 'addEnumValue',
      enum: op.enum,
      value: removed.value,
      ...(position === undefined ? {} : { position }),
      existing: {
        values: op.to,
        usages: op.usages,
        ...(op.dependents === undefined ? {} : { dependents: op.dependents }),
      },
    };
  }
  return {
    kind: 'recreateEnum',
    enum: op.enum,
    from: op.to,
    to: op.from,
    usages: op.usages.map(swapUsageDefaults),
    ...(op.dependents === undefined ? {} : { dependents: op.dependents }),
  };
}

export const recreateEnumHandler: OperationHandler<RecreateEnumOperation> = {
  render: (op) => {
    const aside = setAsideName(op.enum.name);
    const dependents = op.dependents ?? [];
    return [
      ...dependents.map(dropDependent),
      statement(`ALTER TYPE ${qualifiedIdent(op.enum.schema, op.enum.name)} RENAME TO ${quoteIdent(aside)};`),
      statement(
        renderCreateEnum({ kind: 'enum', schema: op.enum.schema, name: op.enum.name, values: op.to }),
      ),
      ...op.usages.flatMap((usage) => convertUsage(op, usage)),
      statement(renderDropEnum({ schema: op.enum.schema, name: aside })),
      ...dependents.map(createDependent),
    ];
  },
  invert: invertRecreate,
  destructive: (op) => {
    const removed = op.from.filter((value) => !op.to.includes(value));
    if (removed.length === 0) return false;
    const labels = removed.map((value) => `'${value}'`).join(', ');
    return `removes ${labels} from enum ${displayName(op.enum)}: rows that still hold ${removed.length === 1 ? 'it' : 'them'} make the migration fail, update them first`;
  },
  call: (op) => ({
    method: 'recreateEnum',
    args: [
      refArg(op.enum),
      {
        from: op.from,
        to: op.to,
        usages: op.usages,
        ...(op.dependents === undefined ? {} : { dependents: op.dependents }),
      },
    ],
  }),
  describe: (op) =>
    `recreate enum ${displayName(op.enum)} with labels ${op.to.map((v) => `'${v}'`).join(', ')}`,
};

import type { EnumModel, SchemaModel } from '../../model/schema-model.js';
import { enumValuePosition } from '../ops/add-enum-value.js';
import type { EnumDependent, EnumUsage } from '../ops/enum-usage.js';
import type { MigrationOperation } from '../ops/operation.js';
import { objectKey } from './column-key.js';
import { indexExpressions } from './compare.js';
import type { DiffRenames } from './diff-types.js';
import { mentionsAny } from './identifiers.js';
import type { Plan } from './plan.js';

/** An enum whose labels change in a way ALTER TYPE cannot do: the table diff recreates it. */
export interface EnumRecreate {
  readonly enum: EnumModel;
  /** The labels once renamed labels have their new names. */
  readonly from: readonly string[];
}

/** Columns (of `model`) whose type is the enum or an array of it, with their current default. */
function usages(model: SchemaModel, enumModel: EnumModel): EnumUsage[] {
  return model.tables.flatMap((table) =>
    table.columns
      .filter((column) => column.type.schema === enumModel.schema && column.type.name === enumModel.name)
      .map((column) => ({
        table: { schema: table.schema, name: table.name },
        column: column.name,
        arrayDims: column.type.arrayDims,
        ...(column.default === undefined
          ? {}
          : { defaultBefore: column.default, defaultAfter: column.default }),
      })),
  );
}

function isSubsequence(part: readonly string[], whole: readonly string[]): boolean {
  let at = 0;
  for (const value of whole) if (value === part[at]) at += 1;
  return at === part.length;
}

/** Declared label renames that apply: the old label only before, the new one only after. */
function valueRenames(
  fromEnum: EnumModel,
  toEnum: EnumModel,
  renames: DiffRenames['enumValues'],
): [string, string][] {
  const qualified = renames?.[`${fromEnum.schema}.${fromEnum.name}`];
  const bare = fromEnum.schema === 'public' ? renames?.[fromEnum.name] : undefined;
  return Object.entries({ ...bare, ...qualified }).filter(
    ([old, name]) =>
      fromEnum.values.includes(old) &&
      !fromEnum.values.includes(name) &&
      toEnum.values.includes(name) &&
      !toEnum.values.includes(old),
  );
}

/**
 * Indexes and checks whose expressions mention a column of the enum: a type replacement has to
 * drop them first and create them again.
 */
function dependents(model: SchemaModel, enumModel: EnumModel): EnumDependent[] {
  return model.tables.flatMap((table) => {
    const columns = new Set(
      table.columns
        .filter((column) => column.type.schema === enumModel.schema && column.type.name === enumModel.name)
        .map((column) => column.name),
    );
    if (columns.size === 0) return [];
    const ref = { schema: table.schema, name: table.name };
    return [
      ...table.indexes
        .filter((index) => indexExpressions(index).some((expression) => mentionsAny(expression, columns)))
        .map((index): EnumDependent => ({ kind: 'index', table: ref, index })),
      ...table.checks
        .filter((check) => mentionsAny(check.expression, columns))
        .map((check): EnumDependent => ({ kind: 'check', table: ref, check })),
    ];
  });
}

/**
 * Enum changes: new enums, renamed labels (declared), added labels (`ADD VALUE` in place, when
 * the old labels keep their order); dropped enums go in the last phases. Other changes (removed
 * or reordered labels) are returned: the table diff recreates those types once the columns and
 * indexes that go away are gone.
 */
export function diffEnums(
  from: SchemaModel,
  to: SchemaModel,
  renames: DiffRenames['enumValues'],
  plan: Plan,
): EnumRecreate[] {
  const recreates: EnumRecreate[] = [];
  const fromEnums = new Map(from.enums.map((e) => [objectKey(e.schema, e.name), e]));
  const toEnums = new Map(to.enums.map((e) => [objectKey(e.schema, e.name), e]));
  for (const [key, toEnum] of toEnums) {
    const fromEnum = fromEnums.get(key);
    if (fromEnum === undefined) {
      plan.add('enums', { kind: 'createEnum', enum: toEnum });
      continue;
    }
    const ref = { schema: toEnum.schema, name: toEnum.name };
    let values = [...fromEnum.values];
    for (const [old, name] of valueRenames(fromEnum, toEnum, renames)) {
      plan.add('enums', { kind: 'renameEnumValue', enum: ref, from: old, to: name });
      values = values.map((value) => (value === old ? name : value));
    }
    if (values.length === toEnum.values.length && values.every((value, i) => value === toEnum.values[i]))
      continue;
    if (isSubsequence(values, toEnum.values)) {
      const ops: MigrationOperation[] = [];
      const fromDependents = dependents(from, fromEnum);
      toEnum.values.forEach((value, i) => {
        if (values.includes(value)) return;
        const position = enumValuePosition([...values.slice(0, i), value, ...values.slice(i)], i);
        ops.push({
          kind: 'addEnumValue',
          enum: ref,
          value,
          ...(position === undefined ? {} : { position }),
          existing: {
            values: [...values],
            usages: usages(from, fromEnum),
            ...(fromDependents.length === 0 ? {} : { dependents: fromDependents }),
          },
        });
        values = [...values.slice(0, i), value, ...values.slice(i)];
      });
      plan.add('enums', ...ops);
      continue;
    }
    recreates.push({ enum: toEnum, from: values });
  }
  for (const [key, fromEnum] of fromEnums) {
    if (toEnums.has(key)) continue;
    plan.add('dropEnums', {
      kind: 'dropEnum',
      enum: { schema: fromEnum.schema, name: fromEnum.name },
      values: fromEnum.values,
    });
  }
  return recreates;
}

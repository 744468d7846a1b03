import { StrataError } from '../errors/strata-error.js';
import type { SequenceOptions } from '../model/column.js';
import type { SequenceModel } from '../model/schema-model.js';
import { type ObjectName, qualifiedIdent } from './quote.js';

type NumericSequenceOption = Exclude<keyof SequenceOptions, 'cycle'>;

/** Keyword of each numeric option; a new option in the model fails to compile here until it is rendered. */
const OPTION_KEYWORDS: Readonly<Record<NumericSequenceOption, string>> = {
  start: 'START WITH',
  increment: 'INCREMENT BY',
  minValue: 'MINVALUE',
  maxValue: 'MAXVALUE',
  cache: 'CACHE',
};

const OPTION_ORDER: readonly NumericSequenceOption[] = [
  'start',
  'increment',
  'minValue',
  'maxValue',
  'cache',
];

/** Values are strings because a bigint does not fit in a JS number; they must still be integers. */
const INTEGER_LITERAL = /^-?\d+$/;

/**
 * The options of a sequence or identity column, only those that are set: `''` when none is.
 * `cycle: false` renders `NO CYCLE` because it was asked for explicitly.
 *
 * @example
 * ```ts
 * renderSequenceOptions({ start: '1000', increment: '10', cycle: false });
 * // START WITH 1000 INCREMENT BY 10 NO CYCLE
 * ```
 */
export function renderSequenceOptions(options: SequenceOptions): string {
  const parts: string[] = [];
  for (const option of OPTION_ORDER) {
    const value = options[option];
    if (value === undefined) continue;
    if (!INTEGER_LITERAL.test(value)) {
      throw new StrataError(
        'SCHEMA_INVALID',
        `Sequence option ${option} is ${JSON.stringify(value)}; it must be a whole number written as a string, e.g. '1000'.`,
        { option, value },
      );
    }
    parts.push(`${OPTION_KEYWORDS[option]} ${value}`);
  }
  if (options.cycle !== undefined) parts.push(options.cycle ? 'CYCLE' : 'NO CYCLE');
  return parts.join(' ');
}

/**
 * `CREATE SEQUENCE`, always with its data type (PostgreSQL's default, bigint, is easy to forget).
 *
 * @example
 * ```ts
 * renderCreateSequence({ kind: 'sequence', schema: 'app', name: 'ticket_seq', dataType: 'bigint', start: '1000' });
 * // CREATE SEQUENCE app.ticket_seq AS bigint START WITH 1000;
 * ```
 */
export function renderCreateSequence(
  sequence: SequenceModel,
  options: { readonly ifNotExists?: boolean } = {},
): string {
  const ifNotExists = options.ifNotExists === true ? 'IF NOT EXISTS ' : '';
  const rest = renderSequenceOptions(sequence);
  const name = qualifiedIdent(sequence.schema, sequence.name);
  return `CREATE SEQUENCE ${ifNotExists}${name} AS ${sequence.dataType}${rest === '' ? '' : ` ${rest}`};`;
}

/**
 * `DROP SEQUENCE`.
 *
 * @example
 * ```ts
 * renderDropSequence({ schema: 'app', name: 'ticket_seq' }, { ifExists: true }); // DROP SEQUENCE IF EXISTS app.ticket_seq;
 * ```
 */
export function renderDropSequence(
  sequence: ObjectName,
  options: { readonly ifExists?: boolean; readonly cascade?: boolean } = {},
): string {
  const ifExists = options.ifExists === true ? 'IF EXISTS ' : '';
  const cascade = options.cascade === true ? ' CASCADE' : '';
  return `DROP SEQUENCE ${ifExists}${qualifiedIdent(sequence.schema, sequence.name)}${cascade};`;
}

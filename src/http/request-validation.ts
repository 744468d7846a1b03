import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler, FastifyServerOptions } from 'fastify';
import { StrataError } from '../errors/strata-error.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module.
/** Fastify's type of a schema error formatter (not exported by name). */
type SchemaErrorFormatter = NonNullable<FastifyServerOptions['schemaErrorFormatter']>;
type SchemaErrorDataVar = Parameters<SchemaErrorFormatter>[1];

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/**
 * Two validators: bodies are JSON and must already have the right types (a string where a
 * number belongs is an error, not coerced; unknown properties are refused, not dropped),
 * while path and query parameters are always text and are coerced to the schema's types.
 */
function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    verbose: true,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: coerce,
    removeAdditional: false,
  });
  addFormats(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
const parameterAjv = makeAjv(true);
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * The validator compiler of Strata's routes (a Fastify route option): strict for bodies,
 * coercing for params, querystring and headers.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { strictValidatorCompiler } from 'strata/http';
 *
 * const app = Fastify();
 * const noteSchema = {
 *   type: 'object',
 *   properties: { body: { type: 'string' } },
 *   required: ['body'],
 *   additionalProperties: false,
 * };
 * const routeOptions = { schema: { body: noteSchema }, validatorCompiler: strictValidatorCompiler };
 * app.post('/notes', routeOptions, async (request) => request.body);
 * ```
 */
export const strictValidatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : parameterAjv;
  const key = schema as object;
  const cached = httpPart === 'body' ? compiled.get(key) : undefined;
  const validate = cached ?? ajv.compile(schema);
  if (httpPart === 'body' && cached === undefined) compiled.set(key, validate);
  return validate;
};

/** Where a value sat in the request, as people write it: `body.metadata.tags[0]`. */
function describePath(dataVar: string, instancePath: string, extra?: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (extra !== undefined) parts.push(extra);
  let text = dataVar === 'querystring' ? 'query' : dataVar;
  for (const part of parts) text += /^\d+$/.test(part) ? `[${part}]` : `.${part}`;
  return text;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  uuid: 'a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)',
  'date-time': 'an RFC 3339 date-time with a time zone, e.g. 2024-05-01T10:00:00Z',
  date: "a calendar day written 'YYYY-MM-DD'",
};

function typeList(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((t) => TYPE_NAMES[String(t)] ?? String(t)).join(' or ');
}

/** One validation problem in words. */
export function describeValidationError(error: ErrorObject, dataVar: string): string {
  const at = describePath(dataVar, error.instancePath);
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${describePath(dataVar, error.instancePath, String(params.missingProperty))} is required`;
    case 'additionalProperties': {
      const allowed = Object.keys((parent.properties ?? {}) as object);
      const name = String(params.additionalProperty);
      return (
        `${describePath(dataVar, error.instancePath, name)} is not a known field` +
        (allowed.length > 0 ? ` (known: ${allowed.join(', ')})` : '')
      );
    }
    case 'type':
      return `${at} must be ${typeList(params.type)}`;
    case 'format':
      return `${at} must be ${FORMAT_NAMES[String(params.format)] ?? `in ${String(params.format)} format`}`;
    case 'enum':
      return `${at} must be one of: ${((params.allowedValues as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'maxLength':
      return `${at} must be at most ${String(params.limit)} characters long`;
    case 'minLength':
      return `${at} must be at least ${String(params.limit)} characters long`;
    case 'minItems':
    case 'maxItems':
      return parent.minItems !== undefined && parent.minItems === parent.maxItems
        ? `${at} must have exactly ${String(parent.minItems)} items`
        : `${at} must have ${error.keyword === 'minItems' ? 'at least' : 'at most'} ${String(params.limit)} items`;
    case 'minimum':
    case 'maximum':
      return `${at} must be ${String(params.comparison)} ${String(params.limit)}`;
    case 'minProperties':
      return `${at} must set at least ${String(params.limit)} field${params.limit === 1 ? '' : 's'}`;
    case 'pattern':
      return typeof parent.description === 'string'
        ? `${at} is not valid: expected ${lowerFirst(parent.description)}`
        : `${at} must match the pattern ${String(params.pattern)}`;
    case 'not':
      return `${at} must not be null`;
    case 'const':
      return `${at} must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${at} ${error.message ?? 'is invalid'}`;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}

const PART_NAMES: Readonly<Record<SchemaErrorDataVar, string>> = {
  body: 'request body',
  querystring: 'query string',
  params: 'path',
  headers: 'headers',
};

/**
 * Turns Ajv's errors into one VALUE_INVALID error whose message lists every problem, e.g.
 * `Invalid request body: body.title is required; body.year must be a whole number.`
 * (a Fastify route option; the error handler answers it with 400).
 */
export const strictSchemaErrorFormatter: SchemaErrorFormatter = (errors, dataVar) => {
  const problems = [
    ...new Set(errors.map((e) => describeValidationError(e as unknown as ErrorObject, dataVar))),
  ];
  const error = new StrataError(
    'VALUE_INVALID',
    `Invalid ${PART_NAMES[dataVar] ?? dataVar}: ${problems.join('; ')}.`,
    { part: dataVar, problems },
  );
  return error;
};

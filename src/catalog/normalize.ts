/**
 * PostgreSQL normalisation, in one place: type names, column types, defaults,
 * expressions, sequence options and the names PostgreSQL makes up for unnamed
 * constraints and indexes. The DSL, the catalog reader and the differ all go through
 * these functions, so that what a user writes and what PostgreSQL prints compare equal.
 * Every function here is pure.
 */
import { quoteIdent } from '../ddl/quote.js';
import { StrataError } from '../errors/strata-error.js';
import type { SequenceOptions } from '../model/column.js';
import type { ConstraintKind } from '../model/constraint.js';
import type { IndexElement } from '../model/index-model.js';
import type { SchemaModel, SequenceModel } from '../model/schema-model.js';
import { type SqlType, sqlType } from '../model/sql-type.js';
import type { TableModel } from '../model/table.js';
import { compareNames, sortByName, sortBySchemaAndName } from './order.js';
import { type SqlToken, tokenizeSql } from './sql-lexer.js';

// ---------------------------------------------------------------------------
// Type names

/** A type name in canonical form, and whether it was one of the serial pseudo-types. */
export interface NormalizedTypeName {
  readonly name: string;
  readonly serial: boolean;
}

/** Synonyms → the name `format_type` prints. Serial pseudo-types map to their integer type. */
const TYPE_SYNONYMS: Readonly<Record<string, string>> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  int8: 'bigint',
  bigint: 'bigint',
  int2: 'smallint',
  smallint: 'smallint',
  float8: 'double precision',
  float: 'double precision',
  'double precision': 'double precision',
  float4: 'real',
  real: 'real',
  bool: 'boolean',
  boolean: 'boolean',
  varchar: 'character varying',
  'character varying': 'character varying',
  'char varying': 'character varying',
  char: 'character',
  character: 'character',
  bpchar: 'character',
  timestamptz: 'timestamp with time zone',
  'timestamp with time zone': 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  'timestamp without time zone': 'timestamp without time zone',
  timetz: 'time with time zone',
  'time with time zone': 'time with time zone',
  time: 'time without time zone',
  'time without time zone': 'time without time zone',
  decimal: 'numeric',
  numeric: 'numeric',
  varbit: 'bit varying',
  'bit varying': 'bit varying',
};

const SERIAL_TYPES: Readonly<Record<string, string>> = {
  serial: 'integer',
  serial4: 'integer',
  bigserial: 'bigint',
  serial8: 'bigint',
  smallserial: 'smallint',
  serial2: 'smallint',
};

const NUMERIC_TYPES: ReadonlySet<string> = new Set([
  'smallint',
  'integer',
  'bigint',
  'numeric',
  'real',
  'double precision',
]);

/** The three types a sequence (and so an identity or serial column) can have. */
export type SequenceDataType = 'smallint' | 'integer' | 'bigint';

const SEQUENCE_BOUNDS: Readonly<Record<SequenceDataType, { readonly min: bigint; readonly max: bigint }>> = {
  smallint: { min: -32768n, max: 32767n },
  integer: { min: -2147483648n, max: 2147483647n },
  bigint: { min: -9223372036854775808n, max: 9223372036854775807n },
};

function invalidType(text: string, why: string): StrataError {
  return new StrataError(
    'SCHEMA_INVALID',
    `Invalid column type ${JSON.stringify(text)}: ${why}. Write a PostgreSQL type such as 'text', 'varchar(50)', 'numeric(10, 2)', 'vector(1536)', 'text[]' or 'app.mood'.`,
    { type: text },
  );
}

/**
 * Maps a type name without modifiers to the name `format_type` prints, and says whether
 * it was `serial`, `bigserial` or `smallserial` (which become their integer type).
 * Unknown names (extension and user types) are returned lower-cased, or verbatim when quoted.
 *
 * @example
 * ```ts
 * normalizeTypeName('int4');      // { name: 'integer', serial: false }
 * normalizeTypeName('BIGSERIAL'); // { name: 'bigint', serial: true }
 * normalizeTypeName('timestamptz'); // { name: 'timestamp with time zone', serial: false }
 * ```
 */
export function normalizeTypeName(name: string): NormalizedTypeName {
  const trimmed = name.trim();
  // `"char"` is PostgreSQL's one-byte internal type, not `character`; format_type keeps the quotes.
  if (trimmed === '"char"') return { name: '"char"', serial: false };
  if (trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2) {
    return { name: trimmed.slice(1, -1).replaceAll('""', '"'), serial: false };
  }
  const folded = trimmed
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .replace(/^pg_catalog\./, '');
  const serial = SERIAL_TYPES[folded];
  if (serial !== undefined) return { name: serial, serial: true };
  return { name: TYPE_SYNONYMS[folded] ?? folded, serial: false };
}

/** Splits a possibly qualified name into its parts; quoted parts keep their case. */
function splitQualifiedName(text: string, source: string): { parts: string[]; quoted: boolean[] } {
  const parts: string[] = [];
  const quoted: boolean[] = [];
  let i = 0;
  while (i <= text.length) {
    while (text[i] === ' ') i += 1;
    if (text[i] === '"') {
      let end = i + 1;
      let value = '';
      while (end < text.length) {
        if (text[end] === '"' && text[end + 1] === '"') {
          value += '"';
          end += 2;
        } else if (text[end] === '"') {
          break;
        } else {
          value += text[end];
          end += 1;
        }
      }
      if (end >= text.length) throw invalidType(source, 'unterminated quoted name');
      parts.push(value);
      quoted.push(true);
      i = end + 1;
    } else {
      let end = i;
      while (end < text.length && text[end] !== '.') end += 1;
      const value = text.slice(i, end).trim().replace(/\s+/g, ' ');
      if (value === '') throw invalidType(source, 'empty name');
      parts.push(value.toLowerCase());
      quoted.push(false);
      i = end;
    }
    while (text[i] === ' ') i += 1;
    if (i >= text.length) break;
    if (text[i] !== '.') throw invalidType(source, `unexpected ${JSON.stringify(text[i])}`);
    i += 1;
  }
  return { parts, quoted };
}

/**
 * Parses a column type as written in a schema or printed by `format_type`, and says
 * whether it was a serial pseudo-type. Modifiers follow PostgreSQL's own defaults:
 * `char` is `character(1)`, `bit` is `bit(1)`, `numeric(p)` is `numeric(p,0)`,
 * `float(p)` is `real` or `double precision`.
 *
 * @example
 * ```ts
 * parseColumnType('bigserial'); // { type: sqlType('bigint'), serial: true }
 * ```
 */
export function parseColumnType(text: string): { readonly type: SqlType; readonly serial: boolean } {
  const source = text;
  let rest = text.trim();
  if (rest === '') throw invalidType(source, 'it is empty');

  let arrayDims = 0;
  const arraySuffix = /(\s*\[\s*\d*\s*\])+$/.exec(rest) ?? /\s+array(\s*\[\s*\d*\s*\])?$/i.exec(rest);
  if (arraySuffix !== null) {
    arrayDims = 1;
    rest = rest.slice(0, arraySuffix.index).trim();
  }

  // Modifiers: one parenthesised group, which may sit in the middle (`timestamp(3) with time zone`).
  let modifiers: number[] = [];
  const open = indexOutsideQuotes(rest, '(');
  if (open !== -1) {
    const close = indexOutsideQuotes(rest, ')', open);
    if (close === -1) throw invalidType(source, 'unbalanced parentheses');
    const inner = rest.slice(open + 1, close);
    modifiers = inner.split(',').map((part) => {
      const value = part.trim();
      if (!/^[+-]?\d+$/.test(value))
        throw invalidType(source, `type modifier ${JSON.stringify(value)} is not an integer`);
      return Number.parseInt(value, 10);
    });
    rest = `${rest.slice(0, open)} ${rest.slice(close + 1)}`.trim();
    if (indexOutsideQuotes(rest, '(') !== -1 || indexOutsideQuotes(rest, ')') !== -1) {
      throw invalidType(source, 'more than one group of type modifiers');
    }
  }

  const { parts, quoted } = splitQualifiedName(rest, source);
  if (parts.length > 2) throw invalidType(source, 'a type name has at most two parts (schema.type)');
  let schema: string | undefined = parts.length === 2 ? parts[0] : undefined;
  if (schema === 'pg_catalog' && quoted[0] === false) schema = undefined;
  const rawName = parts[parts.length - 1]!;
  const nameQuoted = quoted[quoted.length - 1]!;

  if (schema !== undefined || nameQuoted) {
    const name = nameQuoted && rawName === 'char' && schema === undefined ? '"char"' : rawName;
    return {
      type: sqlType(name, modifiers, { arrayDims, ...(schema === undefined ? {} : { schema }) }),
      serial: false,
    };
  }

  const normalized = normalizeTypeName(rawName);
  let name = normalized.name;
  if (normalized.serial && modifiers.length > 0) throw invalidType(source, `${rawName} takes no modifiers`);
  if (rawName === 'float' && modifiers.length > 0) {
    const precision = modifiers[0]!;
    if (modifiers.length > 1 || precision < 1 || precision > 53) {
      throw invalidType(source, 'float(p) needs one precision between 1 and 53');
    }
    name = precision <= 24 ? 'real' : 'double precision';
    modifiers = [];
  } else if (name === 'character' && rawName !== 'bpchar' && modifiers.length === 0) {
    modifiers = [1];
  } else if (name === 'bit' && modifiers.length === 0) {
    modifiers = [1];
  } else if (name === 'numeric' && modifiers.length === 1) {
    modifiers = [modifiers[0]!, 0];
  }
  return { type: sqlType(name, modifiers, { arrayDims }), serial: normalized.serial };
}

/**
 * Parses a column type into a canonical SqlType (serial types become their integer type:
 * use {@link parseColumnType} to learn that it was one).
 *
 * @example
 * ```ts
 * parseSqlType('varchar(50)');                 // { name: 'character varying', modifiers: [50], arrayDims: 0 }
 * parseSqlType('timestamp(3) with time zone'); // { name: 'timestamp with time zone', modifiers: [3] }
 * parseSqlType('app.mood');                    // { name: 'mood', schema: 'app', modifiers: [] }
 * ```
 */
export function parseSqlType(text: string): SqlType {
  return parseColumnType(text).type;
}

function indexOutsideQuotes(text: string, target: string, from = 0): number {
  let inQuotes = false;
  for (let i = from; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === target) return i;
  }
  return -1;
}

/**
 * Quotes an identifier when PostgreSQL would not read it back unchanged unquoted, keywords
 * included: the DDL renderer's `quoteIdent`, so types print the way DDL spells them.
 */
export function quoteIdentifier(name: string): string {
  return quoteIdent(name);
}

/**
 * Prints a SqlType the way `format_type` does (the inverse of {@link parseSqlType}).
 *
 * @example
 * ```ts
 * import { formatSqlType } from 'strata/catalog';
 * import { sqlType } from 'strata/model';
 *
 * formatSqlType(sqlType('timestamp with time zone', [3])); // 'timestamp(3) with time zone'
 * formatSqlType(sqlType('mood', [], { schema: 'app', arrayDims: 1 })); // 'app.mood[]'
 * ```
 */
export function formatSqlType(type: SqlType): string {
  const mods = type.modifiers.length === 0 ? '' : `(${type.modifiers.join(',')})`;
  let text: string;
  if (type.schema !== undefined) {
    text = `${quoteIdentifier(type.schema)}.${quoteIdentifier(type.name)}${mods}`;
  } else {
    const zoned = /^(timestamp|time) (with|without) time zone$/.exec(type.name);
    text = zoned === null ? `${type.name}${mods}` : `${zoned[1]}${mods} ${zoned[2]} time zone`;
  }
  return type.arrayDims > 0 ? `${text}[]` : text;
}

/** Whether two types are the same apart from modifiers; a missing schema matches any schema. */
function sameTypeIgnoringModifiers(a: SqlType, b: SqlType): boolean {
  return (
    a.name === b.name &&
    a.arrayDims === b.arrayDims &&
    (a.schema === undefined || b.schema === undefined || a.schema === b.schema)
  );
}

// ---------------------------------------------------------------------------
// Expressions

interface Tok {
  readonly kind: SqlToken['kind'];
  readonly text: string;
  /** Whether the source had whitespace before this token. */
  readonly spaced: boolean;
}

function isOpen(t: Tok | undefined): boolean {
  return t !== undefined && t.kind === 'punct' && t.text === '(';
}

function isClose(t: Tok | undefined): boolean {
  return t !== undefined && t.kind === 'punct' && t.text === ')';
}

function isName(t: Tok | undefined): boolean {
  return t !== undefined && (t.kind === 'word' || t.kind === 'quotedIdent');
}

/** Index of the parenthesis closing the one at `open`, or -1. */
function matchingClose(tokens: readonly Tok[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.kind !== 'punct') continue;
    if (t.text === '(' || t.text === '[') depth += 1;
    else if (t.text === ')' || t.text === ']') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Lower-cases what PostgreSQL folds, drops comments and remembers where whitespace was. */
function lex(text: string): Tok[] {
  const out: Tok[] = [];
  let spaced = false;
  for (const token of tokenizeSql(text)) {
    if (token.kind === 'space') {
      spaced = true;
      continue;
    }
    let value = token.text;
    if (token.kind === 'word') value = value.toLowerCase();
    else if (token.kind === 'string' && !value.startsWith("'") && !value.startsWith('$')) {
      // The prefix of E'', B'', X'', U&'' is case-insensitive; the body is not.
      const quote = value.indexOf("'");
      value = value.slice(0, quote).toLowerCase() + value.slice(quote);
    }
    out.push({ kind: token.kind, text: value, spaced });
    spaced = false;
  }
  return out;
}

/** `CURRENT_TIMESTAMP` and `transaction_timestamp()` are `now()`. */
function canonicalNow(tokens: readonly Tok[]): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.kind === 'word' && t.text === 'current_timestamp' && !isOpen(tokens[i + 1])) {
      out.push({ kind: 'word', text: 'now', spaced: t.spaced });
      out.push({ kind: 'punct', text: '(', spaced: false });
      out.push({ kind: 'punct', text: ')', spaced: false });
    } else if (
      t.kind === 'word' &&
      t.text === 'transaction_timestamp' &&
      isOpen(tokens[i + 1]) &&
      isClose(tokens[i + 2])
    ) {
      out.push({ kind: 'word', text: 'now', spaced: t.spaced });
    } else {
      out.push(t);
    }
  }
  return out;
}

/** Built-in type names of more than one word, as they may follow `::`. */
const MULTIWORD_TYPES: readonly string[] = [
  'character varying',
  'double precision',
  'bit varying',
  'timestamp with time zone',
  'timestamp without time zone',
  'time with time zone',
  'time without time zone',
];

/** Words that are prefix operators, never function names: `(not(a))` must keep its parentheses. */
const PREFIX_KEYWORDS: ReadonlySet<string> = new Set(['not']);

/** End (exclusive) of a type name starting at `start` (after `::`), or -1. */
function typeEnd(tokens: readonly Tok[], start: number): number {
  const first = tokens[start];
  if (!isName(first)) return -1;
  let i = start + 1;
  let phrase = first!.text;
  const skipModifiers = (): boolean => {
    if (!isOpen(tokens[i])) return true;
    const close = matchingClose(tokens, i);
    i = close + 1;
    return close !== -1;
  };
  if (!skipModifiers()) return -1;
  for (let next = tokens[i]; next?.kind === 'word'; next = tokens[i]) {
    const candidate = `${phrase} ${next.text}`;
    if (!MULTIWORD_TYPES.some((type) => type === candidate || type.startsWith(`${candidate} `))) break;
    phrase = candidate;
    i += 1;
    if (!skipModifiers()) return -1;
  }
  if (phrase.includes(' ') && !MULTIWORD_TYPES.includes(phrase)) return -1;
  while (tokens[i]?.kind === 'punct' && tokens[i]!.text === '[') {
    const close = matchingClose(tokens, i);
    if (close === -1) return -1;
    i = close + 1;
  }
  return i;
}

/**
 * End (exclusive) of a primary starting at `start`: a name, a literal or a function
 * call, followed by any number of casts; -1 when the tokens there are something else.
 * Nothing but `.` and `[]` binds tighter than a cast, so parentheses around a primary
 * never change what an expression means.
 */
function primaryEnd(tokens: readonly Tok[], start: number): number {
  const first = tokens[start];
  if (first === undefined || !(isName(first) || first.kind === 'string')) return -1;
  let i = start + 1;
  if (isName(first) && isOpen(tokens[i]) && !PREFIX_KEYWORDS.has(first.text)) {
    const close = matchingClose(tokens, i);
    if (close === -1) return -1;
    i = close + 1;
  }
  while (tokens[i]?.kind === 'punct' && tokens[i]!.text === '::') {
    i = typeEnd(tokens, i + 1);
    if (i === -1) return -1;
  }
  return i;
}

/** Removes parentheses around a primary: `(v)::halfvec(3)` → `v::halfvec(3)`, `(f(x))::t` → `f(x)::t`. */
function unwrapPrimaries(tokens: readonly Tok[]): Tok[] {
  let out = [...tokens];
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < out.length; i += 1) {
      if (!isOpen(out[i])) continue;
      const before = out[i - 1];
      // After a name the parentheses are a call or a type modifier.
      if (isName(before) || isClose(before) || (before?.kind === 'punct' && before.text === ']')) continue;
      const close = matchingClose(out, i);
      if (close === -1 || primaryEnd(out, i + 1) !== close) continue;
      const after = out[close + 1];
      // `(a).b` and `(a)[1]` need them.
      if (after !== undefined && (after.text.startsWith('.') || after.text === '[')) continue;
      const inner = out.slice(i + 1, close);
      inner[0] = { ...inner[0]!, spaced: out[i]!.spaced };
      out = [...out.slice(0, i), ...inner, ...out.slice(close + 1)];
      changed = true;
    }
  }
  return out;
}

/** Removes parentheses that wrap the whole expression, repeatedly. */
function unwrapOuter(tokens: readonly Tok[]): Tok[] {
  let out = [...tokens];
  while (out.length >= 2 && isOpen(out[0]) && matchingClose(out, 0) === out.length - 1) {
    out = out.slice(1, -1);
    if (out[0] !== undefined) out[0] = { ...out[0], spaced: false };
  }
  return out;
}

function canonicalTokens(text: string): Tok[] {
  return unwrapOuter(unwrapPrimaries(canonicalNow(lex(text))));
}

/** Keywords PostgreSQL prints a space after, before a parenthesis: `AND (`, `= ANY (`, `IN (`. */
const SPACED_KEYWORDS: ReadonlySet<string> = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'like',
  'ilike',
  'similar',
  'between',
  'case',
  'when',
  'then',
  'else',
  'exists',
  'any',
  'all',
  'some',
  'as',
  'from',
  'where',
]);

/** Prints tokens with PostgreSQL's spacing around punctuation, keeping the author's elsewhere. */
function render(tokens: readonly Tok[]): string {
  let out = '';
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    if (prev !== undefined) {
      const prevPunct = prev.kind === 'punct' ? prev.text : '';
      const punct = t.kind === 'punct' ? t.text : '';
      let space: boolean;
      if (prevPunct === ',') space = true;
      else if (prevPunct === '(' || prevPunct === '[' || prevPunct === '::') space = false;
      else if (punct === ')' || punct === ']' || punct === ',' || punct === '::') space = false;
      else if (punct === '(' && prev.kind === 'word' && SPACED_KEYWORDS.has(prev.text)) space = true;
      else if ((punct === '(' || punct === '[') && (isName(prev) || prevPunct === ']')) space = false;
      else space = t.spaced;
      if (space) out += ' ';
    }
    out += t.text;
  }
  return out;
}

/**
 * Canonical text of a SQL expression (check, index expression, predicate, generated
 * column): comments dropped, whitespace collapsed, unquoted words lower-cased, redundant
 * parentheses (around the whole, or around a name, literal, function call or a cast of
 * one) removed, `CURRENT_TIMESTAMP` spelled `now()`. Literals and quoted identifiers are never changed. Best effort: two
 * expressions PostgreSQL deparses differently (`IN (...)` vs `= ANY (ARRAY[...])`) stay different.
 *
 * @example
 * ```ts
 * normalizeExpression('((Price > 0))');                // 'price > 0'
 * normalizeExpression('(embedding)::halfvec(3)');      // 'embedding::halfvec(3)'
 * normalizeExpression("TO_TSVECTOR('English', body)"); // "to_tsvector('English', body)"
 * ```
 */
export function normalizeExpression(expr: string): string {
  return render(canonicalTokens(expr));
}

/**
 * Removes parentheses that wrap the whole expression and nothing else.
 *
 * @example
 * ```ts
 * unwrapParentheses('((v::halfvec(3)))'); // 'v::halfvec(3)'
 * unwrapParentheses('(a) + (b)');         // '(a) + (b)'
 * ```
 */
export function unwrapParentheses(expr: string): string {
  let text = expr.trim();
  for (;;) {
    const tokens = lex(text);
    if (tokens.length < 2 || !isOpen(tokens[0]) || matchingClose(tokens, 0) !== tokens.length - 1)
      return text;
    text = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')).trim();
  }
}

// ---------------------------------------------------------------------------
// Defaults

const NUMBER_LITERAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const TRUE_WORDS: ReadonlySet<string> = new Set(['t', 'true', 'y', 'yes', 'on', '1']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['f', 'false', 'n', 'no', 'off', '0']);

function isPlainString(t: Tok | undefined): boolean {
  return t !== undefined && t.kind === 'string' && t.text.startsWith("'");
}

function isNumberWord(t: Tok | undefined): boolean {
  return t !== undefined && t.kind === 'word' && NUMBER_LITERAL.test(t.text);
}

function stringBody(t: Tok): string {
  return t.text.slice(1, -1).replaceAll("''", "'");
}

/** Length of a leading literal: `'x'`, `12`, `-12`; 0 when the expression does not start with one. */
function literalLength(tokens: readonly Tok[]): number {
  if (isPlainString(tokens[0]) || isNumberWord(tokens[0])) return 1;
  if (tokens[0]?.kind === 'operator' && tokens[0].text === '-' && isNumberWord(tokens[1])) return 2;
  return 0;
}

const INT4_RANGE = { min: -2147483648n, max: 2147483647n };
const INT8_RANGE = { min: -9223372036854775808n, max: 9223372036854775807n };

/**
 * The type PostgreSQL gives a bare number (`12` integer, `9000000000` bigint, `1.5`
 * numeric), for number tokens, quoted or not; undefined when they are not a number.
 */
function naturalNumberType(tokens: readonly Tok[]): string | undefined {
  const text = tokens.map((t) => (isPlainString(t) ? stringBody(t).trim() : t.text)).join('');
  if (!NUMBER_LITERAL.test(text)) return undefined;
  if (!/^[+-]?\d+$/.test(text)) return 'numeric';
  const value = BigInt(text);
  if (value >= INT4_RANGE.min && value <= INT4_RANGE.max) return 'integer';
  if (value >= INT8_RANGE.min && value <= INT8_RANGE.max) return 'bigint';
  return 'numeric';
}

/**
 * `'x'::<the column's type>` → `'x'`; a number cast to the type it has anyway →
 * the number (PostgreSQL prints `-1` as `'-1'::integer`, `-0.25` as `'-0.25'::numeric`).
 * Any other cast is kept.
 */
function dropCastToColumnType(tokens: readonly Tok[], type: SqlType): Tok[] {
  const literal = literalLength(tokens);
  const cast = tokens[literal];
  if (literal === 0 || cast?.kind !== 'punct' || cast.text !== '::') return [...tokens];
  const typeTokens = tokens.slice(literal + 1);
  if (typeTokens.some((t) => t.kind === 'punct' && t.text === '::')) return [...tokens];
  let castType: SqlType;
  try {
    castType = parseSqlType(render(typeTokens));
  } catch {
    return [...tokens];
  }
  const natural =
    castType.arrayDims === 0 &&
    castType.modifiers.length === 0 &&
    castType.name === naturalNumberType(tokens.slice(0, literal));
  return sameTypeIgnoringModifiers(castType, type) || natural ? tokens.slice(0, literal) : [...tokens];
}

/**
 * Canonical text of a column default, so that the DSL's spelling and the one
 * `pg_get_expr` prints compare equal: the cast PostgreSQL adds to a literal of the
 * column's own type is dropped (`'draft'::mood` → `'draft'`), quoted numbers of numeric
 * columns are unquoted (`'-1'::integer` → `-1`), quoted booleans become `true`/`false`,
 * `CURRENT_TIMESTAMP` is `now()`, and `NULL` (with or without a cast) means no default.
 * The result is still a valid default for the column.
 *
 * @example
 * ```ts
 * import { normalizeDefault } from 'strata/catalog';
 * import { sqlType } from 'strata/model';
 *
 * normalizeDefault("'draft'::character varying", sqlType('character varying', [20])); // "'draft'"
 * normalizeDefault("'-1'::integer", sqlType('integer'));                              // '-1'
 * normalizeDefault('CURRENT_TIMESTAMP', sqlType('timestamp with time zone'));         // 'now()'
 * normalizeDefault('NULL::text', sqlType('text'));                                    // undefined
 * ```
 */
export function normalizeDefault(expr: string | undefined, type: SqlType): string | undefined {
  if (expr === undefined) return undefined;
  let tokens = canonicalTokens(expr);
  if (tokens.length === 0) return undefined;
  tokens = unwrapOuter(dropCastToColumnType(tokens, type));
  const first = tokens[0]!;
  if (first.kind === 'word' && first.text === 'null') {
    const cast = tokens[1];
    if (tokens.length === 1 || (cast?.kind === 'punct' && cast.text === '::')) return undefined;
  }
  if (type.arrayDims === 0 && tokens.length === 1 && isPlainString(first)) {
    const body = stringBody(first).trim();
    if (NUMERIC_TYPES.has(type.name) && NUMBER_LITERAL.test(body)) return body.replace(/^\+/, '');
    if (type.name === 'boolean' && TRUE_WORDS.has(body.toLowerCase())) return 'true';
    if (type.name === 'boolean' && FALSE_WORDS.has(body.toLowerCase())) return 'false';
  }
  if (tokens.length === 2 && literalLength(tokens) === 2) return `-${tokens[1]!.text}`;
  return render(tokens);
}

// ---------------------------------------------------------------------------
// Sequence options

function parseBigInt(value: string, what: string): bigint {
  const text = value.trim();
  if (!/^[+-]?\d+$/.test(text)) {
    throw new StrataError(
      'SCHEMA_INVALID',
      `Sequence option ${what} must be a whole number written as a string, got ${JSON.stringify(value)}.`,
      { option: what, value },
    );
  }
  return BigInt(text);
}

/**
 * Keeps only the sequence options that differ from what PostgreSQL would choose by
 * itself for a sequence of `dataType` (increment 1; ascending: min 1, max the type's
 * maximum, start at min; descending: min the type's minimum, max -1, start at max;
 * cache 1; no cycle). Numbers come back in canonical decimal form.
 *
 * @example
 * ```ts
 * normalizeSequenceOptions({ start: '1', increment: '1', cache: '20' }, 'integer'); // { cache: '20' }
 * normalizeSequenceOptions({ minValue: '10' }, 'integer');                          // { minValue: '10' }
 * normalizeSequenceOptions({ start: '10', minValue: '10' }, 'integer');             // { minValue: '10' }
 * ```
 */
export function normalizeSequenceOptions(
  options: SequenceOptions,
  dataType: SequenceDataType,
): SequenceOptions {
  const bounds = SEQUENCE_BOUNDS[dataType];
  const increment = options.increment === undefined ? 1n : parseBigInt(options.increment, 'increment');
  const ascending = increment > 0n;
  const min =
    options.minValue === undefined
      ? ascending
        ? 1n
        : bounds.min
      : parseBigInt(options.minValue, 'minValue');
  const max =
    options.maxValue === undefined
      ? ascending
        ? bounds.max
        : -1n
      : parseBigInt(options.maxValue, 'maxValue');
  const start = options.start === undefined ? (ascending ? min : max) : parseBigInt(options.start, 'start');
  const cache = options.cache === undefined ? 1n : parseBigInt(options.cache, 'cache');
  return {
    ...(start !== (ascending ? min : max) ? { start: start.toString() } : {}),
    ...(increment !== 1n ? { increment: increment.toString() } : {}),
    ...(min !== (ascending ? 1n : bounds.min) ? { minValue: min.toString() } : {}),
    ...(max !== (ascending ? bounds.max : -1n) ? { maxValue: max.toString() } : {}),
    ...(cache !== 1n ? { cache: cache.toString() } : {}),
    ...(options.cycle === true ? { cycle: true } : {}),
  };
}

/** Whether a type name can carry a sequence (identity, serial, CREATE SEQUENCE AS). */
export function isSequenceDataType(name: string): name is SequenceDataType {
  return name === 'smallint' || name === 'integer' || name === 'bigint';
}

// ---------------------------------------------------------------------------
// Implicit names (PostgreSQL's ChooseRelationName / ChooseConstraintName / makeObjectName)

/** NAMEDATALEN - 1: the longest identifier, in bytes. */
const MAX_IDENTIFIER_BYTES = 63;

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Longest prefix of whole characters that fits in `bytes` (pg_mbcliplen). */
function clipBytes(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = byteLength(ch);
    if (used + size > bytes) break;
    out += ch;
    used += size;
  }
  return out;
}

/** makeObjectName: `name1[_name2]_label`, shortening the longer of name1/name2 first. */
function makeObjectName(name1: string, name2: string | undefined, label: string): string {
  let chars1 = byteLength(name1);
  let chars2 = name2 === undefined ? 0 : byteLength(name2);
  const overhead = (name2 === undefined ? 0 : 1) + byteLength(label) + 1;
  const available = MAX_IDENTIFIER_BYTES - overhead;
  while (chars1 + chars2 > available) {
    if (chars1 > chars2) chars1 -= 1;
    else chars2 -= 1;
  }
  const part2 = name2 === undefined ? '' : `_${clipBytes(name2, chars2)}`;
  return `${clipBytes(name1, chars1)}${part2}_${label}`;
}

/** ChooseRelationName / ChooseConstraintName: the first of label, label1, label2, ... not taken. */
function chooseName(
  name1: string,
  name2: string | undefined,
  label: string,
  taken: ReadonlySet<string> | undefined,
): string {
  let name = makeObjectName(name1, name2, label);
  for (let pass = 1; taken?.has(name) === true; pass += 1) {
    name = makeObjectName(name1, name2, `${label}${pass}`);
  }
  return name;
}

/** ChooseIndexNameAddition / ChooseForeignKeyConstraintNameAddition: names joined by `_`, capped. */
function nameAddition(names: readonly string[]): string {
  let out = '';
  for (const name of names) {
    if (out !== '') out += '_';
    out += clipBytes(name, MAX_IDENTIFIER_BYTES);
    if (byteLength(out) > MAX_IDENTIFIER_BYTES) break;
  }
  return out;
}

/** How sure PostgreSQL is of a name it figured for an expression (FigureColnameInternal). */
interface FiguredName {
  readonly name: string;
  /** 2: a column, field or function name; 1: a type name or `case`, which a cast overrides. */
  readonly strength: 1 | 2;
}

/** The names PostgreSQL's grammar gives built-in types (`::integer` is a cast to `int4`). */
const INTERNAL_TYPE_NAMES: Readonly<Record<string, string>> = {
  integer: 'int4',
  bigint: 'int8',
  smallint: 'int2',
  real: 'float4',
  'double precision': 'float8',
  boolean: 'bool',
  'character varying': 'varchar',
  character: 'bpchar',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time',
  'time with time zone': 'timetz',
  'bit varying': 'varbit',
  '"char"': 'char',
};

/** End (exclusive) of a possibly qualified name starting at `start`: `a`, `s.f`, `s."F"`. */
function nameRunEnd(tokens: readonly Tok[], start: number): number {
  let i = start + 1;
  while (isName(tokens[i]) && (tokens[i - 1]!.text.endsWith('.') || tokens[i]!.text.startsWith('.'))) i += 1;
  return i;
}

/** The last part of a name token: `pg_catalog.lower` → `lower`, `"Foo"` → `Foo`. */
function lastNamePart(token: Tok): string {
  if (token.kind === 'quotedIdent') return token.text.slice(1, -1).replaceAll('""', '"');
  const parts = token.text.split('.').filter((part) => part !== '');
  return parts[parts.length - 1] ?? token.text;
}

function castTypeName(tokens: readonly Tok[]): string {
  try {
    const type = parseSqlType(render(tokens));
    const base = type.name.startsWith('interval') ? 'interval' : type.name;
    return INTERNAL_TYPE_NAMES[base] ?? base;
  } catch {
    const last = tokens.filter(isName).pop();
    return last === undefined ? 'expr' : lastNamePart(last);
  }
}

/** A cast keeps the name of what it casts unless that name is weak; then it is the type's. */
function applyCast(figured: FiguredName | undefined, typeTokens: readonly Tok[]): FiguredName {
  return figured !== undefined && figured.strength === 2
    ? figured
    : { name: castTypeName(typeTokens), strength: 1 };
}

/** `CAST(x AS t)`, `TRIM(LEADING ...)` and the rest of the calls PostgreSQL's grammar renames. */
function figureCall(name: string, args: readonly Tok[]): FiguredName | undefined {
  if (name === 'cast') {
    let depth = 0;
    for (let i = 0; i < args.length; i += 1) {
      const t = args[i]!;
      if (isOpen(t)) depth += 1;
      else if (isClose(t)) depth -= 1;
      else if (depth === 0 && t.kind === 'word' && t.text === 'as') {
        return applyCast(figureIndexColumnName(args.slice(0, i)), args.slice(i + 1));
      }
    }
    return undefined;
  }
  if (name === 'trim') {
    const side = args[0]?.text;
    return { name: side === 'leading' ? 'ltrim' : side === 'trailing' ? 'rtrim' : 'btrim', strength: 2 };
  }
  return { name, strength: 2 };
}

/**
 * The column name PostgreSQL figures for an index expression (FigureIndexColname): the
 * column, field or function it is, the type it is cast to when nothing better is known;
 * undefined for an operator expression or a constant (PostgreSQL then says `expr`).
 */
function figureIndexColumnName(input: readonly Tok[]): FiguredName | undefined {
  const tokens = unwrapOuter(input);
  const first = tokens[0];
  if (first === undefined) return undefined;
  let figured: FiguredName | undefined;
  let i: number;
  if (isOpen(first)) {
    i = matchingClose(tokens, 0) + 1;
    if (i === 0) return undefined;
    figured = figureIndexColumnName(tokens.slice(1, i - 1));
  } else if (first.kind === 'word' && first.text === 'case') {
    let depth = 0;
    i = tokens.findIndex((t) => {
      if (t.kind === 'word' && t.text === 'case') depth += 1;
      if (t.kind === 'word' && t.text === 'end') depth -= 1;
      return depth === 0;
    });
    if (i === -1) return undefined;
    i += 1;
    figured = { name: 'case', strength: 1 };
  } else if (
    first.kind === 'word' &&
    first.text === 'array' &&
    (isOpen(tokens[1]) || tokens[1]?.text === '[')
  ) {
    i = matchingClose(tokens, 1) + 1;
    if (i === 0) return undefined;
    figured = { name: 'array', strength: 2 };
  } else if (isName(first) && !isNumberWord(first)) {
    const end = nameRunEnd(tokens, 0);
    const name = lastNamePart(tokens[end - 1]!);
    if (isOpen(tokens[end])) {
      i = matchingClose(tokens, end) + 1;
      if (i === 0) return undefined;
      figured = figureCall(name, tokens.slice(end + 1, i - 1));
    } else {
      i = end;
      const constant = first.kind === 'word' && (name === 'true' || name === 'false' || name === 'null');
      figured = constant ? undefined : { name, strength: 2 };
    }
  } else if (first.kind === 'string' || isNumberWord(first)) {
    i = 1;
    figured = undefined;
  } else {
    return undefined;
  }
  // What may follow a value without making it an operator expression.
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && t.text === '::') {
      const end = typeEnd(tokens, i + 1);
      if (end === -1) return undefined;
      figured = applyCast(figured, tokens.slice(i + 1, end));
      i = end;
    } else if (t.kind === 'punct' && t.text === '[') {
      i = matchingClose(tokens, i) + 1;
      if (i === 0) return undefined;
    } else if (t.kind === 'word' && t.text.startsWith('.')) {
      figured = { name: lastNamePart(t), strength: 2 };
      i += 1;
    } else if (t.kind === 'word' && t.text === 'collate' && isName(tokens[i + 1])) {
      i = nameRunEnd(tokens, i + 1);
    } else {
      return undefined;
    }
  }
  return figured;
}

/** ChooseIndexColumnNames: columns by name, expressions as FigureIndexColname says or `expr`; repeats numbered. */
function indexColumnNames(elements: readonly (string | IndexElement)[]): string[] {
  const result: string[] = [];
  for (const element of elements) {
    const original =
      typeof element === 'string'
        ? element
        : element.kind === 'indexColumn'
          ? element.column
          : (figureIndexColumnName(lex(element.expression))?.name ?? 'expr');
    let current = original;
    for (let i = 1; result.includes(current); i += 1) {
      const suffix = String(i);
      current = clipBytes(original, MAX_IDENTIFIER_BYTES - suffix.length) + suffix;
    }
    result.push(current);
  }
  return result;
}

/**
 * The name PostgreSQL gives an unnamed constraint: `t_pkey`, `t_a_b_key`, `t_a_fkey`,
 * `t_a_check` (a check on exactly one column) or `t_check` (pass the distinct columns
 * the check references). Long names are cut to 63 bytes the way PostgreSQL does it
 * (the longer of table and column part first). Pass the names already in use to get
 * PostgreSQL's numbered fallback (`t_check1`).
 *
 * @example
 * ```ts
 * implicitConstraintName('posts', ['author_id'], 'foreignKey'); // 'posts_author_id_fkey'
 * implicitConstraintName('t', ['a', 'b'], 'unique');            // 't_a_b_key'
 * implicitConstraintName('t', ['a', 'b'], 'check');             // 't_check'
 * ```
 */
export function implicitConstraintName(
  table: string,
  columns: readonly string[],
  kind: ConstraintKind,
  taken?: ReadonlySet<string>,
): string {
  const byKind: Record<ConstraintKind, () => string> = {
    primaryKey: () => chooseName(table, undefined, 'pkey', taken),
    unique: () => chooseName(table, nameAddition(indexColumnNames(columns)), 'key', taken),
    foreignKey: () => chooseName(table, nameAddition(columns), 'fkey', taken),
    check: () => chooseName(table, columns.length === 1 ? columns[0] : undefined, 'check', taken),
  };
  return byKind[kind]();
}

/**
 * The name PostgreSQL gives an unnamed index: `t_a_b_idx`; an expression is named as
 * PostgreSQL's FigureIndexColname does it (`lower(title)` → `lower`, `embedding::halfvec(3)`
 * → `embedding`, `(a + b)` → `expr`). Pass the key elements followed by the INCLUDE
 * columns (PostgreSQL names after both).
 *
 * @example
 * ```ts
 * implicitIndexName('docs', ['tenant_id', 'created_at']); // 'docs_tenant_id_created_at_idx'
 * implicitIndexName('docs', [{ kind: 'indexExpression', expression: 'lower(title)' }]); // 'docs_lower_idx'
 * implicitIndexName('docs', [{ kind: 'indexExpression', expression: "meta->>'kind'" }]); // 'docs_expr_idx'
 * ```
 */
export function implicitIndexName(
  table: string,
  elements: readonly (string | IndexElement)[],
  taken?: ReadonlySet<string>,
): string {
  return chooseName(table, nameAddition(indexColumnNames(elements)), 'idx', taken);
}

/**
 * The name of the sequence PostgreSQL creates for a serial or identity column: `t_id_seq`.
 *
 * @example
 * ```ts
 * implicitSequenceName('users', 'id'); // 'users_id_seq'
 * ```
 */
export function implicitSequenceName(table: string, column: string, taken?: ReadonlySet<string>): string {
  return chooseName(table, column, 'seq', taken);
}

// ---------------------------------------------------------------------------
// Whole models

function normalizeTable(table: TableModel): TableModel {
  const columns = table.columns.map((column) => {
    const { default: rawDefault, ...rest } = column;
    const normalizedDefault = normalizeDefault(rawDefault, column.type);
    return {
      ...rest,
      ...(normalizedDefault === undefined ? {} : { default: normalizedDefault }),
      ...(column.generated === undefined
        ? {}
        : {
            generated: { ...column.generated, expression: normalizeExpression(column.generated.expression) },
          }),
      ...(column.identity === undefined || !isSequenceDataType(column.type.name)
        ? {}
        : {
            identity: {
              ...column.identity,
              sequence: normalizeSequenceOptions(column.identity.sequence, column.type.name),
            },
          }),
    };
  });
  const indexes = table.indexes.map((index) => {
    const { where, ...rest } = index;
    return {
      ...rest,
      elements: index.elements.map((element) =>
        element.kind === 'indexExpression'
          ? { ...element, expression: normalizeExpression(element.expression) }
          : element,
      ),
      ...(where === undefined ? {} : { where: normalizeExpression(where) }),
    };
  });
  return {
    ...table,
    columns,
    uniques: sortByName(table.uniques),
    checks: sortByName(
      table.checks.map((check) => ({ ...check, expression: normalizeExpression(check.expression) })),
    ),
    foreignKeys: sortByName(table.foreignKeys),
    indexes: sortByName(indexes),
  };
}

function normalizeSequence(sequence: SequenceModel): SequenceModel {
  const { kind, schema, name, dataType, ...options } = sequence;
  return { kind, schema, name, dataType, ...normalizeSequenceOptions(options, dataType) };
}

/**
 * A copy of a model with every default, expression and sequence option in canonical
 * form and every list in the model's order, so that a model built by the DSL and one
 * read from the catalog can be compared with deep equality. Idempotent. DSL-only hints
 * (`renamedFrom`, `concurrently`) are kept.
 *
 * @example
 * ```ts
 * import { isDeepStrictEqual } from 'node:util';
 * import type { Database } from 'strata';
 * import { introspect, normalizeSchemaModel } from 'strata/catalog';
 * import type { Schema } from 'strata/schema';
 *
 * declare const db: Database;
 * declare const schema: Schema; // from defineSchema()
 * const live = await introspect(db.executor);
 * const same = isDeepStrictEqual(normalizeSchemaModel(schema.model), normalizeSchemaModel(live));
 * ```
 */
export function normalizeSchemaModel(model: SchemaModel): SchemaModel {
  return {
    ...model,
    extensions: sortByName(model.extensions),
    schemas: [...model.schemas].sort(compareNames),
    enums: sortBySchemaAndName(model.enums),
    sequences: sortBySchemaAndName(model.sequences.map(normalizeSequence)),
    tables: sortBySchemaAndName(model.tables.map(normalizeTable)),
  };
}

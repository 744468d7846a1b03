import { tokenizeSql } from '../../catalog/sql-lexer.js';
import { quoteIdent } from '../../ddl/quote.js';

/**
 * Column names inside SQL expressions (checks, index expressions and predicates, generated
 * columns), found by token rather than by text so that string literals and quoted names are
 * respected. Function names (a word before `(`) and type names (after `::`) are not columns.
 */

interface NameToken {
  /** Index of the token in the token list. */
  readonly index: number;
  /** The name as PostgreSQL reads it: bare words folded to lower case, quoted ones as written. */
  readonly name: string;
  readonly quoted: boolean;
}

function nameTokens(expression: string): { tokens: ReturnType<typeof tokenizeSql>; names: NameToken[] } {
  const tokens = tokenizeSql(expression);
  const names: NameToken[] = [];
  const significant = tokens
    .map((token, index) => ({ token, index }))
    .filter(({ token }) => token.kind !== 'space');
  significant.forEach(({ token, index }, position) => {
    const previous = significant[position - 1]?.token;
    const next = significant[position + 1]?.token;
    if (previous?.kind === 'punct' && previous.text === '::') return;
    if (token.kind === 'word') {
      if (next?.kind === 'punct' && next.text === '(') return;
      if (/^[0-9.]/.test(token.text) || token.text.includes('.')) return;
      names.push({ index, name: token.text.toLowerCase(), quoted: false });
    } else if (token.kind === 'quotedIdent' && token.text.startsWith('"')) {
      names.push({ index, name: token.text.slice(1, -1).replaceAll('""', '"'), quoted: true });
    }
  });
  return { tokens, names };
}

/**
 * Whether an expression mentions one of `columns`.
 *
 * @example
 * ```ts
 * mentionsAny('(price > (0)::numeric)', new Set(['price'])); // true
 * mentionsAny("lower(name) = 'price'", new Set(['price'])); // false
 * ```
 */
export function mentionsAny(expression: string, columns: ReadonlySet<string>): boolean {
  if (columns.size === 0) return false;
  return nameTokens(expression).names.some((token) => columns.has(token.name));
}

/**
 * The expression with every mention of column `from` replaced by `to`, as PostgreSQL itself
 * rewrites stored expressions when a column is renamed.
 *
 * @example
 * ```ts
 * renameInExpression("(name <> ''::text)", 'name', 'full_name'); // "(full_name <> ''::text)"
 * ```
 */
export function renameInExpression(expression: string, from: string, to: string): string {
  const { tokens, names } = nameTokens(expression);
  const replace = new Set(names.filter((token) => token.name === from).map((token) => token.index));
  if (replace.size === 0) return expression;
  return tokens.map((token, index) => (replace.has(index) ? quoteIdent(to) : token.text)).join('');
}

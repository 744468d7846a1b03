/**
 * A small SQL lexer for text canonicalisation. It only needs to tell apart what must
 * never be touched (string literals, quoted identifiers, dollar-quoted bodies) from
 * what PostgreSQL folds or ignores (unquoted words, whitespace, comments), so it does
 * not know keywords or grammar.
 */

export type SqlTokenKind = 'word' | 'string' | 'quotedIdent' | 'space' | 'punct' | 'operator';

export interface SqlToken {
  readonly kind: SqlTokenKind;
  readonly text: string;
}

const OPERATOR_CHARS = new Set('+-*/<>=~!@#%^&|`?'.split(''));
const PUNCT_CHARS = new Set('()[],;:'.split(''));
const STRING_PREFIXES = new Set(['e', 'b', 'x', 'n']);

function isWordChar(ch: string): boolean {
  return /[A-Za-z0-9_$.]/.test(ch) || ch.charCodeAt(0) > 127;
}

function isWordStart(ch: string): boolean {
  return /[A-Za-z0-9_.]/.test(ch) || ch.charCodeAt(0) > 127;
}

/** End index (exclusive) of a quoted run starting at `start` (the opening quote), honouring doubled quotes. */
function endOfQuoted(text: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (backslashEscapes && ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  // Unterminated: keep the rest as one opaque token rather than guessing.
  return text.length;
}

function endOfDollarQuoted(text: string, start: number): number | undefined {
  const match = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(start));
  if (match === null) return undefined;
  const tag = match[0];
  const close = text.indexOf(tag, start + tag.length);
  return close === -1 ? text.length : close + tag.length;
}

function endOfBlockComment(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  return text.length;
}

/**
 * Splits SQL text into tokens. Comments become whitespace. Concatenating the `text` of
 * every token gives back the input with comments replaced by a space.
 *
 * @example
 * ```ts
 * tokenizeSql("'a'::TEXT").map((t) => t.kind); // ['string', 'punct', 'word']
 * ```
 */
export function tokenizeSql(text: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  const push = (kind: SqlTokenKind, end: number): void => {
    tokens.push({ kind, text: text.slice(i, end) });
    i = end;
  };
  while (i < text.length) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (/\s/.test(ch)) {
      let end = i;
      while (end < text.length && /\s/.test(text[end]!)) end += 1;
      push('space', end);
    } else if (ch === '-' && next === '-') {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? text.length : newline;
      tokens.push({ kind: 'space', text: ' ' });
    } else if (ch === '/' && next === '*') {
      i = endOfBlockComment(text, i);
      tokens.push({ kind: 'space', text: ' ' });
    } else if (ch === "'") {
      push('string', endOfQuoted(text, i, "'", false));
    } else if (STRING_PREFIXES.has(ch.toLowerCase()) && next === "'" && !isWordChar(text[i - 1] ?? ' ')) {
      push('string', endOfQuoted(text, i + 1, "'", ch.toLowerCase() === 'e'));
    } else if ((ch === 'u' || ch === 'U') && next === '&' && (text[i + 2] === "'" || text[i + 2] === '"')) {
      const quote = text[i + 2]!;
      push(quote === "'" ? 'string' : 'quotedIdent', endOfQuoted(text, i + 2, quote, false));
    } else if (ch === '"') {
      push('quotedIdent', endOfQuoted(text, i, '"', false));
    } else if (ch === '$' && endOfDollarQuoted(text, i) !== undefined) {
      push('string', endOfDollarQuoted(text, i)!);
    } else if (ch === ':' && next === ':') {
      push('punct', i + 2);
    } else if (PUNCT_CHARS.has(ch)) {
      push('punct', i + 1);
    } else if (OPERATOR_CHARS.has(ch)) {
      let end = i;
      while (
        end < text.length &&
        OPERATOR_CHARS.has(text[end]!) &&
        !text.startsWith('--', end) &&
        !text.startsWith('/*', end)
      ) {
        end += 1;
      }
      push('operator', end);
    } else if (isWordStart(ch) || ch === '$') {
      let end = i + 1;
      while (end < text.length && isWordChar(text[end]!)) end += 1;
      push('word', end);
    } else {
      push('operator', i + 1);
    }
  }
  return tokens;
}

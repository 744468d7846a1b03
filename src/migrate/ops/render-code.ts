import { isDestructive } from './dispatch.js';
import { handlerFor } from './handlers.js';
import type { IrreversibleOperation, MigrationOperation } from './operation.js';

/**
 * Biome's line width (110) less the 4 columns the migration file writer indents `up`/`down`
 * bodies by, so that generated migration files need no reformatting.
 */
const LINE_WIDTH = 106;
const INDENT = '  ';
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A JavaScript string literal as Biome writes it: single quotes, unless the text holds more
 * single than double quotes (SQL literals such as `'draft'`).
 */
function quoteString(text: string): string {
  const singles = text.split("'").length - 1;
  const doubles = text.split('"').length - 1;
  const quote = singles > doubles ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === quote) out += `\\${quote}`;
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x2028 || code === 0x2029 || code === 0x7f) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out + quote;
}

function entries(value: object): [string, unknown][] {
  const all = Object.entries(value).filter(([, v]) => v !== undefined);
  // `kind` first: it says what the literal is.
  return [...all.filter(([k]) => k === 'kind'), ...all.filter(([k]) => k !== 'kind')];
}

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : quoteString(name);
}

/** The value on one line. */
function flat(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quoteString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(flat).join(', ')}]`;
  if (typeof value === 'object') {
    const parts = entries(value).map(([k, v]) => `${key(k)}: ${flat(v)}`);
    return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
  }
  return 'undefined';
}

function isCompound(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** The value over several lines: one element or property per line, each as short as fits. */
function broken(value: object, depth: number): string {
  const inner = INDENT.repeat(depth + 1);
  const lines: string[] = Array.isArray(value)
    ? value.map((item) => `${inner}${pretty(item, depth + 1, inner.length, 1)},`)
    : entries(value).map(([k, v]) => {
        const head = `${inner}${key(k)}: `;
        return `${head}${pretty(v, depth + 1, head.length, 1)},`;
      });
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (lines.length === 0) return `${open}${close}`;
  return `${open}\n${lines.join('\n')}\n${INDENT.repeat(depth)}${close}`;
}

/**
 * The value on one line if it fits between column `used` and the `trailing` characters that
 * follow it, else broken over lines.
 */
function pretty(value: unknown, depth: number, used: number, trailing: number): string {
  const oneLine = flat(value);
  if (used + oneLine.length + trailing <= LINE_WIDTH || !isCompound(value)) return oneLine;
  return broken(value, depth);
}

/** Biome's choice: the call on one line, else hugging a last object or array argument, else one argument per line. */
function renderCall(method: string, args: readonly unknown[]): string {
  const head = `op.${method}(`;
  const oneLine = `${head}${args.map(flat).join(', ')});`;
  if (oneLine.length <= LINE_WIDTH) return oneLine;
  const last = args[args.length - 1];
  const penultimate = args[args.length - 2];
  const sameShape =
    isCompound(penultimate) && isCompound(last) && Array.isArray(penultimate) === Array.isArray(last);
  const prefix = `${head}${args
    .slice(0, -1)
    .map((arg) => `${flat(arg)}, `)
    .join('')}`;
  if (isCompound(last) && !sameShape && prefix.length + 1 <= LINE_WIDTH)
    return `${prefix}${broken(last, 0)});`;
  const lines = args.map((arg) => `${INDENT}${pretty(arg, 1, INDENT.length, 1)},`);
  return `${head}\n${lines.join('\n')}\n);`;
}

function commentLines(label: string, text: string): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = `// ${label}:`;
  for (const word of words) {
    if (line.length + 1 + word.length > LINE_WIDTH) {
      lines.push(line);
      line = `//   ${word}`;
    } else line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}

/**
 * TypeScript source for the body of a migration's `up(op)` or `down(op)`: one `op.<method>(…)`
 * call per operation, with models written out as object literals (so the file does not depend
 * on the schema module as it is later). Destructive operations get a `// DESTRUCTIVE:` comment
 * with the reason; an irreversible step becomes `op.irreversible(reason)`, which fails when run.
 * The same operations always give the same text.
 *
 * @example
 * ```ts
 * renderOperationsAsCode([{ kind: 'setNotNull', table: { schema: 'public', name: 'users' }, column: 'email' }]);
 * // "op.setNotNull('users', 'email');\n"
 * ```
 */
export function renderOperationsAsCode(ops: readonly (MigrationOperation | IrreversibleOperation)[]): string {
  const blocks = ops.map((op) => {
    if (op.kind === 'irreversible') {
      return renderCall('irreversible', [op.reason]);
    }
    const call = handlerFor(op).call(op);
    const reason = isDestructive(op);
    const lines = reason === false ? [] : commentLines('DESTRUCTIVE', reason);
    return [...lines, renderCall(call.method, call.args)].join('\n');
  });
  return blocks.length === 0 ? '' : `${blocks.join('\n')}\n`;
}

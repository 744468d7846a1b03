import { StrataError } from '../../errors/strata-error.js';

/** A PostgreSQL array as JavaScript sees it: nested arrays, `null` for NULL elements. */
export type PgArray<T> = Array<T | null | PgArray<T>>;

/**
 * Parses PostgreSQL's text form of an array (`{1,2,NULL}`, `{{1,2},{3,4}}`, `{"a b","c\"d"}`,
 * `[0:1]={1,2}`), handing every non-NULL element to `parseElement`.
 * `delimiter` is the element type's `typdelim` (`,` for all but `box`, which uses `;`).
 *
 * @example
 * ```ts
 * parseArrayText('{1,NULL,3}', BigInt); // [1n, null, 3n]
 * ```
 */
export function parseArrayText<T>(
  text: string,
  parseElement: (element: string) => T,
  delimiter = ',',
): PgArray<T> {
  let position = 0;
  // Arrays with a lower bound other than 1 are printed with their bounds first: `[0:1]={1,2}`.
  if (text.startsWith('[')) {
    const equals = text.indexOf('=');
    if (equals < 0) throw malformed(text, 'bounds without "="');
    position = equals + 1;
  }

  const parseLevel = (): PgArray<T> => {
    if (text[position] !== '{') throw malformed(text, `expected "{" at ${position}`);
    position += 1;
    const items: PgArray<T> = [];
    if (text[position] === '}') {
      position += 1;
      return items;
    }
    for (;;) {
      const char = text[position];
      if (char === '{') {
        items.push(parseLevel());
      } else if (char === '"') {
        position += 1;
        let value = '';
        for (;;) {
          const c = text[position];
          if (c === undefined) throw malformed(text, 'unterminated quoted element');
          if (c === '\\') {
            value += text[position + 1] ?? '';
            position += 2;
          } else if (c === '"') {
            position += 1;
            break;
          } else {
            value += c;
            position += 1;
          }
        }
        items.push(parseElement(value));
      } else {
        const start = position;
        while (position < text.length && text[position] !== delimiter && text[position] !== '}')
          position += 1;
        const raw = text.slice(start, position).trim();
        items.push(raw.toUpperCase() === 'NULL' ? null : parseElement(raw));
      }
      const next = text[position];
      if (next === delimiter) {
        position += 1;
      } else if (next === '}') {
        position += 1;
        return items;
      } else {
        throw malformed(text, `expected "${delimiter}" or "}" at ${position}`);
      }
    }
  };

  const result = parseLevel();
  if (position !== text.length) throw malformed(text, `unexpected text after position ${position}`);
  return result;
}

function malformed(text: string, reason: string): StrataError {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return new StrataError('VALUE_INVALID', `Malformed array literal from the database (${reason}): ${shown}`, {
    reason,
  });
}

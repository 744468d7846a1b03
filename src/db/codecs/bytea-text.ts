import { StrataError } from '../../errors/strata-error.js';

/**
 * Parses PostgreSQL's text form of a `bytea`, in both output formats: hex (`\x0102`, the
 * default) and escape (`a\001\\`).
 *
 * @example
 * ```ts
 * parseByteaText('\\x0102'); // <Buffer 01 02>
 * ```
 */
export function parseByteaText(text: string): Buffer {
  if (text.startsWith('\\x')) {
    const hex = text.slice(2);
    if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
      throw new StrataError('VALUE_INVALID', `Malformed bytea hex value: ${text.slice(0, 40)}`);
    }
    return Buffer.from(hex, 'hex');
  }
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (char !== 0x5c) {
      bytes.push(char);
    } else if (text[i + 1] === '\\') {
      bytes.push(0x5c);
      i += 1;
    } else {
      const octal = text.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(octal)) {
        throw new StrataError('VALUE_INVALID', `Malformed bytea escape at ${i}: ${text.slice(i, i + 4)}`);
      }
      bytes.push(Number.parseInt(octal, 8));
      i += 3;
    }
  }
  return Buffer.from(bytes);
}

import { StrataError } from '../../errors/strata-error.js';

/**
 * What `infinity` and `-infinity` timestamps become: the latest and earliest instants a
 * JavaScript `Date` can hold. Formatting these dates as parameters gives `infinity` back.
 */
export const INFINITY_DATE_MS = 8.64e15;

const TIMESTAMP =
  /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?)?( BC)?$/;

/**
 * Parses PostgreSQL's ISO text form of a `timestamptz` (`2024-01-02 03:04:05.123456+05:30`) or
 * `timestamp` (`2024-01-02 03:04:05`) into a `Date`. A timestamp without time zone is read as
 * UTC, so it comes back as the wall-clock time that was stored whatever the zone of the Node
 * process. Microseconds are truncated to milliseconds.
 *
 * @example
 * ```ts
 * parseTimestampText('2024-01-02 03:04:05+02').toISOString(); // '2024-01-02T01:04:05.000Z'
 * ```
 */
export function parseTimestampText(text: string): Date {
  const fast = usualTimestampMs(text);
  if (fast !== undefined) return new Date(fast);
  if (text === 'infinity') return new Date(INFINITY_DATE_MS);
  if (text === '-infinity') return new Date(-INFINITY_DATE_MS);
  const m = TIMESTAMP.exec(text);
  if (!m) {
    throw new StrataError(
      'VALUE_INVALID',
      `Unrecognised timestamp "${text}": Strata reads the ISO format (set DateStyle to ISO, the default).`,
    );
  }
  const year = m[12] === undefined ? Number(m[1]) : 1 - Number(m[1]);
  const millis = m[7] === undefined ? 0 : Number(`${m[7].slice(1)}000`.slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(year, Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), millis);
  if (m[8] !== undefined) {
    const offsetSeconds = Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0);
    const sign = m[8] === '+' ? 1 : -1;
    return new Date(date.getTime() - sign * offsetSeconds * 1000);
  }
  return date;
}

/**
 * Formats a `Date` as a parameter both backends read the same way: ISO 8601 in UTC, or
 * `infinity`/`-infinity` for the dates `parseTimestampText` gives for them.
 */
export function formatTimestampParameter(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) {
    throw new StrataError('VALUE_INVALID', 'An invalid Date (NaN) was passed as a query parameter.');
  }
  if (time >= INFINITY_DATE_MS) return 'infinity';
  if (time <= -INFINITY_DATE_MS) return '-infinity';
  return date.toISOString();
}

/** The digit at `i` (0–9), or -1. */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Two digits at `i` as a number, or -1. */
function twoDigits(text: string, i: number): number {
  const tens = digitAt(text, i);
  const ones = digitAt(text, i + 1);
  return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
}

/**
 * Milliseconds of the form every row brings, `YYYY-MM-DD HH:MM:SS[.ffffff][±HH[:MM[:SS]]]` with
 * a year from 100 to 9999, read character by character (timestamps are in most rows, and the
 * regular expression costs several times more); undefined for anything else (BC, years past 9999
 * or before 100, infinity, other styles), which the regular expression then reads.
 */
function usualTimestampMs(text: string): number | undefined {
  const n = text.length;
  if (
    n < 19 ||
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 32 || // space
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58
  ) {
    return undefined;
  }
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  // Date.UTC reads years 0–99 as 1900–1999: those take the slow path.
  if (century < 1 || yearOfCentury < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
    return undefined;
  }
  let i = 19;
  let millis = 0;
  if (i < n && text.charCodeAt(i) === 46) {
    // .ffffff: the first three digits are milliseconds; the rest is truncated.
    i += 1;
    let count = 0;
    for (let d = digitAt(text, i); d >= 0; d = digitAt(text, i)) {
      if (count < 3) millis = millis * 10 + d;
      count += 1;
      i += 1;
    }
    if (count === 0) return undefined;
    if (count === 1) millis *= 100;
    else if (count === 2) millis *= 10;
  }
  let offsetSeconds = 0;
  if (i < n) {
    const sign = text.charCodeAt(i);
    if (sign !== 43 && sign !== 45) return undefined; // + or -
    const hours = twoDigits(text, i + 1);
    if (hours < 0) return undefined;
    offsetSeconds = hours * 3600;
    i += 3;
    // Then optionally :MM and :SS (minutes, seconds).
    for (let scale = 60; scale >= 1 && i < n; scale /= 60) {
      if (text.charCodeAt(i) === 58) i += 1;
      const part = twoDigits(text, i);
      if (part < 0) return undefined;
      offsetSeconds += part * scale;
      i += 2;
    }
    if (i !== n) return undefined;
    if (sign === 45) offsetSeconds = -offsetSeconds;
  }
  const utc = Date.UTC(century * 100 + yearOfCentury, month - 1, day, hour, minute, second, millis);
  return utc - offsetSeconds * 1000;
}

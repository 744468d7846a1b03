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

const DATE = /^(\d{4})[-/](\d{2})[-/](\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses a date or timestamp as people write them in data files — `2012-01-31`,
 * `2012/01/31`, `2012-01-31T08:15:00Z`, `2012-01-31 08:15`, with or without a
 * UTC offset — into epoch milliseconds. A time without an offset is read as UTC,
 * so the same file gives the same numbers on every machine. Returns `NaN` for
 * anything else, including impossible dates such as `2012-02-30`.
 */
export function parseTimestamp(text: string): number {
  const value = text.trim();
  const date = DATE.exec(value);
  if (date) return utc(Number(date[1]), Number(date[2]), Number(date[3]), 0, 0, 0, 0, 0);
  const time = DATE_TIME.exec(value);
  if (!time) return Number.NaN;
  const millis = time[7] ? Math.floor(Number(`0${time[7]}`) * 1000) : 0;
  return utc(
    Number(time[1]),
    Number(time[2]),
    Number(time[3]),
    Number(time[4]),
    Number(time[5]),
    Number(time[6] ?? 0),
    millis,
    offsetMinutes(time[8]),
  );
}

function utc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offset: number,
): number {
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return Number.NaN;
  const at = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 2012-02-30 over to March: such a date does not exist.
  if (new Date(at).getUTCDate() !== day) return Number.NaN;
  return at - offset * 60_000;
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

/** How a time axis is labelled: the labels, and what they leave out (said once, beside the chart). */
export interface TimeAxis {
  labels: string[];
  /** E.g. `UTC, 2026-01-01` when every label is a time of that day. */
  caption: string;
}

/** Labels an SVG chart shows: every `step`-th of `n`, as `@mlops/drift`'s charts place them (about six). */
const shownStep = (n: number) => Math.max(1, Math.ceil(n / 6));

type Format = (iso: string) => string;

// From the coarsest to the finest; ISO strings are UTC, so slicing them is exact.
const date: Format = (iso) => iso.slice(0, 10);
const WITHIN_A_DAY: Format[] = [
  date,
  (iso) => iso.slice(11, 16),
  (iso) => iso.slice(11, 19),
  (iso) => iso.slice(11, 23),
];
const ACROSS_DAYS: Format[] = [
  date,
  (iso) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`,
  (iso) => `${iso.slice(5, 10)} ${iso.slice(11, 19)}`,
  (iso) => `${iso.slice(5, 10)} ${iso.slice(11, 23)}`,
];

/**
 * Labels for time buckets starting at `starts` (ISO, in order): the coarsest
 * format under which every label the chart shows differs from the others, so a
 * log of a minute reads in seconds and a log of a month in dates. Times of one
 * day leave the date to the caption. Each label is its bucket's start, cut
 * (never rounded) to the format, so it is never later than the bucket.
 */
export function timeAxisLabels(starts: readonly string[]): TimeAxis {
  if (starts.length === 0) return { labels: [], caption: 'UTC' };
  const step = shownStep(starts.length);
  const shown = starts.filter((_, i) => i % step === 0);
  const oneDay = starts[0].slice(0, 10) === starts[starts.length - 1].slice(0, 10);
  const formats = oneDay ? WITHIN_A_DAY : ACROSS_DAYS;
  const format =
    formats.find((f) => new Set(shown.map(f)).size === shown.length) ?? formats[formats.length - 1];
  const caption =
    format === date
      ? 'UTC dates'
      : oneDay
        ? `UTC, ${starts[0].slice(0, 10)}`
        : `UTC, from ${starts[0].slice(0, 10)}`;
  return { labels: starts.map(format), caption };
}

import type { MinuteSums } from './LogFold';

/** Bucket widths in whole minutes, finest first: 1 min up to 1 week. */
const WIDTHS = [1, 5, 15, 30, 60, 180, 360, 720, 1440, 10080];
/** At most this many buckets: a bar per bucket stays readable at 1280 px. */
export const MAX_BUCKETS = 180;
const MINUTE = 60_000;

/** Time buckets of whole minutes over a window, each starting on a multiple of its width (UTC). */
export interface TrafficBuckets {
  minutes: number;
  /** Each bucket's start, in ms. */
  starts: number[];
  /** Minutes of each bucket inside the window: the first and last may be partial. */
  covered: number[];
}

/**
 * The buckets of `[from, to]` (ISO times): the finest width that keeps them at most
 * {@link MAX_BUCKETS}, every bucket listed, empty ones too. Whole-minute buckets
 * on fixed boundaries never split a minute of the log's per-minute sums between two
 * bars (the old dashboard's span/120 buckets did: most held nothing, some two minutes),
 * and the covered minutes let a partial last bucket be drawn as a rate, not as a drop.
 */
export function trafficBuckets(from: string, to: string): TrafficBuckets {
  const first = Math.floor(Date.parse(from) / MINUTE);
  const last = Math.floor(Date.parse(to) / MINUTE);
  const span = last - first + 1;
  const minutes = WIDTHS.find((w) => Math.ceil((span + w) / w) <= MAX_BUCKETS) ?? WIDTHS[WIDTHS.length - 1];
  const start = Math.floor(first / minutes) * minutes;
  const starts: number[] = [];
  const covered: number[] = [];
  for (let b = start; b <= last; b += minutes) {
    starts.push(b * MINUTE);
    covered.push(Math.min(b + minutes, last + 1) - Math.max(b, first));
  }
  return { minutes, starts, covered };
}

/** Each bucket's sums of the per-minute sums whose minute falls in it (minutes outside the buckets are left out). */
export function bucketSums(
  buckets: TrafficBuckets,
  minutes: Readonly<Record<string, MinuteSums>>,
): MinuteSums[] {
  const sums: MinuteSums[] = buckets.starts.map(() => [0, 0, 0, 0, 0, 0]);
  const origin = buckets.starts[0];
  const width = buckets.minutes * MINUTE;
  for (const [minute, values] of Object.entries(minutes)) {
    const at = Date.parse(`${minute}:00.000Z`);
    const b = Math.floor((at - origin) / width);
    if (b < 0 || b >= sums.length) continue;
    for (let i = 0; i < 6; i += 1) sums[b][i] += values[i];
  }
  return sums;
}

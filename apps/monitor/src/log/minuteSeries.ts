import type { SeriesPoint } from '../report/LogAggregates';
import type { LogFold } from './LogFold';
import { bucketSums, trafficBuckets } from './trafficBuckets';

/**
 * The fold's prediction series on whole-minute buckets from its first to its last
 * prediction (`trafficBuckets`: every bucket listed, empty ones with a count of 0,
 * each with the minutes of it the traffic spans, so a page can draw a partial last
 * bucket as a rate rather than as a drop). The minute sums are never split between
 * two buckets, as span/N buckets split them.
 */
export function minuteSeries(fold: LogFold): SeriesPoint[] {
  if (fold.first === null || fold.last === null) return [];
  const buckets = trafficBuckets(fold.first, fold.last);
  const binary = fold.outputs.binary;
  return bucketSums(buckets, fold.minutes).map(([count, positives, pSum, pCount, ySum, yCount], b) => ({
    start: new Date(buckets.starts[b]).toISOString(),
    count,
    positiveRate: binary && count ? positives / count : null,
    meanProbability: pCount ? pSum / pCount : null,
    meanPrediction: yCount ? ySum / yCount : null,
    minutes: buckets.covered[b],
  }));
}

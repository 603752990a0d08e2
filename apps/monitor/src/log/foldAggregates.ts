import { QuantileSketch } from '@mlops/drift';
import type { LogAggregates, SeriesPoint } from '../report/LogAggregates';
import type { LogFold } from './LogFold';

/**
 * The report's and the dashboard's aggregates from a fold: the series on
 * `buckets` time buckets from its minute sums (a bucket holds the minutes that
 * start in it), latency percentiles by nearest rank (exact while there are at
 * most 1,000 distinct latencies, else from the sketch, about 1 % rank error; the
 * maximum is exact), the probability histogram exactly, and a numeric output's
 * histogram from its sketch.
 */
export function foldAggregates(fold: LogFold, buckets = 120): LogAggregates {
  if (fold.rows === 0 || fold.first === null || fold.last === null) {
    return {
      predictions: 0,
      first: null,
      last: null,
      positiveRate: null,
      latency: null,
      series: [],
      predictionHistogram: { labels: [], counts: [] },
    };
  }
  const t0 = Date.parse(fold.first);
  const span = Math.max(1, Date.parse(fold.last) - t0 + 1);
  const sums = Array.from({ length: buckets }, () => [0, 0, 0, 0, 0, 0]);
  for (const [minute, minuteSums] of Object.entries(fold.minutes)) {
    const at = Math.max(0, Date.parse(`${minute}:00.000Z`) - t0);
    const b = Math.min(buckets - 1, Math.floor((at / span) * buckets));
    for (let i = 0; i < 6; i += 1) sums[b][i] += minuteSums[i];
  }
  const binary = fold.outputs.binary;
  const series: SeriesPoint[] = sums.map(([count, positives, pSum, pCount, ySum, yCount], b) => ({
    start: new Date(t0 + (b * span) / buckets).toISOString(),
    count,
    positiveRate: binary && count ? positives / count : null,
    meanProbability: pCount ? pSum / pCount : null,
    meanPrediction: yCount ? ySum / yCount : null,
  }));
  const latency = latencyPercentiles(fold);
  return {
    predictions: fold.rows,
    first: fold.first,
    last: fold.last,
    positiveRate: binary ? fold.outputs.positives / fold.rows : null,
    latency,
    series,
    predictionHistogram: predictionHistogram(fold),
  };
}

/** Nearest-rank percentiles: exact from the value counts while there are few distinct latencies, else from the sketch. */
function latencyPercentiles(fold: LogFold): NonNullable<LogAggregates['latency']> {
  const counts = fold.latencyCounts;
  let at: (q: number) => number;
  if (counts) {
    const values = Object.entries(counts)
      .map(([value, count]) => [Number(value), count] as const)
      .sort((a, b) => a[0] - b[0]);
    at = (q) => {
      const rank = Math.ceil(q * fold.rows);
      let seen = 0;
      for (const [value, count] of values) {
        seen += count;
        if (seen >= rank) return value;
      }
      return values[values.length - 1][0];
    };
  } else {
    const sketch = QuantileSketch.fromJSON(fold.latency);
    at = (q) => sketch.quantile(q);
  }
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: fold.latencyMax ?? at(1) };
}

function predictionHistogram(fold: LogFold): { labels: string[]; counts: number[] } {
  const outputs = fold.outputs;
  if (outputs.withProbability > 0) {
    return {
      labels: Array.from({ length: 20 }, (_, i) => (i / 20).toFixed(2)),
      counts: [...outputs.probabilityHistogram],
    };
  }
  if (outputs.numeric && !outputs.binary && outputs.categories === null) {
    // Past 20 distinct values the outputs are only in the sketch: its quantiles placed on 20 bins.
    const min = outputs.predictionMin ?? 0;
    const max = outputs.predictionMax ?? 0;
    const width = (max - min) / 20 || 1;
    const sketch = QuantileSketch.fromJSON(outputs.predictionSketch);
    const points = 1000;
    const counts = new Array<number>(20).fill(0);
    for (let i = 0; i < points; i += 1) {
      const value = sketch.quantile((i + 0.5) / points);
      counts[Math.min(19, Math.max(0, Math.floor((value - min) / width)))] += sketch.count / points;
    }
    return {
      labels: counts.map((_, i) => (min + i * width).toPrecision(3)),
      counts: counts.map((c) => Math.round(c)),
    };
  }
  const sorted = Object.entries(outputs.categories ?? {}).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { labels: sorted.map(([label]) => label), counts: sorted.map(([, c]) => c) };
}

import type { PredictionRecord } from '@mlops/registry';

/** One time bucket of the prediction series. */
export interface SeriesPoint {
  start: string;
  count: number;
  /** Share of positive predictions (binary models) in the bucket. */
  positiveRate: number | null;
  meanProbability: number | null;
  meanPrediction: number | null;
}

/** Everything the report and the dashboard draw, aggregated once: small whatever the log size. */
export interface LogAggregates {
  predictions: number;
  first: string | null;
  last: string | null;
  positiveRate: number | null;
  latency: { p50: number; p90: number; p99: number; max: number } | null;
  series: SeriesPoint[];
  /** Histogram of probabilities (0…1, 20 bins) or of numeric predictions; category counts otherwise. */
  predictionHistogram: { labels: string[]; counts: number[] };
}

const isPositive = (prediction: unknown) => prediction === 1 || prediction === '1' || prediction === true;

/** Aggregates logged predictions into at most `buckets` time buckets and fixed histograms. */
export function aggregateLog(records: readonly PredictionRecord[], buckets = 120): LogAggregates {
  const n = records.length;
  if (n === 0) {
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
  const t0 = Date.parse(records[0].timestamp);
  const t1 = Date.parse(records[n - 1].timestamp);
  const span = Math.max(1, t1 - t0 + 1);
  const count = new Float64Array(buckets);
  const positives = new Float64Array(buckets);
  const probabilitySum = new Float64Array(buckets);
  const probabilityCount = new Float64Array(buckets);
  const predictionSum = new Float64Array(buckets);
  const predictionCount = new Float64Array(buckets);
  const latencies = new Float64Array(n);
  let binary = true;
  let numeric = true;
  let totalPositives = 0;
  const probabilityHistogram = new Float64Array(20);
  let withProbability = 0;
  const categories = new Map<string, number>();
  let minPrediction = Number.POSITIVE_INFINITY;
  let maxPrediction = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i += 1) {
    const record = records[i];
    const b = Math.min(buckets - 1, Math.floor(((Date.parse(record.timestamp) - t0) / span) * buckets));
    count[b] += 1;
    latencies[i] = record.latency_ms;
    const p = record.prediction;
    if (isPositive(p)) {
      positives[b] += 1;
      totalPositives += 1;
    } else if (!(p === 0 || p === '0')) binary = false;
    if (typeof p === 'number') {
      predictionSum[b] += p;
      predictionCount[b] += 1;
      if (p < minPrediction) minPrediction = p;
      if (p > maxPrediction) maxPrediction = p;
    } else numeric = false;
    categories.set(String(p), (categories.get(String(p)) ?? 0) + 1);
    if (typeof record.probability === 'number') {
      probabilitySum[b] += record.probability;
      probabilityCount[b] += 1;
      probabilityHistogram[Math.min(19, Math.max(0, Math.floor(record.probability * 20)))] += 1;
      withProbability += 1;
    }
  }
  latencies.sort();
  const at = (q: number) => latencies[Math.min(n - 1, Math.ceil(q * n) - 1)];
  const series: SeriesPoint[] = [];
  for (let b = 0; b < buckets; b += 1) {
    series.push({
      start: new Date(t0 + (b * span) / buckets).toISOString(),
      count: count[b],
      positiveRate: binary && count[b] ? positives[b] / count[b] : null,
      meanProbability: probabilityCount[b] ? probabilitySum[b] / probabilityCount[b] : null,
      meanPrediction: predictionCount[b] ? predictionSum[b] / predictionCount[b] : null,
    });
  }
  return {
    predictions: n,
    first: records[0].timestamp,
    last: records[n - 1].timestamp,
    positiveRate: binary ? totalPositives / n : null,
    latency: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: latencies[n - 1] },
    series,
    predictionHistogram: predictionHistogram(
      withProbability,
      probabilityHistogram,
      numeric && !binary,
      minPrediction,
      maxPrediction,
      records,
      categories,
    ),
  };
}

function predictionHistogram(
  withProbability: number,
  probabilities: Float64Array,
  numeric: boolean,
  min: number,
  max: number,
  records: readonly PredictionRecord[],
  categories: Map<string, number>,
): { labels: string[]; counts: number[] } {
  if (withProbability > 0) {
    return {
      labels: Array.from({ length: 20 }, (_, i) => (i / 20).toFixed(2)),
      counts: Array.from(probabilities),
    };
  }
  if (numeric && categories.size > 20) {
    const width = (max - min) / 20 || 1;
    const counts = new Array<number>(20).fill(0);
    for (const record of records)
      counts[Math.min(19, Math.floor(((record.prediction as number) - min) / width))] += 1;
    return { labels: counts.map((_, i) => (min + i * width).toPrecision(3)), counts };
  }
  const sorted = [...categories.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { labels: sorted.map(([label]) => label), counts: sorted.map(([, c]) => c) };
}

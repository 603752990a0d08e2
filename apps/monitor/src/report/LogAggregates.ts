/** One time bucket of the prediction series. */
export interface SeriesPoint {
  start: string;
  count: number;
  /** Share of positive predictions (binary models) in the bucket. */
  positiveRate: number | null;
  meanProbability: number | null;
  meanPrediction: number | null;
  /** Minutes of the bucket the traffic spans (the dashboard's whole-minute series only): rate = count / minutes. */
  minutes?: number;
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

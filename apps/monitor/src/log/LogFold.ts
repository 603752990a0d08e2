import {
  mergeWindowProfiles,
  QuantileSketch,
  type QuantileSketchState,
  type WindowProfile,
} from '@mlops/drift';
import type { PredictionRecord } from '@mlops/registry';
import { type DataQualityReport, mergeDataQuality } from '../check/dataQuality';
import { type FieldUsage, mergeFieldUsage } from '../check/fieldCoverage';

/**
 * Per-minute sums of the prediction series, as `[count, positives, probability
 * sum, probabilities, prediction sum, numeric predictions]`.
 */
export type MinuteSums = [number, number, number, number, number, number];

/** What the model answered over a stretch of the log: the parts of the report's aggregates that add up. */
export interface OutputFold {
  /** Every prediction was 0 or 1 (or '0'/'1'). */
  binary: boolean;
  /** Every prediction was a number. */
  numeric: boolean;
  positives: number;
  /** Probabilities on 20 bins over 0…1. */
  probabilityHistogram: number[];
  withProbability: number;
  /** Predictions per value, while there are at most {@link MAX_CATEGORIES}; `null` past that. */
  categories: Record<string, number> | null;
  predictionMin: number | null;
  predictionMax: number | null;
  /** Sketch of numeric predictions: the histogram of a regressor's outputs. */
  predictionSketch: QuantileSketchState;
}

/**
 * A stretch of the prediction log folded into sums that merge: the rows of one
 * version (or of all), the prediction series by minute, latency and output
 * sketches, and, when the fold has a reference, the window profiles, the field
 * usage and the data quality. What a segment's cache entry holds; a check
 * merges the entries of the segments in its window.
 */
export interface LogFold {
  rows: number;
  /** Rows of other versions (not folded): the "the log holds N of other versions" hint. */
  otherRows: number;
  /** Oldest and newest timestamp folded. */
  first: string | null;
  last: string | null;
  /** By minute (`YYYY-MM-DDTHH:MM`). */
  minutes: Record<string, MinuteSums>;
  latency: QuantileSketchState;
  /** Latencies per value while there are at most {@link MAX_LATENCY_VALUES} distinct ones (exact percentiles), else `null`. */
  latencyCounts: Record<string, number> | null;
  latencyMax: number | null;
  outputs: OutputFold;
  /** Logged values of the reference's features and outputs (bin indices of binned fields included as logged). */
  profile: WindowProfile | null;
  /** Fields logged as reference-bin indices, profiled from the records that list them in `binned`. */
  binnedProfile: WindowProfile | null;
  usage: FieldUsage | null;
  quality: DataQualityReport | null;
  /** The newest records, newest last. */
  recent: PredictionRecord[];
}

/** More distinct predictions than this is a numeric output: drawn as a histogram. */
export const MAX_CATEGORIES = 20;

/** Distinct latencies counted exactly before percentiles come from the sketch. */
export const MAX_LATENCY_VALUES = 1000;

/** Windows of at most this many rows are cached as the folds' newest records (no segment read again per tick). */
export const MAX_CACHED_WINDOW_ROWS = 10_000;

/** A sketch k for latency and predictions: about 1 % rank error, a few kB per segment. */
export const SKETCH_K = 200;

/** The fold of nothing. */
export function emptyFold(): LogFold {
  const sketch = new QuantileSketch(SKETCH_K).toJSON();
  return {
    rows: 0,
    otherRows: 0,
    first: null,
    last: null,
    minutes: {},
    latency: sketch,
    latencyCounts: {},
    latencyMax: null,
    outputs: {
      binary: true,
      numeric: true,
      positives: 0,
      probabilityHistogram: new Array<number>(20).fill(0),
      withProbability: 0,
      categories: {},
      predictionMin: null,
      predictionMax: null,
      predictionSketch: sketch,
    },
    profile: null,
    binnedProfile: null,
    usage: null,
    quality: null,
    recent: [],
  };
}

/** Keeps the `keep` newest of two newest-last lists; on equal times the one folded later counts as newer, as a stable sort would. */
export function newestRecords(
  a: readonly PredictionRecord[],
  b: readonly PredictionRecord[],
  keep: number,
): PredictionRecord[] {
  const merged: PredictionRecord[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].timestamp <= b[j].timestamp)) merged.push(a[i++]);
    else merged.push(b[j++]);
  }
  return merged.slice(Math.max(0, merged.length - keep));
}

/**
 * The fold of two stretches of the log together (a segment's cached prefix and
 * its new lines, or two segments): sums add, sketches and window profiles merge.
 */
export function mergeFolds(a: LogFold, b: LogFold, recent = 20): LogFold {
  const minutes: Record<string, MinuteSums> = structuredClone(a.minutes);
  for (const [minute, sums] of Object.entries(b.minutes)) {
    if (!minutes[minute]) minutes[minute] = [0, 0, 0, 0, 0, 0];
    const into = minutes[minute];
    for (let i = 0; i < 6; i += 1) into[i] += sums[i];
  }
  const x = a.outputs;
  const y = b.outputs;
  return {
    rows: a.rows + b.rows,
    otherRows: a.otherRows + b.otherRows,
    first: minTime(a.first, b.first),
    last: maxTime(a.last, b.last),
    minutes,
    latency: mergeSketch(a.latency, b.latency),
    latencyCounts: mergeCounts(a.latencyCounts, b.latencyCounts, MAX_LATENCY_VALUES),
    latencyMax:
      a.latencyMax === null
        ? b.latencyMax
        : b.latencyMax === null
          ? a.latencyMax
          : Math.max(a.latencyMax, b.latencyMax),
    outputs: {
      binary: x.binary && y.binary,
      numeric: x.numeric && y.numeric,
      positives: x.positives + y.positives,
      probabilityHistogram: x.probabilityHistogram.map((c, i) => c + y.probabilityHistogram[i]),
      withProbability: x.withProbability + y.withProbability,
      categories: mergeCounts(x.categories, y.categories, MAX_CATEGORIES),
      predictionMin: minNumber(x.predictionMin, y.predictionMin),
      predictionMax: maxNumber(x.predictionMax, y.predictionMax),
      predictionSketch: mergeSketch(x.predictionSketch, y.predictionSketch),
    },
    profile: mergeProfile(a.profile, b.profile),
    binnedProfile: mergeProfile(a.binnedProfile, b.binnedProfile),
    usage: a.usage && b.usage ? mergeFieldUsage(a.usage, b.usage) : (a.usage ?? b.usage),
    quality: a.quality && b.quality ? mergeDataQuality(a.quality, b.quality) : (a.quality ?? b.quality),
    recent: newestRecords(a.recent, b.recent, recent),
  };
}

/** Counts per value of both, or `null` when either gave up counting or together they pass `max` values. */
function mergeCounts(
  a: Record<string, number> | null,
  b: Record<string, number> | null,
  max: number,
): Record<string, number> | null {
  if (!a || !b) return null;
  const counts = { ...a };
  for (const [key, count] of Object.entries(b)) counts[key] = (counts[key] ?? 0) + count;
  return Object.keys(counts).length > max ? null : counts;
}

function mergeSketch(a: QuantileSketchState, b: QuantileSketchState): QuantileSketchState {
  if (b.n === 0) return a;
  if (a.n === 0) return b;
  const sketch = QuantileSketch.fromJSON(a);
  sketch.merge(QuantileSketch.fromJSON(b));
  return sketch.toJSON();
}

function mergeProfile(a: WindowProfile | null, b: WindowProfile | null): WindowProfile | null {
  return a && b ? mergeWindowProfiles([a, b]) : (a ?? b);
}

const minTime = (a: string | null, b: string | null) => (a === null ? b : b === null || a <= b ? a : b);
const maxTime = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);
const minNumber = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const maxNumber = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

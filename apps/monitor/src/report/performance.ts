import { taskMetrics } from '@mlops/models';
import type { LabelJoin } from '../check/joinLabels';
import { labelledScores, type ScoredModel } from '../check/liveMetrics';

/** Metrics of one stretch of the labelled traffic. */
export interface PeriodMetrics {
  start: string;
  rows: number;
  metrics: Record<string, number>;
}

/** Performance of a classifier on labelled production traffic. */
export interface ClassificationPerformance {
  task: 'binary' | 'multiclass';
  rows: number;
  classes: string[];
  /** Binary: the model's decision threshold on P(positive). */
  threshold: number | null;
  /** `counts[actual][predicted]`, classes in `classes` order. */
  confusion: number[][];
  /** Binary with logged probabilities: the ROC curve (at most 201 points) and its area. */
  roc: { fpr: number[]; tpr: number[]; auc: number } | null;
  /** Binary with logged probabilities: precision against recall (at most 201 points). */
  pr: { recall: number[]; precision: number[] } | null;
  /** Binary with logged probabilities: 10 equal-width bins of P(positive), the observed positive rate in each. */
  calibration: { mean_probability: number; observed_rate: number; rows: number }[] | null;
  /** Metrics per stretch of time (up to 12 stretches), to hold against `registered`. */
  over_time: PeriodMetrics[];
  /** The version's metrics on its test split at registration. */
  registered: Record<string, number>;
}

/** Performance of a regressor on labelled production traffic. */
export interface RegressionPerformance {
  task: 'regression';
  rows: number;
  /** Histogram of residuals (label − prediction), 20 equal-width bins. */
  residuals: { edges: number[]; counts: number[] };
  residual_summary: { mean: number; mae: number; rmse: number };
  over_time: PeriodMetrics[];
  registered: Record<string, number>;
}

export type Performance = ClassificationPerformance | RegressionPerformance;

const MAX_CURVE_POINTS = 201;
const PERIODS = 12;

/**
 * What the report's performance section draws from labels joined with their
 * predictions: for a classifier the confusion matrix, and with logged
 * probabilities (binary) the ROC and PR curves and calibration; for a
 * regressor the residuals; for both the metrics per stretch of time beside the
 * version's test metrics. Curves are thinned to a fixed number of points, so
 * the report stays small whatever the number of labels. Null without pairs.
 */
export function performance(
  joined: LabelJoin,
  model: ScoredModel,
  registered: Record<string, number>,
): Performance | null {
  const n = joined.pairs.length;
  if (n === 0) return null;
  const { y, scores, classes } = labelledScores(joined, model);
  const overTime = metricsOverTime(joined, model, y, scores, classes.length);
  if (model.task === 'regression') {
    const residuals = Float64Array.from(y, (label, i) => label - scores[i]);
    let sum = 0;
    let absolute = 0;
    let squares = 0;
    for (const r of residuals) {
      sum += r;
      absolute += Math.abs(r);
      squares += r * r;
    }
    return {
      task: 'regression',
      rows: n,
      residuals: histogram(residuals, 20),
      residual_summary: { mean: sum / n, mae: absolute / n, rmse: Math.sqrt(squares / n) },
      over_time: overTime,
      registered,
    };
  }
  const k = classes.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  joined.pairs.forEach(({ record }, i) => {
    const predicted = classes.indexOf(String(record.prediction));
    if (predicted >= 0) confusion[y[i]][predicted] += 1;
  });
  const withProbability =
    model.task === 'binary' && joined.pairs.every(({ record }) => typeof record.probability === 'number');
  return {
    task: model.task as 'binary' | 'multiclass',
    rows: n,
    classes,
    threshold: model.task === 'binary' ? (model.threshold ?? 0.5) : null,
    confusion,
    ...(withProbability ? curves(y, scores) : { roc: null, pr: null, calibration: null }),
    over_time: overTime,
    registered,
  };
}

/** ROC, PR and calibration of binary labels `y` (0/1) against P(positive) `p`. */
function curves(
  y: Float64Array,
  p: Float64Array,
): Pick<ClassificationPerformance, 'roc' | 'pr' | 'calibration'> {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b] - p[a]);
  let positives = 0;
  for (const label of y) positives += label;
  const negatives = n - positives;
  const fpr = [0];
  const tpr = [0];
  const recall: number[] = [];
  const precision: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; i += 1) {
    if (y[order[i]] === 1) tp += 1;
    else fp += 1;
    // One point per distinct score: tied scores are one threshold.
    if (i + 1 < n && p[order[i + 1]] === p[order[i]]) continue;
    fpr.push(negatives ? fp / negatives : 0);
    tpr.push(positives ? tp / positives : 0);
    recall.push(positives ? tp / positives : 0);
    precision.push(tp / (tp + fp));
  }
  let auc = 0;
  for (let i = 1; i < fpr.length; i += 1) auc += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
  const keep = thin(fpr.length);
  const keepPr = thin(recall.length);
  const bins = Array.from({ length: 10 }, () => ({ sum: 0, positives: 0, rows: 0 }));
  for (let i = 0; i < n; i += 1) {
    const bin = bins[Math.min(9, Math.max(0, Math.floor(p[i] * 10)))];
    bin.sum += p[i];
    bin.positives += y[i];
    bin.rows += 1;
  }
  return {
    roc: { fpr: keep.map((i) => fpr[i]), tpr: keep.map((i) => tpr[i]), auc },
    pr: { recall: keepPr.map((i) => recall[i]), precision: keepPr.map((i) => precision[i]) },
    calibration: bins
      .filter((bin) => bin.rows > 0)
      .map((bin) => ({
        mean_probability: bin.sum / bin.rows,
        observed_rate: bin.positives / bin.rows,
        rows: bin.rows,
      })),
  };
}

/** Indices of at most {@link MAX_CURVE_POINTS} evenly spread points of `length`, both ends kept. */
function thin(length: number): number[] {
  if (length <= MAX_CURVE_POINTS) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: MAX_CURVE_POINTS }, (_, i) =>
    Math.round((i * (length - 1)) / (MAX_CURVE_POINTS - 1)),
  );
}

/** The task's metrics on each of up to {@link PERIODS} equal stretches of the labelled predictions' times. */
function metricsOverTime(
  joined: LabelJoin,
  model: ScoredModel,
  y: Float64Array,
  scores: Float64Array,
  classes: number,
): PeriodMetrics[] {
  const n = joined.pairs.length;
  const times = joined.pairs.map(({ record }) => Date.parse(record.timestamp));
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  for (const t of times) {
    if (t < t0) t0 = t;
    if (t > t1) t1 = t;
  }
  const span = Math.max(1, t1 - t0 + 1);
  const width = model.task === 'multiclass' ? classes : 1;
  const groups: number[][] = Array.from({ length: PERIODS }, () => []);
  times.forEach((t, i) => {
    groups[Math.min(PERIODS - 1, Math.floor(((t - t0) / span) * PERIODS))].push(i);
  });
  const out: PeriodMetrics[] = [];
  groups.forEach((rows, g) => {
    // Too few labels for a metric that means anything: the stretch is left out, not drawn as noise.
    if (rows.length < Math.min(10, n)) return;
    const gy = Float64Array.from(rows, (i) => y[i]);
    const gs = new Float64Array(rows.length * width);
    for (const [j, i] of rows.entries()) gs.set(scores.subarray(i * width, (i + 1) * width), j * width);
    // One class only in a stretch leaves its ranking metrics undefined (NaN): those are left out.
    const all = taskMetrics(model.task, gy, gs, { classes, threshold: model.threshold });
    const metrics = Object.fromEntries(
      Object.entries(all).filter(
        (e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]),
      ),
    );
    out.push({ start: new Date(t0 + (g * span) / PERIODS).toISOString(), rows: rows.length, metrics });
  });
  return out;
}

function histogram(values: Float64Array, bins: number): { edges: number[]; counts: number[] } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const width = (max - min) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - min) / width))] += 1;
  return { edges: Array.from({ length: bins + 1 }, (_, i) => min + i * width), counts };
}

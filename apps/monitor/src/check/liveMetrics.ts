import type { DataTable } from '@mlops/features';
import { type Metrics, type ModelDocument, numericMetrics, taskMetrics } from '@mlops/models';
import type { PredictionRecord } from '@mlops/registry';
import { joinLabels, type LabelJoin } from './joinLabels';

/** The model's metrics on production traffic whose true labels arrived later, beside its test metrics. */
export interface LiveMetrics {
  /** The join key: `['request_id']`, or the model's id columns (the entity key). */
  join_key: string[];
  /** Whether the labels' id values were hashed with `MLOPS_HASH_SALT` to match the log's. */
  key_hashed: boolean;
  /** Label rows with a key and a label. */
  labels: number;
  /** Labels that found their logged prediction. */
  matched_labels: number;
  /** Labels whose key is not among the checked predictions. */
  unmatched_labels: number;
  /** Logged predictions scored (one per matched label). */
  labelled_rows: number;
  metrics: Record<string, number>;
  /** Metrics the log cannot give, and why (multiclass: it keeps only P(predicted class)). */
  omitted: Record<string, string>;
  /** The version's metrics on its test split at registration. */
  registered: Record<string, number>;
  /** live − registered, per metric both have. */
  delta: Record<string, number>;
}

/** What of the model scoring needs. */
export type ScoredModel = Pick<ModelDocument, 'task' | 'target' | 'classes' | 'threshold' | 'idColumns'>;

const MULTICLASS_OMITTED = {
  roc_auc: 'the log keeps only P(predicted class), not every class probability',
  log_loss: 'the log keeps only P(predicted class), not every class probability',
};

/**
 * Joins a labels table with the logged predictions ({@link joinLabels}: on
 * request id, else on the model's entity key) and scores the logged outputs
 * with the models package's `taskMetrics`, as training scored the test split:
 * binary on the logged P(positive) at the model's threshold, regression on the
 * logged values, multiclass on the logged classes (the log keeps only the
 * predicted class's probability, so the probabilistic metrics are omitted).
 */
export function liveMetrics(
  records: readonly PredictionRecord[],
  labels: DataTable,
  model: ScoredModel,
  registered: Metrics,
  options: { hashSalt?: string } = {},
): LiveMetrics {
  return liveMetricsOfJoin(joinLabels(records, labels, model, options), model, registered);
}

/** {@link liveMetrics} of labels already joined with their predictions (the report draws the same join). */
export function liveMetricsOfJoin(joined: LabelJoin, model: ScoredModel, registered: Metrics): LiveMetrics {
  const { metrics, omitted } = joined.pairs.length ? score(joined, model) : { metrics: {}, omitted: {} };
  const registeredNumbers = numericMetrics(registered);
  const delta = Object.fromEntries(
    Object.keys(metrics)
      .filter((metric) => metric in registeredNumbers)
      .map((metric) => [metric, metrics[metric] - registeredNumbers[metric]]),
  );
  return {
    join_key: joined.key,
    key_hashed: joined.hashed,
    labels: joined.labels,
    matched_labels: joined.pairs.length,
    unmatched_labels: joined.labels - joined.pairs.length,
    labelled_rows: joined.pairs.length,
    metrics,
    omitted,
    registered: registeredNumbers,
    delta,
  };
}

/**
 * The labels and logged outputs of a join as `taskMetrics` takes them: class
 * indices (or values) in `y`; P(positive), one row of class probabilities, or
 * the predicted values in `scores`. A label that is not a class of the model is an error naming the fix.
 */
export function labelledScores(
  joined: LabelJoin,
  model: ScoredModel,
): { y: Float64Array; scores: Float64Array; classes: string[] } {
  const n = joined.pairs.length;
  const y = new Float64Array(n);
  const classes = (model.classes ?? []).map(String);
  const classIndex = (label: number | string) => {
    const index = classes.indexOf(String(label));
    if (index < 0)
      throw new Error(
        `label '${label}' is not a class of the model (${classes.join(', ')}): fix the labels file`,
      );
    return index;
  };
  let scores: Float64Array;
  if (model.task === 'regression') {
    scores = new Float64Array(n);
    joined.pairs.forEach(({ label, record }, i) => {
      y[i] = Number(label);
      scores[i] = Number(record.prediction);
    });
  } else if (model.task === 'binary') {
    scores = new Float64Array(n);
    joined.pairs.forEach(({ label, record }, i) => {
      y[i] = classIndex(label);
      scores[i] = record.probability ?? classIndex(record.prediction);
    });
  } else {
    // One row of class probabilities per prediction: the logged class holds its logged
    // probability, the rest share what is left, so the argmax is the logged class.
    const k = classes.length;
    scores = new Float64Array(n * k);
    joined.pairs.forEach(({ label, record }, i) => {
      y[i] = classIndex(label);
      const p = record.probability ?? 1;
      scores.fill((1 - p) / Math.max(1, k - 1), i * k, (i + 1) * k);
      scores[i * k + classIndex(record.prediction)] = p;
    });
  }
  return { y, scores, classes };
}

function score(
  joined: LabelJoin,
  model: ScoredModel,
): { metrics: Record<string, number>; omitted: Record<string, string> } {
  const { y, scores, classes } = labelledScores(joined, model);
  const all = taskMetrics(model.task, y, scores, { classes: classes.length, threshold: model.threshold });
  const omitted: Record<string, string> = model.task === 'multiclass' ? MULTICLASS_OMITTED : {};
  const metrics = Object.fromEntries(
    Object.entries(all).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number' && !(entry[0] in omitted),
    ),
  );
  return { metrics, omitted };
}

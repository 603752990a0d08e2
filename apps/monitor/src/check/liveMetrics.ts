import type { DataTable } from '@mlops/features';
import { binaryMetrics, type Metrics, type ModelDocument, regressionMetrics } from '@mlops/models';
import type { PredictionRecord } from '@mlops/registry';

/** The model's metrics on production traffic whose true labels arrived later, beside its test metrics. */
export interface LiveMetrics {
  /** Logged predictions that found their label. */
  labelled_rows: number;
  /** Labels whose request id is not among the checked predictions. */
  unmatched_labels: number;
  metrics: Record<string, number>;
  /** The version's metrics on its test split at registration. */
  registered: Record<string, number>;
  /** live − registered, per metric both have. */
  delta: Record<string, number>;
}

/**
 * Joins a labels table (`request_id` plus the model's target column, or `label`)
 * with the logged predictions on request id, and scores the logged predictions
 * the way training scored the test split: binary models on the logged
 * probability at the model's own threshold, regression on the logged value,
 * multiclass by accuracy of the logged class.
 */
export function liveMetrics(
  records: readonly PredictionRecord[],
  labels: DataTable,
  model: Pick<ModelDocument, 'task' | 'target' | 'classes' | 'threshold'>,
  registered: Metrics,
): LiveMetrics {
  if (!labels.has('request_id')) {
    throw new Error("the labels file has no 'request_id' column: join key of the prediction log");
  }
  const labelColumn = labels.has(model.target) ? model.target : labels.has('label') ? 'label' : undefined;
  if (!labelColumn) throw new Error(`the labels file needs a '${model.target}' (or 'label') column`);
  const byRequest = new Map<string, number | string>();
  for (let row = 0; row < labels.numRows; row += 1) {
    const id = labels.cell('request_id', row);
    const label = labels.cell(labelColumn, row);
    if (id !== null && label !== null) byRequest.set(String(id), label);
  }
  const truth: Array<number | string> = [];
  const joined: PredictionRecord[] = [];
  for (const record of records) {
    const label = byRequest.get(record.request_id);
    if (label === undefined) continue;
    truth.push(label);
    joined.push(record);
  }
  const matched = new Set(joined.map((record) => record.request_id));
  const unmatched = [...byRequest.keys()].filter((id) => !matched.has(id)).length;
  let metrics: Record<string, number> = {};
  if (joined.length > 0) {
    if (model.task === 'regression') {
      metrics = {
        ...regressionMetrics(
          truth.map(Number),
          joined.map((r) => Number(r.prediction)),
        ),
      };
    } else if (model.task === 'binary') {
      const positive = String(model.classes?.[1] ?? 1);
      const y = truth.map((label) => (String(label) === positive ? 1 : 0));
      const p = joined.map((r) => r.probability ?? (String(r.prediction) === positive ? 1 : 0));
      const { confusion_matrix: _matrix, ...numbers } = binaryMetrics(y, p, model.threshold ?? 0.5);
      metrics = numbers;
    } else {
      const hits = joined.filter((r, i) => String(r.prediction) === String(truth[i])).length;
      metrics = { accuracy: hits / joined.length };
    }
  }
  const registeredNumbers = Object.fromEntries(
    Object.entries(registered).filter(([, value]) => typeof value === 'number'),
  ) as Record<string, number>;
  const delta = Object.fromEntries(
    Object.keys(metrics)
      .filter((metric) => metric in registeredNumbers)
      .map((metric) => [metric, metrics[metric] - registeredNumbers[metric]]),
  );
  return {
    labelled_rows: joined.length,
    unmatched_labels: unmatched,
    metrics,
    registered: registeredNumbers,
    delta,
  };
}

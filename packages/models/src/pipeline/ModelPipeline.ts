import {
  type CellValue,
  type ColumnSpec,
  type DataTable,
  TabularPreprocessor,
  type Task,
} from '@mlops/features';
import { ModelsError } from '../errors';
import type { Estimator } from '../estimators/Estimator';
import { getEstimatorEntry } from '../estimators/estimatorCatalog';
import { explainEstimator } from '../explain/explainEstimator';
import { checkModelDocument } from './checkModelDocument';
import {
  type ExplainPipelineOptions,
  type FieldExplanation,
  fieldOfColumns,
  sumByField,
} from './FieldExplanation';
import { MODEL_FORMAT_VERSION, type ModelDocument } from './ModelDocument';

/** One prediction: the class or value, and for classifiers the probability of the predicted class… */
export interface RowPrediction {
  prediction: number | string;
  /** Binary: P(positive class). Multiclass: P(predicted class). Absent for regression. */
  probability?: number;
}

/** Predictions for a whole table, column-wise. */
export interface TablePredictions {
  predictions: Array<number | string>;
  /** Binary: P(positive class) per row; multiclass: P(predicted class). */
  probabilities?: Float64Array;
}

/**
 * A trained model with the preprocessing it was trained with: what is stored in
 * the registry and served by the API. Serving applies exactly what training did.
 */
export class ModelPipeline {
  private readonly rowInput: Float64Array;
  private readonly rowOutput: Float64Array;
  // Built on the first explanation, so serving without explanations never pays for it.
  private fieldOf?: Int32Array;

  constructor(
    readonly document: Omit<ModelDocument, 'preprocessing' | 'estimator'>,
    readonly preprocessor: TabularPreprocessor,
    readonly estimator: Estimator,
  ) {
    this.rowInput = new Float64Array(preprocessor.width);
    this.rowOutput = new Float64Array(estimator.outputs);
  }

  get task(): Task {
    return this.document.task;
  }

  get features(): ColumnSpec[] {
    return this.document.features;
  }

  /**
   * Loads a model from its JSON form after {@link checkModelDocument}: a corrupt or
   * damaged document is a `bad-model-file` error naming the field, another format
   * version is `model-format-version`. Nothing that passes predicts NaN or throws on a valid row.
   */
  static fromJSON(value: unknown): ModelPipeline {
    const { preprocessing, estimator, ...rest } = checkModelDocument(value);
    return new ModelPipeline(
      rest,
      TabularPreprocessor.fromJSON(preprocessing),
      getEstimatorEntry(rest.kind).load(estimator),
    );
  }

  toJSON(): ModelDocument {
    return {
      ...this.document,
      format: 'mlops-model',
      formatVersion: MODEL_FORMAT_VERSION,
      preprocessing: this.preprocessor.toJSON(),
      estimator: this.estimator.toJSON(),
    };
  }

  /** Raw estimator outputs for every row of `table` (`outputs` numbers per row). */
  scoreTable(table: DataTable): Float64Array {
    this.checkColumns(table);
    const matrix = this.preprocessor.transform(table);
    const out = new Float64Array(table.numRows * this.estimator.outputs);
    this.estimator.predict(matrix.values, matrix.rows, out);
    return out;
  }

  /** Predicts every row of `table`. */
  predictTable(table: DataTable): TablePredictions {
    const scores = this.scoreTable(table);
    const predictions: Array<number | string> = new Array(table.numRows);
    if (this.task === 'regression') {
      for (let row = 0; row < table.numRows; row += 1) predictions[row] = scores[row];
      return { predictions };
    }
    const probabilities = new Float64Array(table.numRows);
    for (let row = 0; row < table.numRows; row += 1) {
      const result = this.decide(scores, row);
      predictions[row] = result.prediction;
      probabilities[row] = result.probability!;
    }
    return { predictions, probabilities };
  }

  /**
   * Predicts one record, reusing the pipeline's buffers: the serving path calls this
   * on every request. Each feature must be present with the right type.
   */
  predictRecord(record: Readonly<Record<string, CellValue | undefined>>): RowPrediction {
    this.checkRecord(record);
    this.preprocessor.transformRecord(record, this.rowInput);
    this.estimator.predict(this.rowInput, 1, this.rowOutput);
    if (this.task === 'regression') return { prediction: this.rowOutput[0] };
    return this.decide(this.rowOutput, 0);
  }

  /**
   * Contributions per input field for every row of `table`, preprocessed as
   * {@link scoreTable} does (see {@link FieldExplanation}): exact TreeSHAP for tree
   * models, coefficient × standardised input for linear ones, a categorical field's
   * one-hot columns summed into one number. Throws `bad-argument` for a `decision_tree`
   * stored without per-node counts unless `options.background` is given.
   */
  explainTable(table: DataTable, options: ExplainPipelineOptions = {}): FieldExplanation {
    this.checkColumns(table);
    const matrix = this.preprocessor.transform(table);
    return this.explainMatrix(matrix.values, matrix.rows, options);
  }

  /** {@link explainTable} for one record, validated as {@link predictRecord} validates it. */
  explainRecord(
    record: Readonly<Record<string, CellValue | undefined>>,
    options: ExplainPipelineOptions = {},
  ): FieldExplanation {
    this.checkRecord(record);
    const x = this.preprocessor.transformRecord(record, new Float64Array(this.preprocessor.width));
    return this.explainMatrix(x, 1, options);
  }

  private explainMatrix(x: Float64Array, rows: number, options: ExplainPipelineOptions): FieldExplanation {
    let background: { x: Float64Array; rows: number } | undefined;
    if (options.background) {
      this.checkColumns(options.background);
      const matrix = this.preprocessor.transform(options.background);
      background = { x: matrix.values, rows: matrix.rows };
    }
    const explanation = explainEstimator(this.estimator, x, rows, background ? { background } : {});
    this.fieldOf ??= fieldOfColumns(this.preprocessor.state);
    return sumByField(explanation, this.preprocessor.state, this.fieldOf, this.document.classes);
  }

  private checkColumns(table: DataTable): void {
    for (const spec of this.features) {
      if (!table.has(spec.name)) {
        throw new ModelsError(
          'bad-input',
          `input column '${spec.name}' is missing: the model needs ${this.featureNames()}`,
        );
      }
    }
  }

  private checkRecord(record: Readonly<Record<string, CellValue | undefined>>): void {
    for (const spec of this.features) {
      const value = record[spec.name];
      const ok =
        spec.type === 'numeric'
          ? typeof value === 'number' && Number.isFinite(value)
          : typeof value === 'string';
      if (!ok) {
        throw new ModelsError(
          'bad-input',
          `feature '${spec.name}' must be ${spec.type === 'numeric' ? 'a finite number' : 'a string'}, got ${JSON.stringify(value ?? null)}`,
        );
      }
    }
  }

  private decide(scores: Float64Array, row: number): RowPrediction {
    const classes = this.document.classes!;
    if (this.task === 'binary') {
      const p = scores[row];
      return { prediction: classes[p >= (this.document.threshold ?? 0.5) ? 1 : 0], probability: p };
    }
    const k = classes.length;
    let best = 0;
    for (let c = 1; c < k; c += 1) if (scores[row * k + c] > scores[row * k + best]) best = c;
    return { prediction: classes[best], probability: scores[row * k + best] };
  }

  private featureNames(): string {
    return this.features.map((spec) => spec.name).join(', ');
  }
}

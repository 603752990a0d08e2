import { FeaturesError } from '../errors';
import type { DataTable } from '../table/DataTable';
import { OneHotEncoder, type OneHotEncoderState } from './OneHotEncoder';
import { SimpleImputer, type SimpleImputerState } from './SimpleImputer';
import { StandardScaler, type StandardScalerState } from './StandardScaler';
import { checkTransformerState, type TableTransformer, type TransformerState } from './TableTransformer';

/** The JSON form of a {@link TransformerPipeline}: its steps' states, in order. */
export interface TransformerPipelineState extends TransformerState {
  type: 'transformer-pipeline';
  steps: Array<SimpleImputerState | StandardScalerState | OneHotEncoderState | TransformerPipelineState>;
}

/** Options of {@link TransformerPipeline.fitTabular}. */
export interface TabularPipelineOptions {
  /** Standardise numeric features (linear models need it; trees do not). @default true */
  standardize?: boolean;
}

/**
 * Transformers applied one after the other, each to the previous one's output, and
 * serialised together: what training fitted is exactly what serving applies.
 * {@link fitTabular} builds the usual imputer → scaler → one-hot chain.
 */
export class TransformerPipeline implements TableTransformer {
  constructor(readonly steps: readonly TableTransformer[]) {}

  /**
   * Fits imputation (median / most frequent), standard scaling of the numeric
   * features and one-hot encoding of the categorical ones, each on the output of
   * the one before, the way TabularPreprocessor treats its features.
   */
  static fitTabular(
    table: DataTable,
    features: readonly string[],
    options: TabularPipelineOptions = {},
  ): TransformerPipeline {
    const numeric = features.filter((name) => table.column(name).kind === 'numeric');
    const categorical = features.filter((name) => table.column(name).kind === 'categorical');
    const steps: TableTransformer[] = [];
    let current = table;
    const add = (step: TableTransformer) => {
      steps.push(step);
      current = step.transform(current);
    };
    add(SimpleImputer.fit(current, features));
    if ((options.standardize ?? true) && numeric.length) add(StandardScaler.fit(current, numeric));
    if (categorical.length) add(OneHotEncoder.fit(current, categorical));
    return new TransformerPipeline(steps);
  }

  /** Restores a pipeline (and its steps) from {@link toJSON}'s output. */
  static fromJSON(state: TransformerPipelineState): TransformerPipeline {
    checkTransformerState(state, 'transformer-pipeline', 'steps');
    return new TransformerPipeline(state.steps.map(transformerFromJSON));
  }

  get inputNames(): string[] {
    return [...new Set(this.steps.flatMap((step) => step.inputNames))];
  }

  transform(table: DataTable): DataTable {
    return this.steps.reduce((current, step) => step.transform(current), table);
  }

  toJSON(): TransformerPipelineState {
    return {
      type: 'transformer-pipeline',
      formatVersion: 1,
      steps: this.steps.map((step) => step.toJSON() as TransformerPipelineState['steps'][number]),
    };
  }
}

/** Restores any fitted transformer from its JSON form, by its `type`. */
export function transformerFromJSON(state: TransformerPipelineState['steps'][number]): TableTransformer {
  switch (state?.type) {
    case 'simple-imputer':
      return SimpleImputer.fromJSON(state);
    case 'standard-scaler':
      return StandardScaler.fromJSON(state);
    case 'one-hot-encoder':
      return OneHotEncoder.fromJSON(state);
    case 'transformer-pipeline':
      return TransformerPipeline.fromJSON(state);
    default:
      throw new FeaturesError(
        'bad-preprocessor',
        `unknown transformer type '${(state as { type?: string })?.type}': expected simple-imputer, standard-scaler, one-hot-encoder or transformer-pipeline`,
      );
  }
}

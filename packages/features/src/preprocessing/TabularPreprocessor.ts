import { FeaturesError } from '../errors';
import { categoryLimit, tooManyCategoriesMessage } from '../quality/categoryLimit';
import { normalizeCategory } from '../quality/normalizeCategory';
import { mostFrequentCode, nanMedian } from '../quality/summaries';
import type { CellValue, DataTable } from '../table/DataTable';
import { checkPreprocessorState } from './checkPreprocessorState';
import type { CategoricalStep, NumericStep, PreprocessorState } from './PreprocessorState';

export type { CategoricalStep, NumericStep, PreprocessorState };

/** Options of {@link TabularPreprocessor.fit}. */
export interface PreprocessorOptions {
  /** Standardise numeric inputs (linear models need it; trees do not). @default true */
  standardize?: boolean;
  /**
   * Most categories of one categorical feature (and at most half the rows): more is
   * refused with the quality gate's message, so no input can make one-hot encoding
   * explode memory. @default 1000
   */
  maxCategories?: number;
}

/** A design matrix: `rows × width` floats, row-major. */
export interface DesignMatrix {
  values: Float64Array;
  rows: number;
  width: number;
}

/**
 * Turns feature columns into the numeric matrix a model trains on: imputation
 * (median / most frequent), standard scaling, and one-hot encoding. Fitted on the
 * training data, serialised with the model, and applied identically at serving
 * time. A category never seen in training (even after trimming and lower-casing,
 * as the quality gate spells categories) encodes as all zeros and is counted.
 */
export class TabularPreprocessor {
  /** Categories seen at transform time that training never saw. */
  unknownCategoryCount = 0;
  readonly outputNames: string[];
  private readonly categoryIndex: Map<string, number>[];

  private constructor(readonly state: PreprocessorState) {
    this.outputNames = state.steps.flatMap((step) =>
      step.kind === 'numeric' ? [step.name] : step.categories.map((category) => `${step.name}=${category}`),
    );
    this.categoryIndex = state.steps.map(
      (step) =>
        new Map(step.kind === 'categorical' ? step.categories.map((category, i) => [category, i]) : []),
    );
  }

  /** Learns fills, scales and categories of `features` from `table`. */
  static fit(
    table: DataTable,
    features: readonly string[],
    options: PreprocessorOptions = {},
  ): TabularPreprocessor {
    const standardize = options.standardize ?? true;
    const steps = features.map((name): NumericStep | CategoricalStep => {
      const column = table.column(name);
      if (column.kind === 'numeric') {
        const fill = nanMedian(column.values);
        if (Number.isNaN(fill)) {
          throw new FeaturesError(
            'bad-argument',
            `feature '${name}' has no values at all: drop it or fill it in`,
          );
        }
        let sum = 0;
        for (const value of column.values) sum += Number.isNaN(value) ? fill : value;
        const mean = sum / column.values.length;
        let squares = 0;
        for (const value of column.values) squares += ((Number.isNaN(value) ? fill : value) - mean) ** 2;
        const std = Math.sqrt(squares / column.values.length);
        return {
          kind: 'numeric',
          name,
          fill,
          mean: standardize ? mean : 0,
          scale: standardize && std > 0 ? std : 1,
        };
      }
      const fillCode = mostFrequentCode(column.codes, column.dictionary.length);
      if (fillCode < 0)
        throw new FeaturesError(
          'bad-argument',
          `feature '${name}' has no values at all: drop it or fill it in`,
        );
      const seen = new Set<string>();
      for (const code of column.codes) if (code >= 0) seen.add(column.dictionary[code]);
      const limit = categoryLimit(table.numRows, options.maxCategories);
      if (seen.size > limit) {
        throw new FeaturesError(
          'too-many-categories',
          tooManyCategoriesMessage(name, seen.size, table.numRows, limit),
        );
      }
      return { kind: 'categorical', name, fill: column.dictionary[fillCode], categories: [...seen].sort() };
    });
    return new TabularPreprocessor({ formatVersion: 1, standardize, steps });
  }

  /**
   * Restores a fitted preprocessor from its JSON form, after {@link checkPreprocessorState}:
   * a damaged state (a zero scale, a NaN fill, no categories) is a `bad-preprocessor` error here.
   */
  static fromJSON(state: PreprocessorState): TabularPreprocessor {
    checkPreprocessorState(state);
    return new TabularPreprocessor(state);
  }

  toJSON(): PreprocessorState {
    return this.state;
  }

  get inputNames(): string[] {
    return this.state.steps.map((step) => step.name);
  }

  get width(): number {
    return this.outputNames.length;
  }

  /** Encodes every row of `table` (which must hold the input columns). */
  transform(table: DataTable): DesignMatrix {
    const width = this.width;
    const values = new Float64Array(table.numRows * width);
    let offset = 0;
    this.state.steps.forEach((step, s) => {
      const column = table.column(step.name);
      if (step.kind === 'numeric') {
        if (column.kind !== 'numeric') {
          throw new FeaturesError(
            'wrong-column-type',
            `feature '${step.name}' must be numeric, as it was in training`,
          );
        }
        for (let row = 0; row < table.numRows; row += 1) {
          const raw = column.values[row];
          values[row * width + offset] = ((Number.isNaN(raw) ? step.fill : raw) - step.mean) / step.scale;
        }
        offset += 1;
        return;
      }
      if (column.kind !== 'categorical') {
        throw new FeaturesError(
          'wrong-column-type',
          `feature '${step.name}' must be categorical, as it was in training`,
        );
      }
      const index = this.categoryIndex[s];
      const codeToSlot = column.dictionary.map(
        (category) => index.get(category) ?? index.get(normalizeCategory(category)) ?? -1,
      );
      const fillSlot = index.get(step.fill)!;
      for (let row = 0; row < table.numRows; row += 1) {
        const code = column.codes[row];
        const slot = code < 0 ? fillSlot : codeToSlot[code];
        if (slot < 0) this.unknownCategoryCount += 1;
        else values[row * width + offset + slot] = 1;
      }
      offset += step.categories.length;
    });
    return { values, rows: table.numRows, width };
  }

  /**
   * Encodes one record into `out` (length {@link width}), allocating nothing: the
   * serving path calls it on every request. Values must already be validated.
   */
  transformRecord(record: Readonly<Record<string, CellValue | undefined>>, out: Float64Array): Float64Array {
    out.fill(0);
    let offset = 0;
    this.state.steps.forEach((step, s) => {
      const raw = record[step.name];
      if (step.kind === 'numeric') {
        const value = typeof raw === 'number' && !Number.isNaN(raw) ? raw : step.fill;
        out[offset] = (value - step.mean) / step.scale;
        offset += 1;
        return;
      }
      const index = this.categoryIndex[s];
      const value = raw === null || raw === undefined ? step.fill : String(raw);
      // Training data went through the quality gate's spelling normalisation: " Fiber" means "fiber".
      const slot = index.get(value) ?? index.get(normalizeCategory(value));
      if (slot === undefined) this.unknownCategoryCount += 1;
      else out[offset + slot] = 1;
      offset += step.categories.length;
    });
    return out;
  }
}

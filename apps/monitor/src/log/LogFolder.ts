import { mergeWindowProfiles, profileWindow, QuantileSketch, type WindowProfile } from '@mlops/drift';
import type { BaselineProfile, ColumnSpec } from '@mlops/features';
import type { PredictionRecord } from '@mlops/registry';
import { checkDataQuality, mergeDataQuality } from '../check/dataQuality';
import { fieldUsage, mergeFieldUsage } from '../check/fieldCoverage';
import { PREDICTION_COLUMN, PROBABILITY_COLUMN, recordsToTable } from '../recordsToTable';
import {
  emptyFold,
  type LogFold,
  MAX_CATEGORIES,
  MAX_LATENCY_VALUES,
  newestRecords,
  SKETCH_K,
} from './LogFold';

/** What a fold looks at: which version, and against what reference. */
export interface FoldConfig {
  /** Fold this version's records only; `null` folds every version (no reference then). */
  version: number | null;
  /**
   * The version's baseline with the output references added as columns
   * (`__prediction__`, `__probability__`): window profiles are built on its bins.
   */
  reference?: BaselineProfile;
  /** The version's features: the profiled columns, the data-quality rules. */
  features?: readonly ColumnSpec[];
  /** How many newest records the fold keeps. @default 20 */
  recent?: number;
}

/** Records profiled at once: large enough for typed-array speed, small enough to keep memory flat. */
const BATCH = 8192;

const isPositive = (prediction: unknown) => prediction === 1 || prediction === '1' || prediction === true;

/**
 * Folds records one at a time into a {@link LogFold}: scalar sums at once,
 * window profiles and data quality per batch of 8,192 records (merged as they
 * go), so memory stays bounded whatever the log's size. The same records in
 * the same order always give the same fold.
 */
export class LogFolder {
  private fold = emptyFold();
  private batch: PredictionRecord[] = [];
  private readonly latency = new QuantileSketch(SKETCH_K);
  private readonly predictions = new QuantileSketch(SKETCH_K);
  private latencyValues = 0;
  private categoryValues = 0;

  constructor(
    private readonly config: FoldConfig,
    /** Only records this accepts are folded (a window's lower bound); @default every record */
    private readonly accept: (record: PredictionRecord) => boolean = () => true,
  ) {}

  /** Records folded so far (of the version, accepted). */
  get rowsAdded(): number {
    return this.fold.rows;
  }

  /** Folds one record: of another version, it is only counted in `otherRows`. */
  add(record: PredictionRecord): void {
    if (this.config.version !== null && record.model_version !== this.config.version) {
      this.fold.otherRows += 1;
      return;
    }
    if (!this.accept(record)) return;
    const fold = this.fold;
    fold.rows += 1;
    const ts = record.timestamp;
    if (fold.first === null || ts < fold.first) fold.first = ts;
    if (fold.last === null || ts > fold.last) fold.last = ts;
    const minute = ts.slice(0, 16);
    if (!fold.minutes[minute]) fold.minutes[minute] = [0, 0, 0, 0, 0, 0];
    const sums = fold.minutes[minute];
    sums[0] += 1;
    this.latency.update(record.latency_ms);
    if (fold.latencyCounts) {
      const key = String(record.latency_ms);
      const seen = fold.latencyCounts[key];
      fold.latencyCounts[key] = (seen ?? 0) + 1;
      // Counting keys per record would cost O(distinct) each: count new ones instead.
      if (seen === undefined && ++this.latencyValues > MAX_LATENCY_VALUES) fold.latencyCounts = null;
    }
    if (fold.latencyMax === null || record.latency_ms > fold.latencyMax) fold.latencyMax = record.latency_ms;
    const outputs = fold.outputs;
    const p = record.prediction;
    if (isPositive(p)) {
      sums[1] += 1;
      outputs.positives += 1;
    } else if (!(p === 0 || p === '0')) outputs.binary = false;
    if (typeof p === 'number') {
      sums[4] += p;
      sums[5] += 1;
      this.predictions.update(p);
      if (outputs.predictionMin === null || p < outputs.predictionMin) outputs.predictionMin = p;
      if (outputs.predictionMax === null || p > outputs.predictionMax) outputs.predictionMax = p;
    } else outputs.numeric = false;
    if (outputs.categories) {
      const key = String(p);
      const seen = outputs.categories[key];
      outputs.categories[key] = (seen ?? 0) + 1;
      if (seen === undefined && ++this.categoryValues > MAX_CATEGORIES) outputs.categories = null;
    }
    if (typeof record.probability === 'number') {
      sums[2] += record.probability;
      sums[3] += 1;
      outputs.probabilityHistogram[Math.min(19, Math.max(0, Math.floor(record.probability * 20)))] += 1;
      outputs.withProbability += 1;
    }
    if (this.config.recent !== 0) {
      fold.recent.push(record);
      if (fold.recent.length > 2 * (this.config.recent ?? 20)) this.trimRecent();
    }
    if (this.config.reference) {
      this.batch.push(record);
      if (this.batch.length >= BATCH) this.profileBatch();
    }
  }

  /** The fold of every record added so far. */
  finish(): LogFold {
    this.profileBatch();
    this.trimRecent();
    this.fold.latency = this.latency.toJSON();
    this.fold.outputs.predictionSketch = this.predictions.toJSON();
    return this.fold;
  }

  private trimRecent(): void {
    const sorted = this.fold.recent
      .map((record, i) => ({ record, i }))
      .sort((a, b) =>
        a.record.timestamp < b.record.timestamp
          ? -1
          : a.record.timestamp > b.record.timestamp
            ? 1
            : a.i - b.i,
      )
      .map(({ record }) => record);
    this.fold.recent = newestRecords([], sorted, this.config.recent ?? 20);
  }

  private profileBatch(): void {
    const reference = this.config.reference;
    const records = this.batch;
    if (!reference || records.length === 0) return;
    this.batch = [];
    const features = this.config.features ?? [];
    const names = features.map((spec) => spec.name).filter((name) => name in reference.columns);
    const start = `${records[0].timestamp.slice(0, 13)}:00:00.000Z`;
    const end = records[records.length - 1].timestamp;
    const table = recordsToTable(records, reference, {
      columns: names,
      prediction: reference.columns[PREDICTION_COLUMN],
      probability: PROBABILITY_COLUMN in reference.columns,
    });
    const values = profileWindow(table, reference, { start, end });
    const binnedNames = names.filter((name) => records.some((record) => record.binned?.includes(name)));
    const fold = this.fold;
    fold.profile = merge(fold.profile, values);
    if (binnedNames.length > 0) {
      const binned = recordsToTable(records, reference, { columns: binnedNames, binned: binnedNames });
      fold.binnedProfile = merge(
        fold.binnedProfile,
        profileWindow(binned, reference, { start, end, binned: binnedNames }),
      );
    }
    const usage = fieldUsage(records);
    fold.usage = fold.usage ? mergeFieldUsage(fold.usage, usage) : usage;
    const quality = checkDataQuality(records, features, reference);
    fold.quality = fold.quality ? mergeDataQuality(fold.quality, quality) : quality;
  }
}

function merge(a: WindowProfile | null, b: WindowProfile): WindowProfile {
  return a ? mergeWindowProfiles([a, b]) : b;
}

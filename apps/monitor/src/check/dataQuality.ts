import type { SkippedColumn } from '@mlops/drift';
import type { BaselineProfile, ColumnSpec } from '@mlops/features';
import { isHashedValue, type PredictionRecord } from '@mlops/registry';

/** Data-quality findings for one feature of the production inputs. */
export interface FeatureQuality {
  column: string;
  /** Rows where the feature was absent or null. */
  missing: number;
  /** Numeric values outside the schema's [min, max] (or not whole where the schema asks for integers). */
  outOfRange: number;
  /** Categorical values neither in the schema's categories nor in the training data. */
  unseenCategories: number;
  /** Values of the wrong type (a string where a number belongs, or the reverse). */
  wrongType: number;
  /** A few offending values, for the report. */
  examples: (string | number)[];
}

/** The data-quality part of a check: per feature, and whether anything was found. */
export interface DataQualityReport {
  rows: number;
  features: FeatureQuality[];
  /** Features with at least one finding. */
  issues: number;
  /** Features not checked, and why (sensitive fields: their values are not in the log). */
  skipped: SkippedColumn[];
}

/**
 * Checks logged inputs against the model's feature schema (ranges, integer
 * flags, categories) and its training profile (categories seen): missing,
 * out-of-range, unseen categories and wrong types, counted per feature.
 * Sensitive fields are skipped, and listed: the log holds no value of theirs to
 * check (dropped, hashed, or a reference-bin index whose range says nothing).
 */
export function checkDataQuality(
  records: readonly PredictionRecord[],
  features: readonly ColumnSpec[],
  profile: BaselineProfile,
): DataQualityReport {
  const report: FeatureQuality[] = [];
  const skipped: SkippedColumn[] = [];
  for (const spec of features) {
    if (spec.sensitive) {
      skipped.push({ column: spec.name, reason: sensitiveReason(spec.name, records) });
      continue;
    }
    const finding: FeatureQuality = {
      column: spec.name,
      missing: 0,
      outOfRange: 0,
      unseenCategories: 0,
      wrongType: 0,
      examples: [],
    };
    const trained = profile.columns[spec.name];
    const known = new Set([
      ...(spec.categories ?? []),
      ...(trained?.kind === 'categorical' ? Object.keys(trained.frequencies) : []),
    ]);
    const note = (value: string | number) => {
      if (finding.examples.length < 5 && !finding.examples.includes(value)) finding.examples.push(value);
    };
    for (const record of records) {
      if (record.binned?.includes(spec.name)) continue; // a bin index, not a value
      const value = record.features[spec.name];
      if (value === null || value === undefined) {
        finding.missing += 1;
      } else if (spec.type === 'numeric') {
        if (typeof value !== 'number') {
          finding.wrongType += 1;
          note(value);
        } else if (
          (spec.min !== undefined && value < spec.min) ||
          (spec.max !== undefined && value > spec.max) ||
          (spec.integer && !Number.isInteger(value))
        ) {
          finding.outOfRange += 1;
          note(value);
        }
      } else if (typeof value !== 'string') {
        finding.wrongType += 1;
        note(value);
      } else if (known.size > 0 && !known.has(value)) {
        finding.unseenCategories += 1;
        note(value);
      }
    }
    report.push(finding);
  }
  return {
    rows: records.length,
    features: report,
    issues: report.filter((f) => f.missing + f.outOfRange + f.unseenCategories + f.wrongType > 0).length,
    skipped,
  };
}

function sensitiveReason(name: string, records: readonly PredictionRecord[]): string {
  if (records.some((record) => record.binned?.includes(name)))
    return 'sensitive, logged as reference-bin indices: ranges and types are not checked';
  const value = records.find((record) => record.features[name] !== undefined)?.features[name];
  if (isHashedValue(value)) return 'sensitive, logged hashed: values cannot be checked';
  return value === undefined ? 'sensitive, not logged' : 'sensitive: not checked';
}

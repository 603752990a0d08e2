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

const SENSITIVE_ORDER = [
  'sensitive, logged as reference-bin indices: ranges and types are not checked',
  'sensitive, logged hashed: values cannot be checked',
  'sensitive: not checked',
  'sensitive, not logged',
];

/**
 * The data quality of two stretches of the log together: counts add, examples
 * keep the first five distinct, and a sensitive field's reason is the one that
 * says most (logged binned anywhere, then hashed, then logged, then not logged).
 */
export function mergeDataQuality(a: DataQualityReport, b: DataQualityReport): DataQualityReport {
  const features = a.features.map((mine) => {
    const theirs = b.features.find((f) => f.column === mine.column);
    if (!theirs) return structuredClone(mine);
    const examples = [...mine.examples];
    for (const value of theirs.examples)
      if (examples.length < 5 && !examples.includes(value)) examples.push(value);
    return {
      column: mine.column,
      missing: mine.missing + theirs.missing,
      outOfRange: mine.outOfRange + theirs.outOfRange,
      unseenCategories: mine.unseenCategories + theirs.unseenCategories,
      wrongType: mine.wrongType + theirs.wrongType,
      examples,
    };
  });
  const rank = (reason: string) => {
    const at = SENSITIVE_ORDER.indexOf(reason);
    return at < 0 ? SENSITIVE_ORDER.length : at;
  };
  const skipped = a.skipped.map((mine) => {
    const theirs = b.skipped.find((s) => s.column === mine.column);
    return theirs && rank(theirs.reason) < rank(mine.reason) ? { ...theirs } : { ...mine };
  });
  return {
    rows: a.rows + b.rows,
    features,
    issues: features.filter((f) => f.missing + f.outOfRange + f.unseenCategories + f.wrongType > 0).length,
    skipped,
  };
}

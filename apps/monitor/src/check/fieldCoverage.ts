import type { SkippedColumn } from '@mlops/drift';
import type { BaselineProfile, ColumnRole, ColumnSpec } from '@mlops/features';
import { isHashedValue, type PredictionRecord } from '@mlops/registry';

/** What a check can and cannot monitor of a version's fields, given the logged records. */
export interface FieldCoverage {
  /** Features drift-tested, in the version's order: logged values, or bin indices. */
  tested: string[];
  /** The tested features logged as reference-bin indices (`MLOPS_SENSITIVE_FIELDS=bin`). */
  binned: string[];
  /** Every other field, with the reason it is not monitored: entity keys, times, unlogged features… */
  notMonitored: SkippedColumn[];
}

/** How the version describes its fields: its inputs, its entity keys, and roles of other profiled columns. */
export interface VersionFields {
  features: readonly ColumnSpec[];
  /** The model's id columns (`ModelDocument.idColumns`): logged as the entity key, never inputs. */
  idColumns: readonly ColumnSpec[];
  profile: BaselineProfile;
  /** Roles of profiled columns that are not features (inferred from the version's test rows). */
  roles?: Readonly<Record<string, { role: ColumnRole; reason: string }>>;
}

/** The reasons a report gives, in one place. */
export const NOT_MONITORED = {
  entityKey: 'entity key: never drift-tested',
  dropped:
    'sensitive, not logged (MLOPS_SENSITIVE_FIELDS=drop): set MLOPS_SENSITIVE_FIELDS=bin to monitor its drift without storing values',
  droppedCategorical:
    'sensitive, not logged (MLOPS_SENSITIVE_FIELDS=drop): only numeric fields can be logged as bins',
  hashed: 'sensitive, logged hashed: values cannot be compared with training',
  absent: 'absent from every logged record',
  unusable: 'logged, but no usable value in the window (every value missing or of the wrong type)',
  noBaseline: "no baseline in the version's profile: retrain to monitor it",
  notAnInput: 'not an input of this version (profiled at training only): never drift-tested',
} as const;

const isHash = isHashedValue;

/**
 * Decides, field by field, what a check of these records tests: only the
 * version's features with a baseline and a usable logged value (or bin index)
 * are tested; entity keys, times, other profiled columns, sensitive fields
 * dropped or hashed by the API, and features absent from the log are listed
 * with the reason, so a report never leaves a field out silently.
 */
export function fieldCoverage(
  records: readonly PredictionRecord[] | FieldUsage,
  fields: VersionFields,
): FieldCoverage {
  const tested: string[] = [];
  const binned: string[] = [];
  const notMonitored: SkippedColumn[] = [];
  const skip = (column: string, reason: string) => notMonitored.push({ column, reason });
  for (const spec of fields.idColumns) skip(spec.name, NOT_MONITORED.entityKey);
  const seen = new Map(Object.entries(Array.isArray(records) ? fieldUsage(records) : records));
  for (const spec of fields.features) {
    const usage = seen.get(spec.name);
    const usable = spec.type === 'numeric' ? usage?.numbers : usage?.texts;
    if (!fields.profile.columns[spec.name]) skip(spec.name, NOT_MONITORED.noBaseline);
    else if (usage?.binned && spec.type === 'numeric') {
      tested.push(spec.name);
      binned.push(spec.name);
    } else if (usage?.hashed && !usable) skip(spec.name, NOT_MONITORED.hashed);
    else if (!usage && spec.sensitive)
      skip(spec.name, spec.type === 'numeric' ? NOT_MONITORED.dropped : NOT_MONITORED.droppedCategorical);
    else if (!usage) skip(spec.name, NOT_MONITORED.absent);
    else if (!usable) skip(spec.name, NOT_MONITORED.unusable);
    else tested.push(spec.name);
  }
  const inputs = new Set([...fields.features, ...fields.idColumns].map((spec) => spec.name));
  for (const column of Object.keys(fields.profile.columns)) {
    if (inputs.has(column)) continue;
    const role = fields.roles?.[column];
    if (role?.role === 'id' || role?.role === 'time')
      skip(column, `${role.role} column (inferred: ${role.reason}): never drift-tested`);
    else skip(column, NOT_MONITORED.notAnInput);
  }
  return { tested, binned, notMonitored };
}

/** How records used each field, by field name: the part of the log {@link fieldCoverage} decides on, mergeable by adding. */
export type FieldUsage = Record<string, Usage>;

/** Counts of one field's logged forms. */
export interface Usage {
  /** Records holding a number, a string that is not a hash, a hash, or a bin index for the field. */
  numbers: number;
  texts: number;
  hashed: number;
  binned: number;
}

/** Counts, per field, the records holding a number, a text, a hash or a bin index for it. */
export function fieldUsage(records: readonly PredictionRecord[]): FieldUsage {
  const usage: FieldUsage = {};
  const of = (name: string) => {
    if (!usage[name]) usage[name] = { numbers: 0, texts: 0, hashed: 0, binned: 0 };
    return usage[name];
  };
  for (const record of records) {
    const binned = record.binned ?? [];
    for (const name of binned) of(name).binned += 1;
    for (const [name, value] of Object.entries(record.features)) {
      if (binned.includes(name)) continue;
      const entry = of(name);
      if (typeof value === 'number' && Number.isFinite(value)) entry.numbers += 1;
      else if (isHash(value)) entry.hashed += 1;
      else if (typeof value === 'string') entry.texts += 1;
    }
  }
  return usage;
}

/** The usage of two stretches of the log together. */
export function mergeFieldUsage(a: FieldUsage, b: FieldUsage): FieldUsage {
  const merged: FieldUsage = structuredClone(a);
  for (const [name, usage] of Object.entries(b)) {
    if (!merged[name]) merged[name] = { numbers: 0, texts: 0, hashed: 0, binned: 0 };
    const into = merged[name];
    into.numbers += usage.numbers;
    into.texts += usage.texts;
    into.hashed += usage.hashed;
    into.binned += usage.binned;
  }
  return merged;
}

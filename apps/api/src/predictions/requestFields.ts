import type { ColumnSpec } from '@mlops/features';

/** The fields a request to one model may carry, computed once per loaded model. */
export interface RequestFields {
  /** The model's inputs: every one is required. */
  features: readonly ColumnSpec[];
  /** The entity's id columns (e.g. `customer_id`): optional, logged as the entity key, never inputs. */
  ids: readonly ColumnSpec[];
  /** Every field name a request may hold. */
  known: ReadonlySet<string>;
}

/**
 * The request fields of a model: its features and the id columns stored with it
 * (`ModelDocument.idColumns`). An id column that is also a feature stays a feature.
 */
export function requestFields(
  features: readonly ColumnSpec[],
  idColumns: readonly ColumnSpec[] = [],
): RequestFields {
  const featureNames = new Set(features.map((spec) => spec.name));
  const ids = idColumns.filter((spec) => !featureNames.has(spec.name));
  return { features, ids, known: new Set([...featureNames, ...ids.map((spec) => spec.name)]) };
}

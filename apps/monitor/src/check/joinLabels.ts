import type { DataTable } from '@mlops/features';
import type { ModelDocument } from '@mlops/models';
import { hashSensitiveValue, isHashedValue, type PredictionRecord } from '@mlops/registry';

/** Labels matched with logged predictions. */
export interface LabelJoin {
  /** `['request_id']`, or the model's id columns. */
  key: string[];
  /** Whether label keys were hashed to match the log. */
  hashed: boolean;
  /** Label rows with a key and a label. */
  labels: number;
  /** One per matched label: its label and the logged prediction it belongs to. */
  pairs: { label: number | string; record: PredictionRecord }[];
}

/**
 * Joins true labels that arrived later with logged predictions. A labels file
 * with `request_id` joins on it. One without, but with every id column of the
 * model (`ModelDocument.idColumns`, e.g. `customer_id`), joins each label with
 * the latest logged prediction of that entity among `records` (the window); a
 * sensitive id column is in the log as `sha256:<hex>` of salt + NUL + value, so
 * the labels' values are hashed with `hashSalt` (`MLOPS_HASH_SALT`) first
 * (values already in that form are used as they are). The label is the model's
 * target column, or `label`.
 */
export function joinLabels(
  records: readonly PredictionRecord[],
  labels: DataTable,
  model: Pick<ModelDocument, 'target' | 'idColumns'>,
  options: { hashSalt?: string } = {},
): LabelJoin {
  const labelColumn = labels.has(model.target) ? model.target : labels.has('label') ? 'label' : undefined;
  const ids = model.idColumns ?? [];
  const byEntity = !labels.has('request_id') && ids.length > 0 && ids.every((c) => labels.has(c.name));
  if (!labels.has('request_id') && !byEntity) {
    const entity = ids.length
      ? ` nor the model's id column(s) ${ids.map((c) => `'${c.name}'`).join(', ')}`
      : '';
    throw new Error(
      `the labels file has no 'request_id' column${entity}: the join key of the prediction log`,
    );
  }
  if (!labelColumn) throw new Error(`the labels file needs a '${model.target}' (or 'label') column`);
  const sensitive = byEntity ? ids.filter((c) => c.sensitive).map((c) => c.name) : [];
  const hash = (value: number | string): string => {
    const text = String(value);
    if (isHashedValue(text)) return text;
    if (options.hashSalt === undefined) {
      throw new Error(
        `'${sensitive.join("', '")}' is sensitive, so the log holds it hashed: set MLOPS_HASH_SALT to the API's salt to join labels on it, or label by request_id`,
      );
    }
    return hashSensitiveValue(options.hashSalt, text);
  };
  const names = byEntity ? ids.map((c) => c.name) : ['request_id'];
  const keyOf = (value: (name: string) => number | string | null | undefined): string | undefined => {
    const parts: string[] = [];
    for (const name of names) {
      const v = value(name);
      if (v === null || v === undefined) return undefined;
      parts.push(sensitive.includes(name) ? hash(v) : String(v));
    }
    return parts.join('\0');
  };
  // Records are in time order: the last one seen per key is the latest.
  const latest = new Map<string, PredictionRecord>();
  for (const record of records) {
    const key = byEntity ? keyOf((name) => record.entity?.[name]) : record.request_id;
    if (key !== undefined) latest.set(key, record);
  }
  const rows: { key: string; label: number | string }[] = [];
  for (let row = 0; row < labels.numRows; row += 1) {
    const label = labels.cell(labelColumn, row);
    const key = keyOf((name) => labels.cell(name, row));
    if (label !== null && key !== undefined) rows.push({ key, label });
  }
  // By request id a prediction has one label (the last given); by entity every label row counts.
  const wanted = byEntity ? rows : [...new Map(rows.map((row) => [row.key, row])).values()];
  const pairs: LabelJoin['pairs'] = [];
  for (const { key, label } of wanted) {
    const record = latest.get(key);
    if (record) pairs.push({ label, record });
  }
  return { key: names, hashed: sensitive.length > 0, labels: wanted.length, pairs };
}

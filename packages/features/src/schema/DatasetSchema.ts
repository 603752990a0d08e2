/** The learning task a dataset's target defines. */
export type Task = 'binary' | 'multiclass' | 'regression';

/** What a column is for: a model input, the label, a row identifier, or a time stamp. */
export type ColumnRole = 'feature' | 'target' | 'id' | 'time';

/** One column of a dataset: its type, meaning and valid values. */
export interface ColumnSpec {
  name: string;
  type: 'numeric' | 'categorical';
  role: ColumnRole;
  description: string;
  /** Smallest valid value (numeric columns). */
  min?: number;
  /** Largest valid value (numeric columns). */
  max?: number;
  /** Whether only whole numbers are valid (numeric columns). */
  integer?: boolean;
  /** The valid categories (categorical columns); others count as unknown. */
  categories?: string[];
  /** Personal or secret data: never written in clear to prediction logs. */
  sensitive?: boolean;
  /** Why schema inference gave the column its type and role (absent in written schemas). */
  inferred?: string;
}

/** A dataset's schema: its columns and which one is the label. */
export interface DatasetSchema {
  name: string;
  description: string;
  task: Task;
  target: string;
  columns: ColumnSpec[];
  /**
   * How models of this data are validated when nothing else is asked: `temporal`
   * (the latest rows, by the time column, are the test set) for data whose label
   * is a later period's value, such as next-day revenue. @default 'random'
   */
  split?: 'random' | 'temporal';
}

/** The feature columns of a schema, in order. */
export function featureColumns(schema: DatasetSchema): ColumnSpec[] {
  return schema.columns.filter((column) => column.role === 'feature');
}

/** The names of a schema's columns with `role`, in order. */
export function columnsWithRole(schema: DatasetSchema, role: ColumnRole): string[] {
  return schema.columns.filter((column) => column.role === role).map((column) => column.name);
}

/** The columns that identify rows or carry time: never model inputs, never drift-tested. */
export function keyColumns(schema: DatasetSchema): string[] {
  return schema.columns
    .filter((column) => column.role === 'id' || column.role === 'time')
    .map((column) => column.name);
}

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
}

/** A dataset's schema: its columns and which one is the label. */
export interface DatasetSchema {
  name: string;
  description: string;
  task: Task;
  target: string;
  columns: ColumnSpec[];
}

/** The feature columns of a schema, in order. */
export function featureColumns(schema: DatasetSchema): ColumnSpec[] {
  return schema.columns.filter((column) => column.role === 'feature');
}

import { Dictionary, Field, Float64, Int32, Schema, Utf8 } from 'apache-arrow';
import type { DataTable } from '../table/DataTable';

/**
 * The Arrow schema a table is written with: nullable Float64 for numeric columns and
 * nullable Dictionary<Utf8, Int32> for categorical ones, with fixed dictionary ids so
 * every batch of a file declares the same schema. Returns the schema.
 */
export function arrowSchemaOf(table: DataTable, metadata?: Map<string, string>): Schema {
  return new Schema(
    table.columns.map(
      (column, index) =>
        new Field(
          column.name,
          column.kind === 'numeric' ? new Float64() : new Dictionary(new Utf8(), new Int32(), index),
          true,
        ),
    ),
    metadata,
  );
}

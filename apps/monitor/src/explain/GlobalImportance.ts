// The shape of a version's global importance, shared by report.json, the UI's API and
// its client (so this file imports nothing).

/** One input field's global importance: the mean |contribution| over the rows explained. */
export interface FieldImportance {
  field: string;
  /** Mean over rows of |contribution| (summed over classes for a multiclass model), in `output_kind` units. */
  mean_abs: number;
}

/** A version's global importance, or why it has none. */
export type GlobalImportance =
  | {
      model: string;
      version: number;
      available: true;
      /** The model's kind (`gradient_boosting`, `logistic`…). */
      kind: string;
      /** What the contributions add up to: `log_odds`, `probability` or `value`. */
      output_kind: string;
      /** A multiclass model's class labels (its contributions are summed over them); null otherwise. */
      classes: string[] | null;
      /** Rows explained: at most 2,000, spread evenly over the reference sample. */
      rows: number;
      /** Rows in the version's reference sample. */
      reference_rows: number;
      /** Most important first. */
      fields: FieldImportance[];
    }
  | {
      model: string;
      version: number;
      available: false;
      kind: string;
      /** Why not, in one line: the model cannot be explained, or the version has no reference sample. */
      reason: string;
    };

// The JSON the web UI's API serves: types only, imported by the server (which builds
// these objects) and by the browser client (which renders them), so the two cannot disagree.

/** A model's last drift check, from the newest `report.json` under `<home>/reports/<model>/`. */
export interface UiDriftLevel {
  level: string;
  version: number;
  generated_at: string;
}

/** One row of `GET /api/ui/models`. */
export interface UiModelSummary {
  name: string;
  task: string;
  versions: number;
  production_version: number | null;
  /** Every alias and the version it points at. */
  aliases: Record<string, number>;
  archived_versions: number[];
  /** The model's own gate (`mlops models gate`), or null when the task's default applies. */
  gate: string | null;
  /** The rules that apply: the own gate, else the default, written out. */
  gate_applied: string;
  /** Null when no report was written into the default report folder yet. */
  last_drift: UiDriftLevel | null;
}

/** `GET /api/ui/models`. */
export interface UiModelsResponse {
  models: UiModelSummary[];
}

/** One rule of a version's gate as evaluated when it was registered. */
export interface UiGateCheck {
  rule: string;
  value: number | null;
  threshold: number | null;
  against: string;
  passed: boolean;
  note: string | null;
}

/** One version on the model page. */
export interface UiVersion {
  version: number;
  kind: string;
  created_at: string;
  aliases: string[];
  production: boolean;
  archived: boolean;
  metrics: Record<string, number>;
  /** The trivial baseline's metrics on the same rows. */
  baseline_metrics: Record<string, number>;
  /** Production at registration, scored on this version's held-out rows; null when there was none. */
  production_comparison: {
    version: number;
    metrics: Record<string, number>;
    rows: number;
    same_rows: boolean;
    error: string | null;
  } | null;
  gate: { passed: boolean; checks: string[]; rules: UiGateCheck[] };
  data_hash: string;
  data_rows: number;
  params: Record<string, number>;
  seed: number;
  run_id: string | null;
}

/** One alias move of the audit trail. */
export interface UiAuditEntry {
  time: string;
  actor: string;
  action: string;
  alias: string;
  from: number | null;
  to: number | null;
  reason: string;
  forced: boolean;
  /** Promotions: whether the gate passed at that moment; null when no gate was evaluated. */
  gate_passed: boolean | null;
}

/** `GET /api/ui/models/:name`. */
export interface UiModelDetail {
  model: UiModelSummary;
  /** Newest first. */
  versions: UiVersion[];
  /** Oldest first, as the audit log holds it. */
  audit: UiAuditEntry[];
}

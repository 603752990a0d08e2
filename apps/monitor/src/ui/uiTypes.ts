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

/** One run in the runs table: what a row shows, and its children (tuning trials) when they matched too. */
export interface UiRun {
  id: string;
  experiment: string;
  kind: string;
  /** `running`, `finished`, `failed`, `pruned` or `abandoned`. */
  status: string;
  parent_id: string | null;
  start_time: string;
  end_time: string | null;
  params: Record<string, number | string>;
  metrics: Record<string, number>;
  tags: Record<string, string>;
  error: string | null;
  /** The runs of this query whose parent is this run, in the query's order. */
  children: UiRun[];
}

/** `GET /api/ui/runs`: the query as the server read it, and the runs it matched, children under their parent. */
export interface UiRunsResponse {
  /** Each condition as `mlops runs list --filter` takes it. */
  filters: string[];
  /** As `--sort` takes it, or null for newest first. */
  sort: string | null;
  limit: number;
  /** How many runs matched (parents and children), at most `limit`. */
  matched: number;
  /** Runs whose parent did not match stand at the top level, each with its `parent_id`. */
  runs: UiRun[];
}

/** A file kept with a run. */
export interface UiRunArtifact {
  name: string;
  /** Null when the file is listed in the run but gone from its folder. */
  bytes: number | null;
}

/** A model version registered from a run (`mlops train --name`), found by its run id. */
export interface UiRunVersion {
  model: string;
  version: number;
  data_hash: string;
  data_rows: number;
}

/** `GET /api/ui/runs/:id`. */
export interface UiRunDetail {
  run: UiRun;
  artifacts: UiRunArtifact[];
  /** The data the run used: the file it names (`params.data`, else its parent's), and the version made from it. */
  data: { path: string | null; from_parent: boolean; versions: UiRunVersion[] };
  /** The run's children (a study's trials), newest first. */
  children: UiRun[];
  pid: number | null;
  host: string | null;
}

/** One param across the compared runs: each run's value (null when it has none) and whether they differ. */
export interface UiCompareParam {
  name: string;
  /** In the order of `runs`. */
  values: (number | string | null)[];
  /** Whether any two runs differ, a missing value counting as a value of its own. */
  differs: boolean;
}

/** One metric across the compared runs (null when a run has none). */
export interface UiCompareMetric {
  name: string;
  /** In the order of `runs`. */
  values: (number | null)[];
}

/** The tuning study every compared run is a trial of, and each trial's score on the study's metric. */
export interface UiCompareStudy {
  id: string;
  experiment: string;
  /** The metric the study optimised (its `params.metric`), else `score`. */
  metric: string;
  /** In the order of `runs`: the trial's value of `metric`, else its `score`, else null. */
  values: (number | null)[];
}

/** `GET /api/ui/compare?runs=ID,ID,…`: 2 to 10 runs side by side. */
export interface UiCompareResponse {
  /** In the order the address names them (children left empty). */
  runs: UiRun[];
  /** Every param any of them has, sorted by name. */
  params: UiCompareParam[];
  /** Every metric any of them has, sorted by name. */
  metrics: UiCompareMetric[];
  /** Set when every run is a trial of the same tuning study. */
  study: UiCompareStudy | null;
}

/** The body of `POST /api/ui/models/:name/promote`. */
export interface UiPromoteRequest {
  version: number;
  /** Written to the audit entry. @default '' */
  reason?: string;
}

/** The body of `POST /api/ui/models/:name/rollback`. */
export interface UiRollbackRequest {
  reason?: string;
}

/** What a promote or rollback from the UI did: its audit entry (actor `ui`). */
export interface UiModelActionResponse {
  entry: UiAuditEntry;
}

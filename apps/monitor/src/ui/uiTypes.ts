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

/** The time ranges the monitoring views take (`range=`): each ends at the newest logged prediction. */
export const UI_TIME_RANGES = ['1h', '24h', '7d', '30d', 'all'] as const;

/** One of {@link UI_TIME_RANGES}. */
export type UiTimeRange = (typeof UI_TIME_RANGES)[number];

/**
 * The stretch of time a monitoring answer covers: `range` back from `to`, the newest
 * logged prediction of the model (an idle service is shown its last traffic, as
 * `monitor run --window` judges it); both null when nothing is logged. With `from=` and
 * `to=` the range is `custom`: those two times, both included, whatever the log holds.
 */
export interface UiTimeWindow {
  range: UiTimeRange | 'custom';
  from: string | null;
  to: string | null;
}

/** A version as the pickers list it. */
export interface UiVersionChoice {
  version: number;
  production: boolean;
  archived: boolean;
}

/** One stored drift check (`<home>/reports/<model>/<id>/report.json`), as the drift-over-time chart draws it. */
export interface UiDriftCheck {
  /** The report's folder name (its generation time). */
  id: string;
  generated_at: string;
  version: number;
  level: string;
  /** The check's window as `monitor run` was given it (`all`, `1d`, `5000`…) and its oldest and newest prediction. */
  window: string;
  first: string | null;
  last: string | null;
  predictions: number;
  drifted: number;
  tested: number;
  drift_share: number;
  /** Every tested feature's drift score (1 at its threshold, above 1 drifted). */
  scores: Record<string, number>;
  /** With `--labels`: the live metrics on the labelled predictions; null otherwise. */
  live_metrics: Record<string, number> | null;
}

/** One feature's drill-down of a drift check: its test and the reference and current distributions. */
export interface UiFeatureDrift {
  column: string;
  kind: 'numeric' | 'categorical';
  test: string;
  statistic: number;
  p_value: number | null;
  threshold: number;
  drifted: boolean;
  drift_score: number;
  binned: boolean;
  /** Shares per reference bin or category (null when the window held none). */
  distribution: { labels: string[]; reference: number[]; current: number[] } | null;
  /** Numeric: min, p1, p25, p50, p75, p99, max on each side (the current ones from a sketch, ≈1 % rank error). */
  quantiles: { level: number; reference: number; current: number }[] | null;
  missing: { reference: number; current: number };
  new_categories: { category: string; count: number }[];
}

/** The drift check a monitoring view opens (the newest in its range, or the one `report=` names). */
export interface UiDriftReport extends UiDriftCheck {
  /** Most drifted first. */
  features: UiFeatureDrift[];
  not_monitored: { column: string; reason: string }[];
  prediction_drift: {
    test: string;
    statistic: number;
    threshold: number;
    drifted: boolean;
    reference: string;
  } | null;
  skipped_log_lines: number;
  /** With `--labels`: the metrics over stretches of the check's window against the version's test metrics. */
  performance: {
    task: string;
    rows: number;
    over_time: { start: string; rows: number; metrics: Record<string, number> }[];
    registered: Record<string, number>;
  } | null;
}

/** `GET /api/ui/models/:name/drift?version=&range=&report=`. */
export interface UiDriftResponse {
  model: string;
  versions: UiVersionChoice[];
  /** The version asked for, or null for every version. */
  version: number | null;
  window: UiTimeWindow;
  /** The checks in the window (of `version` when given), oldest first. */
  checks: UiDriftCheck[];
  /** Null when the window holds no check. */
  report: UiDriftReport | null;
}

/** One version's traffic in a serving answer: counts per bucket, never summed with another version's. */
export interface UiVersionTraffic {
  version: number;
  /** Predictions in the window. */
  rows: number;
  /** Predictions per bucket, in the order of `buckets`. */
  counts: number[];
  /** Share of positive predictions per bucket (binary models), null where a bucket has none. */
  positive_rate: (number | null)[] | null;
  /** Milliseconds over the window (`latency_ms` of the log): nearest rank, exact up to 1,000 distinct values. */
  latency: { p50: number; p90: number; p99: number; max: number } | null;
  /** Latency per bucket (ms, nearest rank, exact up to 1,000 distinct values in a bucket), null where a bucket has none. */
  latency_over_time: { p50: (number | null)[]; p95: (number | null)[]; p99: (number | null)[] };
}

/** `GET /api/ui/models/:name/serving?version=&range=` (or `from=&to=`): traffic from the prediction log. */
export interface UiServingResponse {
  model: string;
  versions: UiVersionChoice[];
  version: number | null;
  window: UiTimeWindow;
  /** Whole minutes per bucket; buckets start on multiples of it (UTC). */
  bucket_minutes: number;
  /** Each bucket's start (ISO); empty buckets are listed with a count of 0. */
  buckets: string[];
  /** Minutes of each bucket inside the window (the last one may be partial): rate = count / minutes. */
  bucket_covered_minutes: number[];
  /** One entry per version with traffic in the window (only `version` when given), oldest version first. */
  traffic: UiVersionTraffic[];
}

/** One API replica's `/metrics`, as scraped when the page asked. */
export interface UiReplica {
  url: string;
  /** False when it did not answer, answered an error, or not Prometheus text (`error` says which). */
  up: boolean;
  error: string | null;
  /** `http_requests_total` summed over routes, by status code. */
  requests_by_status: Record<string, number>;
  requests: number;
  /** Requests answered 5xx and 4xx. */
  server_errors: number;
  client_errors: number;
  /** `mlops_predictions_total` of the model asked for, by version: served traffic only (champion and canary, never shadow). */
  predictions_by_version: Record<string, number>;
  /** All the model's predictions by role (`champion`, `canary`, `shadow`); shadow ones are not in `predictions_by_version`. */
  predictions_by_role: Record<string, number>;
}

/** `GET /api/ui/replicas?model=`: each replica of `MLOPS_API_URLS`; `configured` false when it is unset. */
export interface UiReplicasResponse {
  configured: boolean;
  scraped_at: string;
  replicas: UiReplica[];
}

/** `GET /api/ui/models/:name/importance?version=`: a version's global importance (see `src/explain`). */
export type { FieldImportance, GlobalImportance as UiGlobalImportance } from '../explain/GlobalImportance';

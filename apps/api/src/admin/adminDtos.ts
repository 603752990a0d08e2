/** Body of `POST /admin/models/{name}/promote`. */
export interface PromoteRequest {
  /**
   * The version to make `production`.
   * @isInt version must be a whole number
   * @minimum 1 version must be 1 or more
   */
  version: number;
  /** Promote even though the version failed its quality gate (audited as forced). */
  force?: boolean;
  /** Why, for the audit log. */
  reason?: string;
}

/** Body of `POST /admin/models/{name}/rollback` (optional). */
export interface RollbackRequest {
  /** Why, for the audit log. */
  reason?: string;
}

/** One served model after an admin action. */
export interface ServedModel {
  name: string;
  version: number;
  loaded_at: string;
}

/** Where one model stands in this server after a reload: what it serves, and what failed to load. */
export interface ModelLoadState {
  name: string;
  /** `serving`: a version answers; `failed`: none does and the latest load failed; `missing`: no production version. */
  status: 'serving' | 'failed' | 'missing';
  /** The version being served (null when none). */
  version: number | null;
  loaded_at: string | null;
  /** Present when the latest load failed: the version (null when the production pointer itself could not be read). */
  failed_version?: number | null;
  /** Why it failed, one line (e.g. "model.json of 'churn' version 2 is not valid JSON: the file is damaged"). */
  reason?: string;
  /** The failure's code: the library's (`corrupt-version`, `bad-model-file`, …), `test-prediction-failed`, `needs-hash-salt` or `unexpected`. */
  reason_code?: string;
}

/** What a promote or rollback did, as the registry's audit log recorded it. */
export interface AliasMoveResponse {
  model: string;
  action: 'promote' | 'rollback';
  /** The production version before the move (null when there was none). */
  from: number | null;
  to: number | null;
  forced: boolean;
  reason: string;
  actor: string;
  time: string;
  /** The version this server answers with now that it has reloaded. */
  serving: ServedModel | null;
  /** Present when the version moved to could not be served here (the previous one, if any, keeps serving). */
  load_failure?: { version: number | null; reason: string; reason_code: string };
}

/** What `POST /admin/reload` found. */
export interface ReloadResponse {
  /** Every registered model (and the default one), by name. */
  models: ModelLoadState[];
  /** Loads since the server started: successful and failed. */
  reloads: number;
  failed_reloads: number;
}

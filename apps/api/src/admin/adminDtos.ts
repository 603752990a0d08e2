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
}

/** What `POST /admin/reload` found. */
export interface ReloadResponse {
  models: ServedModel[];
  /** Loads since the server started: successful and failed. */
  reloads: number;
  failed_reloads: number;
}

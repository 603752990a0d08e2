import type { NewRun, RunRecord, RunStatus } from './RunRecord';
import type { RunFilter, RunSort } from './runQuery';

/** A query over runs: all filters must hold; sorted, then cut to `limit`. */
export interface RunQuery {
  filters?: RunFilter[];
  sort?: RunSort;
  limit?: number;
}

/** What a run ends with. */
export interface RunEnd {
  status: Exclude<RunStatus, 'running'>;
  metrics?: Record<string, number>;
  error?: string;
}

/**
 * Experiment tracking: runs with params, metrics, tags and artifacts. The embedded
 * default is {@link FileSystemRunStore}; a database implements the same interface.
 */
export interface RunStore {
  start(run: NewRun): Promise<RunRecord>;
  /** Adds metrics to a running run (merged with earlier ones). */
  logMetrics(id: string, metrics: Record<string, number>): Promise<RunRecord>;
  /** Stores a file with the run and returns its path. */
  addArtifact(id: string, name: string, content: string | Uint8Array): Promise<string>;
  end(id: string, end: RunEnd): Promise<RunRecord>;
  get(id: string): Promise<RunRecord>;
  list(query?: RunQuery): Promise<RunRecord[]>;
}

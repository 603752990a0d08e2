/** Where a run is in its life. `pruned` is a tuning trial stopped early as hopeless. */
export type RunStatus = 'running' | 'finished' | 'failed' | 'pruned';

/** One experiment run: a training, an evaluation, or a tuning trial (with its parent). */
export interface RunRecord {
  /** Sortable by start time: `<ms base36>-<random>`. */
  id: string;
  /** Groups runs, e.g. the model name. */
  experiment: string;
  /** `train`, `evaluate`, `tune`, `trial`… */
  kind: string;
  status: RunStatus;
  parentId?: string;
  startTime: string;
  endTime?: string;
  params: Record<string, number | string>;
  metrics: Record<string, number>;
  tags: Record<string, string>;
  /** Files kept with the run (model, reports, plots), relative to its folder. */
  artifacts: string[];
  /** Why a run failed, in one line. */
  error?: string;
}

/** What a caller gives to start a run. */
export interface NewRun {
  experiment: string;
  kind: string;
  parentId?: string;
  params?: Record<string, number | string>;
  tags?: Record<string, string>;
}

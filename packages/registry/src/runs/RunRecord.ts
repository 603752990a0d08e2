/**
 * Where a run is in its life. `pruned` is a tuning trial stopped early as hopeless;
 * `abandoned` a run whose process ended without finishing it (killed, crashed),
 * found when the run is read.
 */
export type RunStatus = 'running' | 'finished' | 'failed' | 'pruned' | 'abandoned';

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
  /** Why a run failed (or was abandoned), in one line. */
  error?: string;
  /** The process that started the run and the host it ran on: a running run whose process is gone is abandoned. */
  pid?: number;
  host?: string;
}

/** What a caller gives to start a run. */
export interface NewRun {
  experiment: string;
  kind: string;
  parentId?: string;
  params?: Record<string, number | string>;
  tags?: Record<string, string>;
}

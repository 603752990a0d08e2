import type { Sampler, TrialResult } from './samplers';
import { checkSearchSpace, type ParamValues, type SearchSpace } from './searchSpace';

/** Thrown by an objective (or by {@link Trial.report}'s caller) to stop a hopeless trial. */
export class TrialPruned extends Error {
  override readonly name = 'TrialPruned';
}

/** Decides, from the intermediate scores of finished trials, whether a running trial is hopeless. */
export interface Pruner {
  shouldPrune(trial: Trial, finished: readonly FinishedTrial[], maximize: boolean): boolean;
}

/** A finished trial: its parameters, state, value and intermediate scores by step. */
export interface FinishedTrial {
  number: number;
  params: ParamValues;
  state: 'complete' | 'pruned' | 'failed';
  value?: number;
  intermediate: Map<number, number>;
  error?: string;
}

/** One trial in progress, handed to the objective. */
export class Trial {
  readonly intermediate = new Map<number, number>();

  constructor(
    readonly number: number,
    readonly params: ParamValues,
    private readonly pruneCheck: (trial: Trial) => boolean,
  ) {}

  /** Records the score after `step` (e.g. a boosting round's validation metric). */
  report(step: number, value: number): void {
    this.intermediate.set(step, value);
  }

  /** Whether the pruner judges this trial hopeless now; the objective then throws {@link TrialPruned}. */
  shouldPrune(): boolean {
    return this.pruneCheck(this);
  }
}

/** Options of {@link optimize}. */
export interface OptimizeOptions {
  space: SearchSpace;
  sampler: Sampler;
  /** @default true */
  maximize?: boolean;
  trials: number;
  /** Stop starting new trials after this many seconds. */
  timeoutSeconds?: number;
  pruner?: Pruner;
  /** Called after each trial (progress bars, run tracking). */
  onTrial?: (trial: FinishedTrial, best: FinishedTrial | undefined) => void | Promise<void>;
}

/** What {@link optimize} found. */
export interface StudyResult {
  trials: FinishedTrial[];
  best?: FinishedTrial;
}

/**
 * Runs trials one after another: the sampler proposes parameters from the
 * finished trials, the objective scores them, the pruner may stop a trial early.
 * A trial that throws is recorded as failed and the study goes on.
 */
export async function optimize(
  objective: (trial: Trial) => number | Promise<number>,
  options: OptimizeOptions,
): Promise<StudyResult> {
  checkSearchSpace(options.space);
  const maximize = options.maximize ?? true;
  const deadline =
    options.timeoutSeconds === undefined
      ? Number.POSITIVE_INFINITY
      : Date.now() + options.timeoutSeconds * 1000;
  const finished: FinishedTrial[] = [];
  let best: FinishedTrial | undefined;
  for (let number = 0; number < options.trials && Date.now() < deadline; number += 1) {
    const history: TrialResult[] = finished
      .filter((t) => t.state === 'complete')
      .map((t) => ({ params: t.params, value: t.value! }));
    const params = options.sampler.suggest(options.space, history, maximize);
    const trial = new Trial(
      number,
      params,
      (t) => options.pruner?.shouldPrune(t, finished, maximize) ?? false,
    );
    let record: FinishedTrial;
    try {
      const value = await objective(trial);
      record = {
        number,
        params,
        state: Number.isFinite(value) ? 'complete' : 'failed',
        value,
        intermediate: trial.intermediate,
      };
    } catch (error) {
      record =
        error instanceof TrialPruned
          ? { number, params, state: 'pruned', intermediate: trial.intermediate }
          : {
              number,
              params,
              state: 'failed',
              intermediate: trial.intermediate,
              error: (error as Error).message,
            };
    }
    finished.push(record);
    if (
      record.state === 'complete' &&
      (!best || (maximize ? record.value! > best.value! : record.value! < best.value!))
    ) {
      best = record;
    }
    await options.onTrial?.(record, best);
  }
  return { trials: finished, best };
}

/** Options of {@link MedianPruner}; defaults are Optuna's. */
export interface MedianPrunerOptions {
  /** No pruning until this many trials have finished. @default 5 */
  startupTrials?: number;
  /** No pruning before this step of a trial. @default 0 */
  warmupSteps?: number;
}

/** Prunes a trial whose latest intermediate score is worse than the median of finished trials at the same step. */
export class MedianPruner implements Pruner {
  constructor(private readonly options: MedianPrunerOptions = {}) {}

  shouldPrune(trial: Trial, finished: readonly FinishedTrial[], maximize: boolean): boolean {
    const complete = finished.filter((t) => t.state === 'complete');
    if (complete.length < (this.options.startupTrials ?? 5) || trial.intermediate.size === 0) return false;
    const step = Math.max(...trial.intermediate.keys());
    if (step < (this.options.warmupSteps ?? 0)) return false;
    const others = complete
      .map((t) => t.intermediate.get(step))
      .filter((v): v is number => v !== undefined)
      .sort((a, b) => a - b);
    if (others.length === 0) return false;
    const mid = others.length >> 1;
    const median = others.length % 2 ? others[mid] : (others[mid - 1] + others[mid]) / 2;
    const value = trial.intermediate.get(step)!;
    return maximize ? value < median : value > median;
  }
}

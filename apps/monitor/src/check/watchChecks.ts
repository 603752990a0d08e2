import { spawn } from 'node:child_process';
import type { Logger } from '@mlops/logger';
import type { CheckResult } from '../runCheck';

/** Options of {@link watchChecks}. */
export interface WatchOptions {
  intervalMs: number;
  /** POSTed the summary JSON whenever the level changes (the first check counts as a change). */
  webhook?: string;
  /** Shell command run when the level becomes `retrain` (not again while it stays there). */
  onRetrain?: string;
  /** Stop after this many checks (tests); @default forever */
  maxRuns?: number;
  signal?: AbortSignal;
  logger: Logger;
  /** Environment the retrain command runs with (the monitor's own, from config). */
  env?: NodeJS.ProcessEnv;
}

/** How the last check of a watch ended: its result, or its error; neither when none ran. */
export interface WatchOutcome {
  result?: CheckResult;
  error?: unknown;
}

/** What the webhook receives. */
export interface LevelChange {
  event: 'drift-level-changed';
  model: string;
  version: number;
  level: string;
  previous_level: string | null;
  drifted: string[];
  drift_share: number;
  predictions: number;
  prediction_drift: boolean | null;
  probability_drift: boolean | null;
  /** Fields the check does not monitor (reasons in the report). */
  not_monitored: string[];
  report_path: string;
  at: string;
}

/**
 * Runs `check` every `intervalMs` until aborted: posts level changes to the
 * webhook and starts `onRetrain` (e.g. `pnpm mlops pipeline …`) on a move to
 * `retrain`. The trainer registers the new version and its quality gate alone
 * decides promotion: the monitor never promotes. A failed check is logged and
 * the next one runs on schedule. Resolves with the last check's outcome (its
 * result, or the error it failed with, e.g. nothing to compare), once every
 * retrain command it started has exited (a one-shot run does not leave one behind).
 */
export async function watchChecks(
  check: () => Promise<CheckResult>,
  options: WatchOptions,
): Promise<WatchOutcome> {
  let previous: string | null = null;
  let outcome: WatchOutcome = {};
  const retrains = new Set<Promise<void>>();
  for (let run = 1; !options.signal?.aborted; run += 1) {
    try {
      const last = await check();
      outcome = { result: last };
      const level = last.drift.level;
      options.logger.info(`check ${run}: ${last.model} v${last.version} ${level}`, {
        predictions: last.predictions,
      });
      if (level !== previous) {
        if (options.webhook) await postWebhook(options.webhook, change(last, previous), options.logger);
        if (level === 'retrain' && options.onRetrain) {
          const running = runCommand(options.onRetrain, last, options);
          retrains.add(running);
          void running.then(() => retrains.delete(running));
        }
        previous = level;
      }
    } catch (error) {
      outcome = { error };
      options.logger.error(`check ${run} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (options.maxRuns !== undefined && run >= options.maxRuns) break;
    await sleep(options.intervalMs, options.signal);
  }
  await Promise.all(retrains);
  return outcome;
}

function change(result: CheckResult, previous: string | null): LevelChange {
  return {
    event: 'drift-level-changed',
    model: result.model,
    version: result.version,
    level: result.drift.level,
    previous_level: previous,
    drifted: result.drift.columns.filter((c) => c.drifted).map((c) => c.column),
    drift_share: result.drift.driftShare,
    predictions: result.predictions,
    prediction_drift: result.prediction_drift?.drifted ?? null,
    probability_drift: result.probability_drift?.drifted ?? null,
    not_monitored: result.not_monitored.map((s) => s.column),
    report_path: result.report_path,
    at: new Date().toISOString(),
  };
}

/** POSTs JSON; a failing endpoint is logged, never fatal to the watch loop. */
export async function postWebhook(url: string, body: unknown, logger: Logger): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) logger.warn(`webhook ${url} answered ${response.status}`);
    return response.ok;
  } catch (error) {
    logger.warn(`webhook ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/**
 * Starts the retrain command in a shell without blocking the loop; its output goes
 * to the monitor's stderr. Resolves when it has exited (or failed to start).
 */
function runCommand(command: string, result: CheckResult, options: WatchOptions): Promise<void> {
  const logger = options.logger;
  logger.warn(`level is retrain: running ${command}`);
  const child = spawn(command, {
    shell: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...options.env,
      MONITOR_MODEL: result.model,
      MONITOR_VERSION: String(result.version),
      MONITOR_LEVEL: result.drift.level,
      MONITOR_REPORT: result.report_path,
    },
  });
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      logger.info(`retrain command exited with ${code}`);
      resolve();
    });
    child.on('error', (error) => {
      logger.error(`retrain command failed to start: ${error.message}`);
      resolve();
    });
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    // A stop during the check has already fired its 'abort' event: no listener would hear it.
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

import { type ModelRegistry, openRegistry } from '@mlops/registry';
import { registerTrained, type TrainedVersionOptions, trainedVersion } from '@mlops/testkit';
import { logTraffic, monitor, registeredHome } from './fixture';

/** An audit reason that is markup: the UI must show it as these characters. */
export const MARKUP_REASON = '<img src=x onerror=alert(1)>';

/** What {@link modelsHome} made, for the tests to compare the UI with. */
export interface ModelsHome {
  home: string;
  /** The level `monitor run` wrote into churn's default report folder. */
  churnDriftLevel: string;
}

/**
 * A store with two models, made as the trainer and the CLIs make them: churn v1
 * promoted, v2 (its gate evaluated against v1 on its own rows, as `mlops train` does)
 * promoted over it (forced, with {@link MARKUP_REASON} as its reason), v3 archived, and a drift report of v2's logged traffic written by `monitor run`;
 * fraud v1 registered, never promoted, with a gate of its own.
 */
export async function modelsHome(prefix: string): Promise<ModelsHome> {
  const home = await registeredHome(prefix);
  const registry = openRegistry(home);
  const v2 = await registerGated(registry, 'churn', { dataset: 'churn', rows: 3_000, seed: 2 });
  await registry.promote('churn', v2, { force: true, reason: MARKUP_REASON });
  const v3 = await registerGated(registry, 'churn', { dataset: 'churn', rows: 3_000, seed: 3 });
  await registry.archive('churn', v3, { reason: 'superseded before release' });
  await registerTrained(registry, 'fraud', { dataset: 'fraud', rows: 2_000, seed: 1 });
  await registry.setGate('fraud', 'roc_auc > 0.6', { reason: 'fraud needs its own floor' });
  await logTraffic(home, { from: new Date('2026-01-01T00:00:00Z'), rows: 300, version: v2 });
  const run = await monitor(home, ['run', '--json', '--since', '2026-01-01T00:00:00Z']);
  return { home, churnDriftLevel: run.json().drift.level };
}

/** Registers a kit-trained version with its gate evaluated against production on its held-out rows, as `mlops train` does. */
async function registerGated(
  registry: ModelRegistry,
  name: string,
  options: TrainedVersionOptions,
): Promise<number> {
  const trained = trainedVersion(options);
  const gate = await registry.checkGate(name, {
    task: trained.model.task,
    metrics: trained.metrics,
    baselineMetrics: trained.baselineMetrics,
    testRows: trained.testRows,
  });
  return (await registry.registerVersion(name, { ...trained, gate })).version;
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PredictionRecord, predictionRole, type Stores } from '@mlops/registry';
import { logTraffic, registerTrained } from '@mlops/testkit';
import { type CheckResult, runCheck } from '../runCheck';
import { FIXTURE_SALT, hashValue } from './fixture';

/** The champion's first request: one a minute from here, 600 of them (00:00 to 09:59). */
export const CHALLENGER_FROM = new Date('2026-02-01T00:00:00Z');
export const CHAMPION_ROWS = 600;
/** The canary and the shadow start with the champion's request of this index (05:00). */
export const CHALLENGERS_FROM_ROW = 300;

/** The champion (production), canary and shadow versions of churn in {@link challengerStore}. */
export const VERSIONS = { champion: 1, canary: 2, shadow: 3 } as const;

/**
 * A store as champion/canary/shadow routing leaves it, on any backend (`stores`): churn v1
 * to v3 trained on generated rows (seeds 1 to 3) and v1 promoted; fraud v1 registered, not
 * promoted; 600 champion predictions of churn v1 logged by the project's traffic generator
 * (class 1 on every 5th request, P 0.8, else 0.2), then, from request 300 on, through the
 * store's own writer (the API's): shadow v3 scoring every champion request again, on the
 * same request id and time, disagreeing on every 4th (latency 42 ms), and canary v2
 * answering requests of its own 30 s after every 3rd champion one (class i mod 2, 7 ms).
 */
export async function challengerStore(stores: Stores): Promise<void> {
  const { registry } = stores;
  for (const seed of [1, 2, 3]) {
    await registerTrained(registry, 'churn', { dataset: 'churn', rows: 3_000, seed, model: 'logistic' });
  }
  await registry.promote('churn', VERSIONS.champion);
  await registerTrained(registry, 'fraud', { dataset: 'fraud', rows: 2_000, seed: 1 });
  const champion = stores.openPredictionLog({ flushIntervalMs: 0 });
  await logTraffic(champion, {
    from: CHALLENGER_FROM,
    rows: CHAMPION_ROWS,
    stepMs: 60_000,
    seed: 7,
    prediction: (i) => (i % 5 === 0 ? 1 : 0),
    model: await registry.readModelDocument('churn', VERSIONS.champion),
    name: 'churn',
    version: VERSIONS.champion,
    profile: await registry.readProfile('churn', VERSIONS.champion),
    hash: (value) => hashValue(value),
  });
  await champion.close();
  const logged: PredictionRecord[] = [];
  await stores.predictionLog.readWindow(
    { model: 'churn', from: CHALLENGER_FROM },
    { onRecord: (record) => void logged.push(record) },
  );
  if (logged.length !== CHAMPION_ROWS) throw new Error(`logged ${logged.length} champion records`);
  logged.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  const challengers = stores.openPredictionLog({ flushIntervalMs: 0 });
  logged.forEach((record, i) => {
    if (i < CHALLENGERS_FROM_ROW) return;
    const flipped = i % 4 === 0;
    challengers.append({
      ...record,
      role: 'shadow',
      model_version: VERSIONS.shadow,
      prediction: flipped ? 1 - Number(record.prediction) : record.prediction,
      probability: flipped ? 0.6 : record.probability,
      latency_ms: 42,
    });
    if (i % 3 === 0) {
      challengers.append({
        ...record,
        role: 'canary',
        model_version: VERSIONS.canary,
        request_id: `canary-${i}`,
        timestamp: new Date(Date.parse(record.timestamp) + 30_000).toISOString(),
        prediction: i % 2,
        probability: i % 2 ? 0.9 : 0.1,
        latency_ms: 7,
      });
    }
  });
  await challengers.close();
}

/**
 * The label that arrived for champion request i (and the shadow's score of it): churned on
 * i mod 10 ∈ {0, 1}. The champion predicts 1 on i mod 5 = 0, so it is right on 8 of every 10.
 */
export const championLabel = (i: number): number => (i % 10 === 0 || i % 10 === 1 ? 1 : 0);
/** Labels arrive for the canary's requests `canary-i` with i mod 6 = 0 only (half of them): 1 on i mod 12 = 0. */
export const canaryLabel = (i: number): number | null => (i % 6 === 0 ? (i % 12 === 0 ? 1 : 0) : null);

/**
 * `monitor run --labels` (in-process, on the same store) over {@link challengerStore}'s log
 * from `since`: a labels CSV keyed by request id with {@link championLabel} for every
 * champion request and {@link canaryLabel} for half of the canary's, so the report's
 * champion vs challenger section holds each role's live metrics.
 */
export async function labelledChallengerCheck(
  stores: Stores,
  home: string,
  options: { since?: Date; file?: string } = {},
): Promise<CheckResult> {
  const model = await stores.registry.readModelDocument('churn', VERSIONS.champion);
  const lines = [`request_id,${model.target}`];
  const logged: PredictionRecord[] = [];
  await stores.predictionLog.readWindow(
    { model: 'churn', from: CHALLENGER_FROM },
    { onRecord: (record) => void logged.push(record) },
  );
  const champion = logged
    .filter((r) => predictionRole(r) === 'champion')
    .sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  champion.forEach((record, i) => {
    lines.push(`${record.request_id},${championLabel(i)}`);
    const canary = canaryLabel(i);
    if (i >= CHALLENGERS_FROM_ROW && i % 3 === 0 && canary !== null) lines.push(`canary-${i},${canary}`);
  });
  const labels = join(home, options.file ?? 'labels.csv');
  writeFileSync(labels, `${lines.join('\n')}\n`);
  return runCheck({
    home,
    registry: stores.registry,
    model: 'churn',
    labels,
    since: options.since,
    log: stores.predictionLog,
    hashSalt: FIXTURE_SALT,
  });
}

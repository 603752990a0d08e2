import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TrainedVersion, trainedVersion } from '@mlops/testkit';
import type { PredictionRecord } from '../predictionLog/PredictionRecord';
import type { NewVersion } from '../versions/VersionRecord';

/** A fresh, empty MLOPS_HOME in the temp folder. */
export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'mlops-registry-'));
}

/**
 * Prediction-log row `i` of `model`: logged at 2026-01-01T00:00:00Z plus `i`
 * seconds, request id `r<i>`, version 1, prediction `i % 2`.
 */
export function loggedRecord(
  i: number,
  model = 'churn',
  features: PredictionRecord['features'] = { x: i },
): PredictionRecord {
  return {
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    request_id: `r${i}`,
    model_name: model,
    model_version: 1,
    features,
    prediction: i % 2,
    probability: 0.5,
    latency_ms: 1,
  };
}

/**
 * How good a fixture model is: `strong` uses every churn feature, `medium` three
 * of them, `weak` one (still above the trivial baseline). All are trained on the
 * same rows with the same seed, so they share one held-out split.
 */
export type FixtureStrength = 'strong' | 'medium' | 'weak';

const inputs: Record<FixtureStrength, string[] | undefined> = {
  strong: undefined,
  medium: ['tenure_months', 'num_complaints', 'contract'],
  weak: ['support_calls'],
};
const cached = new Map<FixtureStrength, TrainedVersion>();

/** A real churn model trained on 1,000 rows (seed 1) as the trainer does, ready to register (trained once per test file). */
export function churnVersion(strength: FixtureStrength = 'strong'): NewVersion {
  let version = cached.get(strength);
  if (!version) {
    version = trainedVersion({ dataset: 'churn', rows: 1_000, seed: 1, features: inputs[strength] });
    cached.set(strength, version);
  }
  return { ...version, gate: { passed: true, checks: [] } };
}

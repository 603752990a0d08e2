import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { churnSchema, featureColumns, generateChurn, profileTable } from '@mlops/features';
import { trainModel } from '@mlops/models';
import type { NewVersion } from '../versions/VersionRecord';

/** A fresh, empty MLOPS_HOME in the temp folder. */
export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'mlops-registry-'));
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
const cached = new Map<FixtureStrength, Omit<NewVersion, 'gate'>>();

/** A real trained churn model with its test rows, ready to register (trained once per test file). */
export function churnVersion(strength: FixtureStrength = 'strong'): NewVersion {
  let version = cached.get(strength);
  if (!version) {
    const table = generateChurn(1_000, 1);
    const features = featureColumns(churnSchema).filter(
      (spec) => !inputs[strength] || inputs[strength].includes(spec.name),
    );
    const result = trainModel({
      table,
      target: 'churn',
      task: 'binary',
      model: 'logistic',
      features,
      seed: 1,
    });
    version = {
      model: result.pipeline.toJSON(),
      profile: profileTable(table, { target: 'churn', exclude: ['customer_id'] }),
      metrics: result.metrics,
      baselineMetrics: result.baselineMetrics,
      params: {},
      dataHash: 'test',
      dataRows: table.numRows,
      seed: 1,
      testRows: result.testTable,
      split: result.split,
    };
    cached.set(strength, version);
  }
  return { ...version, gate: { passed: true, checks: [] } };
}

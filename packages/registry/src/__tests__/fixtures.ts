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

let cached: Omit<NewVersion, 'gate'> | undefined;

/** A real trained churn model, ready to register (trained once per test file). */
export function churnVersion(gatePassed = true): NewVersion {
  if (!cached) {
    const table = generateChurn(1_000, 1);
    const features = featureColumns(churnSchema);
    const result = trainModel({
      table,
      target: 'churn',
      task: 'binary',
      model: 'logistic',
      features,
      seed: 1,
    });
    cached = {
      model: result.pipeline.toJSON(),
      features,
      profile: profileTable(table, { target: 'churn', exclude: ['customer_id'] }),
      metrics: result.metrics,
      baselineMetrics: result.baselineMetrics,
      params: {},
      dataHash: 'test',
      dataRows: table.numRows,
      seed: 1,
    };
  }
  return {
    ...cached,
    gate: { passed: gatePassed, checks: [gatePassed ? 'roc_auc: ok' : 'roc_auc 0.4 > baseline 0.5: FAILED'] },
  };
}

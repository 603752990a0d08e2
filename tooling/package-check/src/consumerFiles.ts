/**
 * The consumer project's sources: one program per module system that uses each library for
 * real (a generated dataset, a fitted estimator, a KS test, an empty registry) and prints
 * `ok <system>`; and the same imports in `.mts`/`.cts` files for tsc, so the `types` of
 * each package's `exports` are checked under both.
 */
const body = `
const table = generateChurn(400, 7);
const tenure = table.numeric('tenure_months').values;
const charges = table.numeric('monthly_charges').values;
const churn = table.numeric('churn').values;
const x = new Float64Array(table.numRows * 2);
for (let i = 0; i < table.numRows; i++) {
  x[2 * i] = tenure[i];
  x[2 * i + 1] = charges[i];
}
const model = LogisticRegression.fit({ x, rows: table.numRows, width: 2, y: churn, classes: 2 });
const out = new Float64Array(table.numRows);
model.predict(x, table.numRows, out);
if (!out.every((p) => p >= 0 && p <= 1)) throw new Error('probabilities outside [0, 1]');
const ks = ksTwoSample(tenure.subarray(0, 200), tenure.subarray(200));
if (!(ks.pValue >= 0 && ks.pValue <= 1)) throw new Error('KS p-value outside [0, 1]');
const home = mkdtempSync(join(tmpdir(), 'mlops-consumer-home-'));
openRegistry(home)
  .listModels()
  .then((models) => {
    if (models.length !== 0) throw new Error('a fresh registry lists models');
    rmSync(home, { recursive: true, force: true });
    console.log('ok ' + SYSTEM);
  });
`;

const esmImports = `import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ksTwoSample } from '@mlops/drift';
import { generateChurn } from '@mlops/features';
import { LogisticRegression } from '@mlops/models';
import { openRegistry } from '@mlops/registry';
const SYSTEM = 'esm';
`;

const cjsImports = `const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { ksTwoSample } = require('@mlops/drift');
const { generateChurn } = require('@mlops/features');
const { LogisticRegression } = require('@mlops/models');
const { openRegistry } = require('@mlops/registry');
const SYSTEM = 'commonjs';
`;

const ctsImports = `import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import drift = require('@mlops/drift');
import features = require('@mlops/features');
import models = require('@mlops/models');
import registry = require('@mlops/registry');
const { ksTwoSample } = drift;
const { generateChurn } = features;
const { LogisticRegression } = models;
const { openRegistry } = registry;
const SYSTEM = 'commonjs';
`;

/** File name → contents of the consumer project. */
export function consumerFiles(): Record<string, string> {
  return {
    'esm.mjs': esmImports + body,
    'cjs.cjs': cjsImports + body,
    'types.mts': esmImports + body,
    'types.cts': ctsImports + body,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          module: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          types: ['node'],
          skipLibCheck: true,
        },
        files: ['types.mts', 'types.cts'],
      },
      null,
      2,
    )}\n`,
  };
}

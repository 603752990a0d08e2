import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { churnSchema, featureColumns, generateChurn, profileTable } from '@mlops/features';
import { trainModel } from '@mlops/models';
import { openRegistry, PredictionLogWriter, storeLayout } from '@mlops/registry';
import { type CliIo, runCli } from '../cli';

/** A fresh MLOPS_HOME with churn v1 trained on 3,000 rows and promoted. */
export async function registeredHome(prefix: string): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const table = generateChurn(3_000, 1);
  const features = featureColumns(churnSchema);
  const result = trainModel({ table, target: 'churn', task: 'binary', model: 'logistic', features, seed: 1 });
  const registry = openRegistry(home);
  await registry.registerVersion('churn', {
    model: result.pipeline.toJSON(),
    features,
    profile: profileTable(table, { target: 'churn', exclude: ['customer_id'] }),
    metrics: result.metrics,
    baselineMetrics: result.baselineMetrics,
    params: {},
    dataHash: 'x',
    dataRows: table.numRows,
    seed: 1,
    gate: { passed: true, checks: [] },
  });
  await registry.promote('churn', 1);
  return home;
}

/** Options of {@link logTraffic}. */
export interface Traffic {
  from: Date;
  rows?: number;
  seed?: number;
  /** Added to numeric features. */
  shift?: Record<string, number>;
  /** Replaces features outright (e.g. an unseen category). */
  set?: (i: number) => Record<string, number | string | null>;
  /** Prediction of row i. @default alternating 0/1 with probability 0.2/0.8 every fifth row */
  prediction?: (i: number) => number;
  stepMs?: number;
}

/** Logs predictions of fresh churn rows as the API would. */
export async function logTraffic(home: string, traffic: Traffic): Promise<void> {
  const writer = new PredictionLogWriter({ dir: storeLayout(home).predictions });
  const rows = generateChurn(traffic.rows ?? 2_000, traffic.seed ?? 7);
  for (let i = 0; i < rows.numRows; i += 1) {
    const features = rows.row(i) as Record<string, number | string | null>;
    delete features.churn;
    delete features.customer_id;
    for (const [column, delta] of Object.entries(traffic.shift ?? {}))
      features[column] = (features[column] as number) + delta;
    Object.assign(features, traffic.set?.(i) ?? {});
    const prediction = traffic.prediction ? traffic.prediction(i) : i % 5 === 0 ? 1 : 0;
    writer.append({
      timestamp: new Date(traffic.from.getTime() + i * (traffic.stepMs ?? 1000)).toISOString(),
      request_id: `r-${traffic.from.getTime()}-${i}`,
      model_name: 'churn',
      model_version: 1,
      features,
      prediction,
      probability: prediction ? 0.8 : 0.2,
      latency_ms: 1 + (i % 10),
    });
  }
  await writer.close();
}

/** Runs the CLI in-process, capturing its output; `json()` parses the last stdout line. */
export async function monitor(
  home: string,
  argv: string[],
  extra: Partial<CliIo> = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read the CLI's JSON by path
): Promise<{ code: number; stdout: string; stderr: string; json: () => any }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk) => out.push(String(chunk)));
  stderr.on('data', (chunk) => err.push(String(chunk)));
  const code = await runCli(argv, {
    stdout,
    stderr,
    env: { MLOPS_HOME: home, LOG_LEVEL: 'error' },
    ...extra,
  });
  await new Promise((resolve) => setImmediate(resolve));
  const text = out.join('');
  return {
    code,
    stdout: text,
    stderr: err.join(''),
    json: () => JSON.parse(text.trim().split('\n').at(-1)!),
  };
}

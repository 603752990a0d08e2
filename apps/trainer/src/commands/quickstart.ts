import { join } from 'node:path';
import { type CellValue, readDataset } from '@mlops/features';
import { storeLayout } from '@mlops/registry';
import type { CommandContext } from '../CommandContext';
import { printResult, quietContext } from '../CommandContext';
import { generate } from './generate';
import { prepare } from './prepare';
import { train } from './train';

/** What the quickstart job leaves behind: a production model and an example request for it. */
export interface QuickstartResult {
  name: string;
  version: number;
  reused: boolean;
  metrics: Record<string, unknown>;
  /** A valid request body for `POST /predict`: the features and the `customer_id` entity key. */
  example: Record<string, CellValue>;
}

const NAME = 'churn';
const MODEL = 'logistic';
const SEED = 42;

/**
 * The main job's batch half: generate the churn data (seeded) → quality gate →
 * train → register and promote. When production already holds the identical
 * model (same data, kind, params and seed, and a byte-identical model document)
 * it is reused instead of stacking copies.
 */
export async function quickstart(context: CommandContext): Promise<QuickstartResult> {
  const quiet = quietContext(context);
  const datasets = storeLayout(context.config.home).datasets;
  const raw = await generate(quiet, { name: NAME, seed: SEED, out: join(datasets, 'churn.arrow') });
  const prepared = await prepare(quiet, { data: raw.path, out: join(datasets, 'churn.prepared.arrow') });
  const dataPath = prepared.path!;

  const trained = await train(quiet, {
    data: dataPath,
    model: MODEL,
    seed: SEED,
    name: NAME,
    reuseIdentical: true,
  });
  const version = trained.version!;
  if (trained.reused) context.logger.info(`production ${NAME} v${version} is this exact model: reusing it`);
  else if (!trained.promoted) {
    // The quickstart's promise is a served model: a first model refused by a gate set by hand is promoted, and audited as forced.
    await (await context.stores()).registry.promote(NAME, version, {
      force: true,
      reason: 'quickstart: the model to serve',
      actor: 'quickstart',
    });
  }
  // The request a client would send: the features, and the entity key labels will later join on.
  const example = readDataset(dataPath).row(0);
  delete example.churn;
  const result: QuickstartResult = {
    name: NAME,
    version,
    reused: Boolean(trained.reused),
    metrics: trained.metrics,
    example,
  };
  printResult(
    context,
    result,
    `${NAME} v${version} is in production (roc_auc ${Number(trained.metrics.roc_auc).toFixed(3)})`,
  );
  return result;
}

import { join } from 'node:path';
import { type CellValue, readDataset } from '@mlops/features';
import { openRegistry, storeLayout } from '@mlops/registry';
import type { CommandContext } from '../CommandContext';
import { printResult, quietContext } from '../CommandContext';
import { generate } from './generate';
import { prepare } from './prepare';
import { hashFile, train } from './train';

/** What the quickstart job leaves behind: a production model and an example request for it. */
export interface QuickstartResult {
  name: string;
  version: number;
  reused: boolean;
  metrics: Record<string, unknown>;
  /** A valid request body for `POST /predict`. */
  example: Record<string, CellValue>;
}

const NAME = 'churn';
const MODEL = 'logistic';
const SEED = 42;

/**
 * The main job's batch half: generate the churn data (seeded) → quality gate →
 * train → register and promote. When production already holds a model trained on
 * the same data with the same settings, it is reused instead of stacking copies.
 */
export async function quickstart(context: CommandContext): Promise<QuickstartResult> {
  const quiet = quietContext(context);
  const datasets = storeLayout(context.config.home).datasets;
  const raw = await generate(quiet, { name: NAME, seed: SEED, out: join(datasets, 'churn.arrow') });
  const prepared = await prepare(quiet, { data: raw.path, out: join(datasets, 'churn.prepared.arrow') });
  const dataPath = prepared.path!;

  const registry = openRegistry(context.config.home);
  const current = await currentProduction(registry);
  let version: number;
  let metrics: Record<string, unknown>;
  let reused = false;
  if (current && current.dataHash === hashFile(dataPath) && current.kind === MODEL && current.seed === SEED) {
    ({ version, metrics } = current);
    reused = true;
    context.logger.info(`production ${NAME} v${version} was trained on the same data: reusing it`);
  } else {
    const registered = await train(quiet, { data: dataPath, model: MODEL, seed: SEED, name: NAME });
    ({ version, metrics } = { version: registered.version!, metrics: registered.metrics });
    if (!registered.promoted) {
      await registry.promote(NAME, version, {
        force: true,
        reason: 'quickstart: first model',
        actor: 'quickstart',
      });
    }
  }
  const example = readDataset(dataPath).row(0);
  delete example.churn;
  delete example.customer_id;
  const result: QuickstartResult = { name: NAME, version, reused, metrics, example };
  printResult(
    context,
    result,
    `${NAME} v${version} is in production (roc_auc ${Number(metrics.roc_auc).toFixed(3)})`,
  );
  return result;
}

async function currentProduction(registry: ReturnType<typeof openRegistry>) {
  if (!(await registry.listModels()).includes(NAME)) return undefined;
  const aliases = await registry.readAliases(NAME);
  const version = aliases.aliases.production;
  return version === undefined ? undefined : registry.getVersion(NAME, version);
}

import { openRegistry } from '@mlops/registry';
import { registerTrained, trainedVersion } from '@mlops/testkit';
import { registeredHome } from './fixture';

/** What {@link importanceHome} made. */
export interface ImportanceHome {
  home: string;
  /** churn's versions: logistic (production), boosting, and a decision tree stored without per-node counts. */
  logistic: number;
  boosting: number;
  oldTree: number;
  /** A multiclass model (`contract`) whose contributions are summed over its classes. */
  multiclass: number;
}

/**
 * A store made by the test kit's trainer: churn v1 logistic (production, from
 * `registeredHome`), v2 gradient boosting, v3 a decision tree stored as before per-node
 * row counts were kept (the API answers 409 `not_explainable` for it), and `contract`, a
 * multiclass boosting.
 */
export async function importanceHome(prefix: string): Promise<ImportanceHome> {
  const home = await registeredHome(prefix);
  const registry = openRegistry(home);
  const boosting = await registerTrained(registry, 'churn', {
    dataset: 'churn',
    rows: 3_000,
    seed: 2,
    model: 'gradient_boosting',
    params: { max_iter: 20 },
  });
  const old = trainedVersion({ rows: 3_000, seed: 3, model: 'decision_tree', params: { max_depth: 5 } });
  delete (old.model.estimator as { covers?: unknown }).covers;
  const oldTree = (await registry.registerVersion('churn', old)).version;
  const multiclass = await registerTrained(registry, 'contract', {
    dataset: 'churn',
    rows: 1_500,
    seed: 4,
    model: 'gradient_boosting',
    params: { max_iter: 10 },
    target: { column: 'contract', task: 'multiclass' },
  });
  return { home, logistic: 1, boosting, oldTree, multiclass };
}

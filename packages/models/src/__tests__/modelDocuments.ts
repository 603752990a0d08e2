import {
  type ColumnSpec,
  categoricalColumn,
  createRng,
  DataTable,
  numericColumn,
  type Task,
} from '@mlops/features';
import type { ModelDocument } from '../pipeline/ModelDocument';
import { trainModel } from '../pipeline/trainModel';

/** Every model kind with every task it does: the documents the structural check must accept. */
export const kindsAndTasks: ReadonlyArray<readonly [string, Task]> = [
  ['logistic', 'binary'],
  ['logistic', 'multiclass'],
  ['linear', 'regression'],
  ['decision_tree', 'binary'],
  ['decision_tree', 'multiclass'],
  ['decision_tree', 'regression'],
  ['random_forest', 'binary'],
  ['random_forest', 'multiclass'],
  ['random_forest', 'regression'],
  ['gradient_boosting', 'binary'],
  ['gradient_boosting', 'multiclass'],
  ['gradient_boosting', 'regression'],
];

const targets: Record<Task, string> = { binary: 'churned', multiclass: 'band', regression: 'spend' };

/** 240 seeded rows without missing values: three numeric inputs, one categorical, an id column and a target per task. */
export function documentTable(): DataTable {
  const rng = createRng(7);
  const rows = 240;
  const x1 = Array.from({ length: rows }, () => rng.next() * 10);
  const x2 = Array.from({ length: rows }, () => rng.normal());
  const x3 = Array.from({ length: rows }, () => Math.floor(rng.next() * 5));
  const plan = Array.from({ length: rows }, () => ['basic', 'plus', 'pro'][rng.int(3)]);
  const score = x1.map((v, i) => v + 3 * x2[i] + (plan[i] === 'pro' ? 4 : 0) + rng.normal());
  return new DataTable([
    numericColumn(
      'customer',
      Array.from({ length: rows }, (_, i) => 1000 + i),
    ),
    numericColumn('x1', x1),
    numericColumn('x2', x2),
    numericColumn('x3', x3),
    categoricalColumn('plan', plan),
    categoricalColumn(
      'churned',
      score.map((s) => (s > 6 ? 'yes' : 'no')),
    ),
    categoricalColumn(
      'band',
      score.map((s) => (s < 3 ? 'low' : s < 8 ? 'mid' : 'high')),
    ),
    numericColumn('spend', score),
  ]);
}

const spec = (name: string, type: ColumnSpec['type'], role: ColumnSpec['role'] = 'feature'): ColumnSpec => ({
  name,
  type,
  role,
  description: '',
});

/** A small trained document of `kind` for `task` (few trees, so mutations stay cheap). */
export function trainedDocument(kind: string, task: Task, table = documentTable()): ModelDocument {
  return trainModel({
    table,
    target: targets[task],
    task,
    model: kind,
    seed: 1,
    params:
      kind === 'random_forest'
        ? { n_estimators: 4, max_depth: 4 }
        : kind === 'gradient_boosting'
          ? { max_iter: 4, max_leaf_nodes: 4 }
          : kind === 'decision_tree'
            ? { max_depth: 4 }
            : {},
    features: [
      spec('x1', 'numeric'),
      spec('x2', 'numeric'),
      spec('x3', 'numeric'),
      spec('plan', 'categorical'),
    ],
    idColumns: [spec('customer', 'numeric', 'id')],
  }).pipeline.toJSON();
}

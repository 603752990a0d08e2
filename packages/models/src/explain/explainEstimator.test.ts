import { friedmanProblem } from '../__tests__/syntheticData';
import type { Estimator, EstimatorTask } from '../estimators/Estimator';
import { estimatorCatalog } from '../estimators/estimatorCatalog';
import { GradientBoosting } from '../estimators/GradientBoosting';
import type { Explanation } from './Explanation';
import { explainEstimator } from './explainEstimator';

/** The sum each row's contributions give: expected value + Σ contributions, per output. */
function explainedOutputs(e: Explanation): Float64Array {
  const out = new Float64Array(e.rows * e.outputs);
  for (let row = 0; row < e.rows; row += 1)
    for (let k = 0; k < e.outputs; k += 1) {
      let sum = e.expectedValue[k];
      for (let j = 0; j < e.width; j += 1) sum += e.contributions[(row * e.outputs + k) * e.width + j];
      out[row * e.outputs + k] = sum;
    }
  return out;
}

/** The model's own prediction mapped back to its raw output: logit of P(class 1), or log p up to a constant per row for softmax. */
function rawOf(
  model: Estimator,
  x: Float64Array,
  rows: number,
  kind: Explanation['outputKind'],
): Float64Array {
  const out = new Float64Array(rows * model.outputs);
  if (model instanceof GradientBoosting) {
    // Summed from the trees directly, so nothing is lost through the link function.
    for (let i = 0; i < out.length; i += 1) out[i] = model.baseline[i % model.outputs];
    model.trees.forEach((tree, t) => {
      tree.addTo(x, rows, model.width, out, model.outputs, t % model.outputs);
    });
    return out;
  }
  model.predict(x, rows, out);
  if (kind === 'log_odds') for (let i = 0; i < out.length; i += 1) out[i] = Math.log(out[i] / (1 - out[i]));
  return out;
}

const cases: Array<[string, EstimatorTask, Record<string, number>, Explanation['outputKind']]> = [
  ['gradient_boosting', 'regression', { max_iter: 40 }, 'value'],
  ['gradient_boosting', 'binary', { max_iter: 40 }, 'log_odds'],
  ['gradient_boosting', 'multiclass', { max_iter: 25 }, 'log_odds'],
  ['random_forest', 'regression', { n_estimators: 20 }, 'value'],
  ['random_forest', 'binary', { n_estimators: 20 }, 'probability'],
  ['random_forest', 'multiclass', { n_estimators: 20 }, 'probability'],
  ['decision_tree', 'regression', {}, 'value'],
  ['decision_tree', 'binary', {}, 'probability'],
  ['decision_tree', 'multiclass', {}, 'probability'],
  ['logistic', 'binary', {}, 'log_odds'],
  ['linear', 'regression', {}, 'value'],
];

describe.each(cases)('%s on a %s task', (kind, task, params, outputKind) => {
  const { train, test: heldOut } = friedmanProblem(task, kind === 'decision_tree' ? 400 : 1200, 11);
  const model = estimatorCatalog[kind].fit(train, params, 5);
  const background = { x: train.x, rows: train.rows };
  const options = kind === 'decision_tree' ? { background } : {};

  test(`contributions plus the expected value give the model's raw output (${outputKind}) within 1e-9`, () => {
    const e = explainEstimator(model, heldOut.x, heldOut.rows, options);
    expect(e.outputKind).toBe(outputKind);
    expect(e.outputs).toBe(task === 'multiclass' ? 3 : 1);
    expect(e.contributions.length).toBe(heldOut.rows * e.outputs * train.width);
    const explained = explainedOutputs(e);
    const raw = rawOf(model, heldOut.x, heldOut.rows, outputKind);
    let worst = 0;
    for (let i = 0; i < raw.length; i += 1) worst = Math.max(worst, Math.abs(explained[i] - raw[i]));
    // Linear log-odds go through the logistic link and back, which loses a few digits.
    expect(worst).toBeLessThan(kind === 'logistic' ? 1e-7 : 1e-9);
  });

  test('features the model never uses get no contribution; the ones it uses do', () => {
    const e = explainEstimator(model, heldOut.x, heldOut.rows, options);
    const total = new Float64Array(train.width);
    for (let i = 0; i < e.contributions.length; i += 1)
      total[i % train.width] += Math.abs(e.contributions[i]);
    // Friedman #1 ignores every feature after the fifth; x3 (10·x) matters to every model.
    expect(total[3]).toBeGreaterThan(0);
    if (kind === 'linear' || kind === 'logistic') return;
    const used = new Set<number>();
    const trees = 'trees' in model ? (model as unknown as { trees: { feature: Int32Array }[] }).trees : [];
    for (const tree of trees) for (const f of tree.feature) used.add(f);
    for (let j = 0; j < train.width; j += 1) if (trees.length > 0 && !used.has(j)) expect(total[j]).toBe(0);
  });
});

test('a batch explains each row as that row alone does', () => {
  const { train, test: heldOut } = friedmanProblem('multiclass', 800, 3);
  const model = estimatorCatalog.gradient_boosting.fit(train, { max_iter: 10 }, 1);
  const batch = explainEstimator(model, heldOut.x, heldOut.rows);
  const width = train.width;
  for (const row of [0, 7, heldOut.rows - 1]) {
    const one = explainEstimator(model, heldOut.x.slice(row * width, (row + 1) * width), 1);
    expect(Array.from(one.contributions)).toEqual(
      Array.from(batch.contributions.subarray(row * 3 * width, (row + 1) * 3 * width)),
    );
  }
});

test('a fitted decision tree explains from its stored covers as from its training rows', () => {
  const { train, test: heldOut } = friedmanProblem('multiclass', 300, 2);
  const model = estimatorCatalog.decision_tree.fit(train, {}, 0);
  const stored = explainEstimator(model, heldOut.x, heldOut.rows);
  const counted = explainEstimator(model, heldOut.x, heldOut.rows, {
    background: { x: train.x, rows: train.rows },
  });
  expect(Array.from(stored.contributions)).toEqual(Array.from(counted.contributions));
  expect(Array.from(stored.expectedValue)).toEqual(Array.from(counted.expectedValue));
});

test('a decision tree stored without covers and no background rows is refused, naming options.background', () => {
  const { train } = friedmanProblem('binary', 300, 2);
  const { covers: _dropped, ...state } = estimatorCatalog.decision_tree.fit(train, {}, 0).toJSON();
  const model = estimatorCatalog.decision_tree.load(state);
  expect(() => explainEstimator(model, train.x.subarray(0, train.width), 1)).toThrow(/options\.background/);
});

test('rows of the wrong width are refused, naming x and the width', () => {
  const { train } = friedmanProblem('regression', 300, 2);
  const model = estimatorCatalog.gradient_boosting.fit(train, { max_iter: 3 }, 0);
  expect(() => explainEstimator(model, new Float64Array(5), 1)).toThrow(
    /x has 5 values: .*6 features per row/,
  );
});

import { friedmanProblem, r2Score } from '../__tests__/syntheticData';
import { GradientBoosting } from './GradientBoosting';

test('early stopping ends training once the validation loss stops improving', () => {
  const { train } = friedmanProblem('regression', 3000, 5, { noise: 3 });
  const model = GradientBoosting.fit(train, { early_stopping: 1, max_iter: 500, learning_rate: 0.3 }, 1);
  expect(model.rounds).toBeLessThan(500);
  const losses = model.validationLoss;
  expect(losses).toHaveLength(model.rounds + 1);
  // scikit-learn's rule: none of the last 10 rounds beat the one before them.
  const reference = losses[losses.length - 11];
  expect(Math.min(...losses.slice(-10))).toBeGreaterThan(reference - 1e-7);
});

test('early stopping is automatic above 10,000 rows only, as in scikit-learn', () => {
  const { train } = friedmanProblem('regression', 1000, 5);
  expect(GradientBoosting.fit(train, { max_iter: 5 }, 1).validationLoss).toHaveLength(0);
});

test('row subsampling is seeded: another seed gives another model of similar quality', () => {
  const { train, test } = friedmanProblem('regression', 3000, 6);
  const a = GradientBoosting.fit(train, { subsample: 0.5, max_iter: 50 }, 1);
  const b = GradientBoosting.fit(train, { subsample: 0.5, max_iter: 50 }, 2);
  expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  for (const model of [a, b]) {
    const out = new Float64Array(test.rows);
    model.predict(test.x, test.rows, out);
    expect(r2Score(test.y, out)).toBeGreaterThan(0.85);
  }
});

test('L2 regularisation shrinks leaf values and max_depth bounds every tree', () => {
  const { train } = friedmanProblem('regression', 2000, 8);
  const plain = GradientBoosting.fit(train, { max_iter: 1, learning_rate: 1, max_depth: 2 }, 1);
  const penalised = GradientBoosting.fit(
    train,
    { max_iter: 1, learning_rate: 1, max_depth: 2, l2_regularization: 500 },
    1,
  );
  const largest = (m: GradientBoosting) => Math.max(...Array.from(m.trees[0].value, Math.abs));
  expect(largest(penalised)).toBeLessThan(largest(plain));
  expect(plain.trees[0].leafCount).toBeLessThanOrEqual(4);
});

test('a corrupt tree in the model JSON is a clear error', () => {
  const { train } = friedmanProblem('regression', 300, 9);
  const state = JSON.parse(JSON.stringify(GradientBoosting.fit(train, { max_iter: 2 }, 1)));
  state.trees.nodes[0] += 1;
  expect(() => GradientBoosting.fromJSON(state)).toThrow(/estimator\.trees\.feature holds \d+ values/);
  expect(() => GradientBoosting.fromJSON(state)).toThrow(expect.objectContaining({ code: 'bad-model-file' }));
});

test('onRound sees every round’s validation score and can stop the fit by throwing', () => {
  const { train: data } = friedmanProblem('regression', 2_000, 3, { noise: 1 });
  const rounds: number[] = [];
  const scores: number[] = [];
  GradientBoosting.fit(data, { early_stopping: 1, max_iter: 30, n_iter_no_change: 1000 }, 1, {
    onRound: (round, score) => {
      rounds.push(round);
      scores.push(score);
    },
  });
  expect(rounds).toEqual(Array.from({ length: 30 }, (_, i) => i));
  expect(scores[29]).toBeGreaterThan(scores[0]); // negative validation loss improves
  expect(() =>
    GradientBoosting.fit(data, { early_stopping: 1, max_iter: 30 }, 1, {
      onRound: (round) => {
        if (round === 4) throw new Error('pruned at 4');
      },
    }),
  ).toThrow('pruned at 4');
});

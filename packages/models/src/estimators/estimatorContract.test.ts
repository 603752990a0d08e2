import { accuracyOf, friedmanProblem, r2Score } from '../__tests__/syntheticData';
import type { EstimatorTask } from './Estimator';
import { estimatorCatalog } from './estimatorCatalog';

// Every kind on every task it supports: learns Friedman #1 (R² or accuracy on held-out
// rows above a stated bar), is deterministic by seed, round-trips through JSON, and
// refuses bad input. Bars are well below what each model reaches, above what a
// trivial model can (R² 0, accuracy ≈ 0.5 binary / 0.4 three-class).
const bars: Record<string, Partial<Record<EstimatorTask, number>>> = {
  logistic: { binary: 0.8, multiclass: 0.7 },
  linear: { regression: 0.7 },
  decision_tree: { binary: 0.75, multiclass: 0.6, regression: 0.6 },
  random_forest: { binary: 0.85, multiclass: 0.75, regression: 0.8 },
  gradient_boosting: { binary: 0.85, multiclass: 0.75, regression: 0.85 },
};
const rowsFor = (kind: string) => (kind === 'decision_tree' ? 600 : 3000);
const small = (kind: string): Record<string, number> =>
  kind === 'random_forest' ? { n_estimators: 30 } : kind === 'gradient_boosting' ? { max_iter: 60 } : {};
const cases = Object.entries(bars).flatMap(([kind, tasks]) =>
  Object.entries(tasks).map(([task, bar]) => [kind, task as EstimatorTask, bar] as const),
);

for (const [kind, task, bar] of cases)
  describe(`${kind} on a ${task} task`, () => {
    const entry = estimatorCatalog[kind];
    const { train, test: heldOut } = friedmanProblem(task, rowsFor(kind), 7);
    const model = entry.fit(train, small(kind), 3);

    test(`learns the known function above ${bar} on held-out rows`, () => {
      const out = new Float64Array(heldOut.rows * model.outputs);
      model.predict(heldOut.x, heldOut.rows, out);
      const score =
        task === 'regression' ? r2Score(heldOut.y, out) : accuracyOf(heldOut.y, out, model.outputs);
      expect(score).toBeGreaterThan(bar);
    });

    test('the same data, params and seed give the identical model JSON', () => {
      const again = entry.fit(train, small(kind), 3);
      expect(JSON.stringify(again)).toBe(JSON.stringify(model));
    });

    test('a JSON round trip predicts identically', () => {
      const loaded = entry.load(JSON.parse(JSON.stringify(model)));
      const a = new Float64Array(heldOut.rows * model.outputs);
      const b = new Float64Array(heldOut.rows * model.outputs);
      model.predict(heldOut.x, heldOut.rows, a);
      loaded.predict(heldOut.x, heldOut.rows, b);
      expect(b).toEqual(a);
    });

    test('one row at a time predicts exactly what the batch predicts', () => {
      // Tree ensembles walk a single row on another path (trees in lockstep, branch-free).
      const batch = new Float64Array(heldOut.rows * model.outputs);
      model.predict(heldOut.x, heldOut.rows, batch);
      const one = new Float64Array(model.outputs);
      for (let r = 0; r < 50; r += 1) {
        model.predict(heldOut.x.subarray(r * train.width, (r + 1) * train.width), 1, one);
        expect(Array.from(one)).toEqual(
          Array.from(batch.subarray(r * model.outputs, (r + 1) * model.outputs)),
        );
      }
    });

    test('rejects NaN or Infinity in x at fit time and a wrong feature count at predict time', () => {
      const x = train.x.slice();
      x[5] = Number.NaN;
      expect(() => entry.fit({ ...train, x }, small(kind), 3)).toThrow(
        /row 0 is NaN: impute missing values first/,
      );
      x[5] = Number.POSITIVE_INFINITY;
      expect(() => entry.fit({ ...train, x }, small(kind), 3)).toThrow(/is Infinity/);
      const narrow = new Float64Array(2 * (train.width - 1));
      expect(() => model.predict(narrow, 2, new Float64Array(2 * model.outputs))).toThrow(
        new RegExp(`expects ${train.width} features per row: got ${narrow.length} values for 2 rows`),
      );
    });
  });

test('an unknown or out-of-range parameter names the model, the parameter and what is allowed', () => {
  const { train } = friedmanProblem('regression', 100, 1);
  expect(() => estimatorCatalog.gradient_boosting.fit(train, { learning_rte: 0.1 }, 1)).toThrow(
    /gradient_boosting has no parameter 'learning_rte': it accepts max_iter, learning_rate/,
  );
  expect(() => estimatorCatalog.random_forest.fit(train, { n_estimators: 0 }, 1)).toThrow(
    /random_forest parameter 'n_estimators' must be an integer >= 1, got 0/,
  );
});

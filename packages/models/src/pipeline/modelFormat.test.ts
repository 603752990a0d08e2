import format1 from '../__tests__/fixtures/format1Documents.json';
import format2 from '../__tests__/fixtures/format2Documents.json';
import { documentTable, kindsAndTasks, trainedDocument } from '../__tests__/modelDocuments';
import { FlatTree } from '../trees/FlatTree';
import { type PackedTreesState, packTrees } from '../trees/packTrees';
import { unpackTrees } from '../trees/unpackTrees';
import { MODEL_FORMAT_VERSION } from './ModelDocument';
import { ModelPipeline } from './ModelPipeline';

const table = documentTable();

test('format-1 documents written by the previous code load and predict exactly what that code predicted', () => {
  // Fixture: src/__tests__/fixtures/makeFormatDocuments.cjs run on commit b8675ab's build. That
  // build let a classifier forest answer a few ulps outside 0…1 (1.0000000000000004); a forest's
  // probabilities are clipped now, so its recorded classifier scores are compared clipped.
  for (const { document, scores: recorded } of format1) {
    const clips = document.estimator.kind === 'random_forest' && document.task !== 'regression';
    const scores = clips ? recorded.map((p) => Math.min(1, Math.max(0, p))) : recorded;
    expect(document.formatVersion).toBe(1);
    const pipeline = ModelPipeline.fromJSON(JSON.parse(JSON.stringify(document)));
    expect(Array.from(pipeline.scoreTable(table))).toEqual(scores);
    // Saved again, it is a document of the current format that predicts the same.
    const saved = JSON.parse(JSON.stringify(pipeline.toJSON()));
    expect(saved.formatVersion).toBe(MODEL_FORMAT_VERSION);
    expect(Array.isArray(saved.estimator.trees)).toBe(false);
    expect(Array.from(ModelPipeline.fromJSON(saved).scoreTable(table))).toEqual(scores);
  }
});

test('format-2 documents (every node’s cover as f64) load with the same covers and predictions, and save as format 3', () => {
  // Fixture: src/__tests__/fixtures/makeFormatDocuments.cjs run on commit d8fd70a's build (format 2).
  const trees = (p: ModelPipeline) => (p.estimator as unknown as { trees: FlatTree[] }).trees;
  for (const { document, scores } of format2) {
    expect(document.formatVersion).toBe(2);
    expect(typeof document.estimator.trees.cover).toBe('string');
    const pipeline = ModelPipeline.fromJSON(JSON.parse(JSON.stringify(document)));
    expect(Array.from(pipeline.scoreTable(table))).toEqual(scores);
    const saved = JSON.parse(JSON.stringify(pipeline.toJSON()));
    expect(saved.formatVersion).toBe(3);
    const again = ModelPipeline.fromJSON(saved);
    expect(Array.from(again.scoreTable(table))).toEqual(scores);
    trees(pipeline).forEach((tree, t) => {
      expect(Array.from(trees(again)[t].cover)).toEqual(Array.from(tree.cover));
    });
  }
});

test('whole-number covers are stored once per leaf; any other cover per node', () => {
  // Forests' bootstrap counts and boosting's row counts are whole numbers.
  for (const [kind, task] of [
    ['random_forest', 'binary'],
    ['random_forest', 'regression'],
    ['gradient_boosting', 'binary'],
    ['gradient_boosting', 'regression'],
  ] as const) {
    const { trees } = trainedDocument(kind, task, table).estimator as unknown as { trees: PackedTreesState };
    expect([kind, task, typeof trees.leafCover, trees.cover]).toEqual([kind, task, 'string', undefined]);
  }
  // A split on x0 <= 0.5 whose leaves weigh 1.5 and 0.25 (weighted rows): covers per node, as written.
  const tree = (cover: number[]) =>
    new FlatTree(
      Int32Array.of(0, -1, -1),
      Float64Array.of(0.5, 0, 0),
      Int32Array.of(1, -1, -1),
      Int32Array.of(2, -1, -1),
      Float64Array.of(0, 1, 2),
      1,
      Float64Array.from(cover),
      Uint8Array.of(0, 0, 0),
    );
  for (const cover of [
    [1.75, 1.5, 0.25],
    // Whole numbers, but the split's is not its children's sum: kept as given.
    [5, 2, 2],
    [2 ** 33, 2 ** 32, 2 ** 32],
  ]) {
    const state = packTrees([tree(cover)], 1);
    expect([cover, typeof state.cover, state.leafCover]).toEqual([cover, 'string', undefined]);
    expect(Array.from(unpackTrees(state, 'trees', 1, 1)[0].cover)).toEqual(cover);
  }
  const whole = packTrees([tree([3, 1, 2])], 1);
  expect(whole.cover).toBeUndefined();
  expect(Array.from(unpackTrees(whole, 'trees', 1, 1)[0].cover)).toEqual([3, 1, 2]);
});

test('packed trees round-trip node for node: structure, thresholds, leaf outputs, covers and missing directions', () => {
  for (const [kind, task] of kindsAndTasks.filter(
    ([k]) => k === 'random_forest' || k === 'gradient_boosting',
  )) {
    const document = trainedDocument(kind, task, table);
    const original = ModelPipeline.fromJSON(document);
    const loaded = ModelPipeline.fromJSON(JSON.parse(JSON.stringify(document)));
    const trees = (p: ModelPipeline) => (p.estimator as unknown as { trees: FlatTree[] }).trees;
    expect(trees(loaded).length).toBe(trees(original).length);
    trees(original).forEach((tree, t) => {
      const back = trees(loaded)[t];
      for (const key of ['feature', 'threshold', 'left', 'right', 'value', 'cover', 'missingLeft'] as const)
        expect([kind, task, t, key, Array.from(back[key])]).toEqual([
          kind,
          task,
          t,
          key,
          Array.from(tree[key]),
        ]);
    });
    expect(Array.from(loaded.scoreTable(table))).toEqual(Array.from(original.scoreTable(table)));
  }
});

test('a grown tree records the training weight at every node: the root holds all rows, each split its children’s sum', () => {
  const document = trainedDocument('gradient_boosting', 'regression', table);
  const { trees } = ModelPipeline.fromJSON(document).estimator as unknown as { trees: FlatTree[] };
  for (const tree of trees) {
    expect(tree.cover[0]).toBe(192); // 80 % of 240 rows, every boosting row weighs 1
    for (let node = 0; node < tree.nodeCount; node += 1)
      if (tree.feature[node] >= 0)
        expect(tree.cover[node]).toBe(tree.cover[tree.left[node]] + tree.cover[tree.right[node]]);
  }
});

test('a classifier forest answers probabilities inside 0…1, where its summed leaf residuals round past 1', () => {
  for (const task of ['binary', 'multiclass'] as const) {
    const scores = Array.from(
      ModelPipeline.fromJSON(trainedDocument('random_forest', task)).scoreTable(table),
    );
    expect([task, scores.filter((p) => p < 0 || p > 1)]).toEqual([task, []]);
  }
});

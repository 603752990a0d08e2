import format1 from '../__tests__/fixtures/format1Documents.json';
import { documentTable, kindsAndTasks, trainedDocument } from '../__tests__/modelDocuments';
import { editPackedArray, editPackedTrees, packedNode } from '../__tests__/packedTrees';
import { ModelsError } from '../errors';
import { encodeArray } from '../trees/binaryArrays';
import { unpackTrees } from '../trees/unpackTrees';
import { checkModelDocument } from './checkModelDocument';
import type { ModelDocument } from './ModelDocument';
import { ModelPipeline } from './ModelPipeline';

// biome-ignore lint/suspicious/noExplicitAny: corruptions reach into any field of the document
type Loose = any;

const table = documentTable();
const documents = new Map(
  kindsAndTasks.map(([kind, task]) => [`${kind}/${task}`, trainedDocument(kind, task, table)]),
);
const copy = (doc: ModelDocument): Loose => JSON.parse(JSON.stringify(doc));

/** What loading a document gives: 'ok', or the error's code and message. */
function load(doc: unknown): { code: string; message: string } {
  try {
    ModelPipeline.fromJSON(doc);
    return { code: 'ok', message: '' };
  } catch (error) {
    expect(error).toBeInstanceOf(ModelsError);
    return { code: (error as ModelsError).code, message: (error as Error).message };
  }
}

test('every kind and task as trained passes the check and predicts finite values', () => {
  for (const [key, doc] of documents) {
    expect([key, checkModelDocument(copy(doc)).kind]).toEqual([key, doc.kind]);
    const { predictions, probabilities } = ModelPipeline.fromJSON(copy(doc)).predictTable(table);
    for (const value of probabilities ?? predictions) expect(Number.isFinite(Number(value))).toBe(true);
  }
});

/** The corruptions finding 5 lists, per kind where they apply: each must be refused as bad-model-file naming the field. */
const corruptions: Array<{
  what: string;
  applies: (key: string) => boolean;
  change: (doc: Loose) => void;
  field: RegExp;
}> = [
  {
    what: 'linear weights cut to 2 items',
    applies: (key) => /^(logistic|linear)\//.test(key),
    change: (doc) => {
      doc.estimator.weights = doc.estimator.weights.slice(0, 2);
    },
    field: /estimator\.weights has 2 values: it must have (6|18)/,
  },
  {
    what: 'the table of tree leaf outputs cut to 2 numbers',
    applies: (key) => /^(random_forest|gradient_boosting)\//.test(key),
    change: (doc) => {
      editPackedArray(doc.estimator.trees, 'values', 'f64', (values) => values.slice(0, 2));
    },
    field: /estimator\.trees\.values holds 2 values: it must hold \d+ f64 values/,
  },
  {
    what: 'decision tree split on a column beyond the width',
    applies: (key) => key.startsWith('decision_tree/'),
    change: (doc) => {
      doc.estimator.tree.root.splitColumn = 6;
    },
    field: /estimator\.tree\.root\.splitColumn is 6: it must be an integer in 0…5/,
  },
  {
    what: 'a scaler scale of 0',
    applies: () => true,
    change: (doc) => {
      doc.preprocessing.steps[1].scale = 0;
    },
    field: /preprocessing\.steps\[1\]\.scale is 0: it must be a finite number > 0/,
  },
  {
    what: 'a NaN mean',
    applies: () => true,
    change: (doc) => {
      doc.preprocessing.steps[0].mean = Number.NaN;
    },
    field: /preprocessing\.steps\[0\]\.mean is NaN/,
  },
  {
    what: 'no one-hot categories',
    applies: () => true,
    change: (doc) => {
      doc.preprocessing.steps[3].categories = [];
    },
    field: /preprocessing\.steps\[3\]\.categories is \[\]/,
  },
  {
    what: 'threshold "abc"',
    applies: (key) => key.endsWith('/binary'),
    change: (doc) => {
      doc.threshold = 'abc';
    },
    field: /threshold is "abc": it must be a number in 0…1/,
  },
  {
    what: 'threshold 1.5',
    applies: (key) => key.endsWith('/binary'),
    change: (doc) => {
      doc.threshold = 1.5;
    },
    field: /threshold is 1\.5/,
  },
  {
    what: 'classes []',
    applies: (key) => !key.endsWith('/regression'),
    change: (doc) => {
      doc.classes = [];
    },
    field: /classes is \[\]: a (binary|multiclass) model needs its class labels/,
  },
  {
    what: 'three classes on a binary model',
    applies: (key) => key.endsWith('/binary'),
    change: (doc) => {
      doc.classes = ['no', 'yes', 'maybe'];
    },
    field: /classes has 3 labels: a binary model has 2/,
  },
  {
    what: 'features []',
    applies: () => true,
    change: (doc) => {
      doc.features = [];
    },
    field: /features is empty: a model needs at least one input/,
  },
  {
    what: 'a feature named twice',
    applies: () => true,
    change: (doc) => {
      doc.features[1].name = 'x1';
    },
    field: /features\[1\]\.name is 'x1': it appears twice/,
  },
  {
    what: 'a feature of an unknown type',
    applies: () => true,
    change: (doc) => {
      doc.features[0].type = 'text';
    },
    field: /features\[0\]\.type is "text"/,
  },
  {
    what: 'a feature that is also an id column',
    applies: () => true,
    change: (doc) => {
      doc.idColumns[0].name = 'x2';
    },
    field: /idColumns\[0\]\.name is 'x2': it is also a feature/,
  },
  {
    what: 'a feature the preprocessing does not have',
    applies: () => true,
    change: (doc) => {
      doc.features[2].name = 'x9';
    },
    field: /preprocessing\.steps\[2\]\.name is "x3": it must be feature 2, 'x9'/,
  },
];

test.each(corruptions.map((c) => [c.what, c] as const))(
  'refuses %s as bad-model-file, naming the field',
  (_what, corruption) => {
    const keys = [...documents.keys()].filter(corruption.applies);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const doc = copy(documents.get(key)!);
      corruption.change(doc);
      const result = load(doc);
      expect([key, result.code]).toEqual([key, 'bad-model-file']);
      expect([key, result.message]).toEqual([key, expect.stringMatching(corruption.field)]);
      expect(result.message).not.toMatch(/\n/);
    }
  },
);

test('tree arrays must be consistent: children inside the tree, finite leaves, numeric thresholds, whole rounds', () => {
  const cases: Array<[string, (doc: Loose) => void, RegExp]> = [
    [
      'random_forest/binary',
      (d) =>
        editPackedArray(d.estimator.trees, 'left', 'u32', (left) => {
          left[packedNode(d.estimator.trees, 1, 0)] = 999;
        }),
      /estimator\.trees\.left\[1\]\[0\] is 999: a child is 1…\d+ nodes after its parent/,
    ],
    [
      'random_forest/regression',
      (d) =>
        editPackedArray(d.estimator.trees, 'values', 'f64', (values) => {
          values[0] = Number.NaN;
        }),
      /estimator\.trees\.values\[0\] is NaN/,
    ],
    [
      'random_forest/multiclass',
      (d) =>
        editPackedArray(d.estimator.trees, 'values', 'f64', (values) => {
          values[0] = 5;
        }),
      /estimator\.trees\.values \(tree \d+, output \d+\) is 5: with the offset it gives probability/,
    ],
    [
      'random_forest/binary',
      (d) => (d.estimator.offset = []),
      /estimator\.offset has 0 values: it must have 1/,
    ],
    [
      'gradient_boosting/binary',
      (d) =>
        editPackedArray(d.estimator.trees, 'thresholds', 'f64', (thresholds) => {
          thresholds[0] = Number.NaN;
        }),
      /estimator\.trees\.thresholds\[0\] is NaN: it must be a number/,
    ],
    [
      'gradient_boosting/multiclass',
      (d) => editPackedTrees(d.estimator.trees, 6, (trees) => trees.pop()),
      /estimator\.trees holds 11 trees: it must hold whole rounds \(3 trees each\)/,
    ],
    [
      'gradient_boosting/regression',
      (d) => (d.estimator.loss = 'log_loss'),
      /estimator\.loss is "log_loss": it must be "squared_error"/,
    ],
    [
      'gradient_boosting/binary',
      (d) =>
        editPackedArray(d.estimator.trees, 'values', 'f64', (values) => {
          values[1] = 1e300;
        }),
      /estimator\.trees\.values\[1\] is 1e\+300: it must be a finite number within/,
    ],
    [
      'decision_tree/binary',
      (d) => (d.estimator.tree.root.left = null),
      /estimator\.tree\.root\.left is null: it must be an object/,
    ],
    [
      'decision_tree/regression',
      (d) => (d.estimator.tree.name = 'DTClassifier'),
      /estimator\.tree\.name is "DTClassifier"/,
    ],
    [
      'logistic/multiclass',
      (d) => (d.estimator.intercepts = [0, 0]),
      /estimator\.intercepts has 2 values: it must have 3/,
    ],
    [
      'logistic/binary',
      (d) => (d.estimator.intercept = Number.POSITIVE_INFINITY),
      /estimator\.intercept is Infinity/,
    ],
    ['linear/regression', (d) => (d.estimator.kind = 'logistic'), /estimator\.kind is "logistic"/],
    [
      'logistic/binary',
      (d) => (d.task = 'multiclass'),
      /classes has 2 labels: a multiclass model has 3 or more/,
    ],
    [
      'linear/regression',
      (d) => (d.classes = [0, 1]),
      /classes is \[0,1\]: a regression model has no classes/,
    ],
  ];
  for (const [key, change, field] of cases) {
    const doc = copy(documents.get(key)!);
    change(doc);
    const result = load(doc);
    expect([key, field.source, result.code]).toEqual([key, field.source, 'bad-model-file']);
    expect([key, result.message]).toEqual([key, expect.stringMatching(field)]);
  }
});

test('packed tree arrays must be consistent: lengths, children after their node, features, table indices, covers', () => {
  const cases: Array<[string, (trees: Loose) => void, RegExp]> = [
    [
      'more nodes than the arrays hold',
      (t) => (t.nodes[0] += 1),
      /estimator\.trees\.feature holds \d+ values: it must hold \d+ u32 values/,
    ],
    [
      'fewer nodes than the arrays hold',
      (t) => (t.nodes[0] -= 1),
      /estimator\.trees\.feature holds more values than announced/,
    ],
    [
      'a node count of 0',
      (t) => (t.nodes[0] = 0),
      /estimator\.trees\.nodes\[0\] is 0: it must be an integer in 1…/,
    ],
    [
      'text that is not base64',
      (t) => (t.right = 'not base64!'),
      /estimator\.trees\.right is not base64 text/,
    ],
    [
      'base64 that does not inflate',
      (t) => (t[t.leafCover === undefined ? 'cover' : 'leafCover'] = 'AAAA'),
      /estimator\.trees\.(leafCover|cover) does not inflate/,
    ],
    [
      'covers per leaf beside covers per node',
      (t) => {
        t.cover ??= 'AAAA';
        t.leafCover ??= 'AAAA';
      },
      /estimator\.trees\.leafCover is given beside cover: a document holds one of them/,
    ],
    [
      'no covers at all',
      (t) => {
        delete t.cover;
        delete t.leafCover;
      },
      /estimator\.trees\.cover is missing: the trees need cover \(per node\) or leafCover \(per leaf\)/,
    ],
    [
      'one leaf cover fewer than leaves',
      (t) =>
        t.leafCover === undefined
          ? editPackedArray(t, 'cover', 'f64', (cover) => cover.subarray(1))
          : editPackedArray(t, 'leafCover', 'u32', (cover) => cover.subarray(1)),
      /estimator\.trees\.(leafCover|cover) holds \d+ values: it must hold \d+ (u32|f64) values/,
    ],
    [
      'a child before its parent (a cycle)',
      (t) =>
        editPackedArray(t, 'right', 'u32', (right) => {
          right[0] = 0xffffffff;
        }),
      /estimator\.trees\.right\[0\]\[0\] is 4294967295: a child is 1…\d+ nodes after its parent/,
    ],
    [
      'two children of one node that are the same node',
      (t) =>
        editPackedArray(t, 'right', 'u32', (right) => {
          right[0] = 1;
        }),
      /estimator\.trees\.right\[0\]\[0\] is node 1, already the child of node 0: a node has one parent/,
    ],
    [
      'a split with a right child of 0',
      (t) =>
        editPackedArray(t, 'right', 'u32', (right) => {
          right[0] = 0;
        }),
      /estimator\.trees\.right\[0\]\[0\] is 0: a child is 1…/,
    ],
    [
      'a leaf with a right child',
      (t) =>
        editPackedArray(t, 'left', 'u32', (left) => {
          left[0] = 0;
        }),
      /estimator\.trees\.right\[0\]\[0\] is \d+: a leaf \(left 0\) has no right child/,
    ],
    [
      'a feature beyond the width',
      (t) =>
        editPackedArray(t, 'feature', 'u32', (feature) => {
          feature[0] = 6;
        }),
      /estimator\.trees\.feature\[0\]\[0\] is 6: it must be a feature index 0…5/,
    ],
    [
      'a threshold index beyond the table',
      (t) =>
        editPackedArray(t, 'threshold', 'u32', (index) => {
          index[0] = t.thresholdCount;
        }),
      /estimator\.trees\.threshold\[0\]\[0\] is \d+: it must index thresholds/,
    ],
    [
      'a leaf output index beyond the table',
      (t) =>
        editPackedArray(t, 'value', 'u32', (index) => {
          index[t.nodes[0] - 1] = t.valueCount;
        }),
      /estimator\.trees\.value\[0\]\[\d+\] is \d+: it must index values/,
    ],
    [
      'a negative cover (covers per node: per leaf they are u32)',
      (t) => {
        if (t.leafCover !== undefined) {
          // A format-2 document: every node's cover as f64.
          t.cover = encodeArray(
            Float64Array.from(unpackTrees(t, 'trees', 6, t.channels).flatMap((tree) => [...tree.cover])),
          );
          delete t.leafCover;
        }
        editPackedArray(t, 'cover', 'f64', (cover) => {
          cover[2] = -1;
        });
      },
      /estimator\.trees\.cover\[0\]\[2\] is -1: it must be a finite weight >= 0/,
    ],
    [
      'a missing-value direction of 2',
      (t) =>
        editPackedArray(t, 'missingLeft', 'u8', (missing) => {
          missing[1] = 2;
        }),
      /estimator\.trees\.missingLeft\[0\]\[1\] is 2: it must be 0 or 1/,
    ],
    [
      'another number of leaf outputs',
      (t) => (t.channels = 3),
      /estimator\.trees\.channels is 3: it must be 1/,
    ],
  ];
  for (const key of ['random_forest/regression', 'gradient_boosting/binary']) {
    for (const [what, change, field] of cases) {
      const doc = copy(documents.get(key)!);
      change(doc.estimator.trees);
      const result = load(doc);
      expect([key, what, result.code]).toEqual([key, what, 'bad-model-file']);
      expect([key, what, result.message]).toEqual([key, what, expect.stringMatching(field)]);
      expect(result.message).not.toMatch(/\n/);
    }
  }
});

test('format-1 documents (JSON tree arrays) are still checked field by field', () => {
  const doc = (i: number): Loose => JSON.parse(JSON.stringify(format1[i].document));
  const cases: Array<[Loose, (d: Loose) => void, RegExp]> = [
    [doc(0), (d) => (d.estimator.trees[1].left[0] = 999), /estimator\.trees\[1\]\.left\[0\] is 999/],
    [
      doc(1),
      (d) => {
        const tree = d.estimator.trees[0];
        tree.value[3 * tree.feature.indexOf(-1)] = 5;
      },
      /estimator\.trees\[0\]\.value\[\d+\] is 5: with the offset/,
    ],
    [doc(2), (d) => d.estimator.trees.pop(), /holds 8 trees: it must hold whole rounds \(3 trees each\)/],
    [doc(3), (d) => (d.estimator.trees[0].threshold[0] = null), /trees\[0\]\.threshold\[0\] is null/],
  ];
  for (const [d, change, field] of cases) {
    expect(load(d)).toEqual({ code: 'ok', message: '' });
    change(d);
    const result = load(d);
    expect([field.source, result.code]).toEqual([field.source, 'bad-model-file']);
    expect(result.message).toMatch(field);
  }
});

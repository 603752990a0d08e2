import { categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { TabularPreprocessor } from './TabularPreprocessor';

const train = new DataTable([
  numericColumn('x', [1, 2, 3, null]),
  categoricalColumn('c', ['a', 'b', 'a', null]),
]);

test('imputes, standardises and one-hot encodes as fitted', () => {
  const pre = TabularPreprocessor.fit(train, ['x', 'c']);
  expect(pre.outputNames).toEqual(['x', 'c=a', 'c=b']);
  const { values, rows, width } = pre.transform(train);
  expect([rows, width]).toEqual([4, 3]);
  // x imputed with its median 2 → [1, 2, 3, 2], mean 2, population std sqrt(0.5)
  const std = Math.sqrt(0.5);
  expect(Array.from(values)).toEqual([-1 / std, 1, 0, 0, 0, 1, 1 / std, 1, 0, 0, 1, 0]);
});

test('encodes an unknown category as all zeros and counts it, in batches and single rows', () => {
  const pre = TabularPreprocessor.fit(train, ['x', 'c']);
  const unseen = new DataTable([numericColumn('x', [2]), categoricalColumn('c', ['zzz'])]);
  expect(Array.from(pre.transform(unseen).values)).toEqual([0, 0, 0]);
  const out = new Float64Array(pre.width);
  expect(Array.from(pre.transformRecord({ x: 2, c: 'other' }, out))).toEqual([0, 0, 0]);
  expect(pre.unknownCategoryCount).toBe(2);
});

test('a JSON round trip encodes identically', () => {
  const pre = TabularPreprocessor.fit(train, ['x', 'c']);
  const back = TabularPreprocessor.fromJSON(JSON.parse(JSON.stringify(pre)));
  expect(back.transform(train).values).toEqual(pre.transform(train).values);
  expect(() => TabularPreprocessor.fromJSON({ formatVersion: 2 } as never)).toThrow(/not format version 1/);
});

test('single-row encoding equals batch encoding', () => {
  const pre = TabularPreprocessor.fit(train, ['x', 'c']);
  const batch = pre.transform(train);
  const out = new Float64Array(pre.width);
  for (let row = 0; row < train.numRows; row += 1) {
    pre.transformRecord(train.row(row), out);
    expect(Array.from(out)).toEqual(Array.from(batch.values.subarray(row * 3, row * 3 + 3)));
  }
});

test('a category spelled differently from training (case, spaces) encodes as the trained one', () => {
  const pre = TabularPreprocessor.fit(train, ['x', 'c']);
  const out = new Float64Array(pre.width);
  expect(Array.from(pre.transformRecord({ x: 2, c: ' B ' }, out))).toEqual([0, 0, 1]);
  const batch = pre.transform(new DataTable([numericColumn('x', [2]), categoricalColumn('c', ['A'])]));
  expect(Array.from(batch.values)).toEqual([0, 1, 0]);
  expect(pre.unknownCategoryCount).toBe(0);
});

test('refuses to one-hot encode a feature with more categories than the limit', () => {
  const table = new DataTable([
    categoricalColumn(
      'card',
      Array.from({ length: 100 }, (_, i) => `card-${i % 70}`),
    ),
  ]);
  expect(() => TabularPreprocessor.fit(table, ['card'])).toThrow(
    "column 'card' has 70 distinct values in 100 rows, over the limit of 50 for a categorical feature (one-hot encoding would give it 70 columns): mark it as an identifier (--id-columns card), leave it out (--exclude card), or group its values",
  );
  expect(TabularPreprocessor.fit(table, ['card'], { maxCategories: 5000 }).width).toBe(70);
});

test('a damaged state is refused when loaded, naming the field: zero scale, NaN fill, empty or repeated categories', () => {
  const state = () => JSON.parse(JSON.stringify(TabularPreprocessor.fit(train, ['x', 'c'])));
  const damage: Array<[string, (s: ReturnType<typeof state>) => void, RegExp]> = [
    [
      'scale 0',
      (s) => (s.steps[0].scale = 0),
      /preprocessing\.steps\[0\]\.scale is 0: it must be a finite number > 0/,
    ],
    ['scale -1', (s) => (s.steps[0].scale = -1), /steps\[0\]\.scale is -1/],
    ['fill NaN', (s) => (s.steps[0].fill = Number.NaN), /steps\[0\]\.fill is NaN/],
    ['mean text', (s) => (s.steps[0].mean = 'abc'), /steps\[0\]\.mean is "abc"/],
    ['no categories', (s) => (s.steps[1].categories = []), /steps\[1\]\.categories is \[\]/],
    ['repeated category', (s) => (s.steps[1].categories = ['a', 'a']), /holds a category twice/],
    [
      'fill not a category',
      (s) => (s.steps[1].fill = 'zzz'),
      /steps\[1\]\.fill is "zzz": it must be one of its categories/,
    ],
    ['same name twice', (s) => (s.steps[1].name = 'x'), /steps\[1\]\.name is "x": it appears twice/],
    ['unknown kind', (s) => (s.steps[1].kind = 'text'), /steps\[1\]\.kind is "text"/],
    ['no steps', (s) => (s.steps = []), /must hold at least one step/],
  ];
  for (const [what, change, message] of damage) {
    const s = state();
    change(s);
    let error: unknown;
    try {
      TabularPreprocessor.fromJSON(s);
    } catch (caught) {
      error = caught;
    }
    expect([what, (error as { code?: string })?.code]).toEqual([what, 'bad-preprocessor']);
    expect((error as Error).message).toMatch(message);
  }
});

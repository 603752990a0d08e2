import { generateChurn } from '../generators/churn';
import { TabularPreprocessor } from '../preprocessing/TabularPreprocessor';
import { categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { OneHotEncoder } from './OneHotEncoder';
import { SimpleImputer } from './SimpleImputer';
import { StandardScaler } from './StandardScaler';
import { TransformerPipeline, transformerFromJSON } from './TransformerPipeline';

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value));

test('StandardScaler matches scikit-learn', () => {
  const table = new DataTable([
    numericColumn('x', [1, 2, 3, 4, 10]),
    categoricalColumn('c', ['a', 'b', 'a', 'b', 'a']),
  ]);
  const scaler = StandardScaler.fit(table, ['x']);
  // sklearn 1.2: StandardScaler().fit([[1],[2],[3],[4],[10]]) → mean_ [4.], scale_ [3.16227766],
  // transform → [-0.9486832980505138, -0.6324555320336759, -0.31622776601683794, 0.0, 1.8973665961010275]
  expect(scaler.state.columns[0].mean).toBeCloseTo(4, 12);
  expect(scaler.state.columns[0].scale).toBeCloseTo(3.16227766, 8);
  const out = StandardScaler.fromJSON(roundTrip(scaler.toJSON())).transform(table);
  const expected = [-0.9486832980505138, -0.6324555320336759, -0.31622776601683794, 0, 1.8973665961010275];
  Array.from(out.numeric('x').values).forEach((value, i) => {
    expect(value).toBeCloseTo(expected[i], 12);
  });
  expect(out.columnNames).toEqual(['x', 'c']);
});

test('StandardScaler leaves a constant column at scale 1 and passes missing values through', () => {
  const table = new DataTable([numericColumn('k', [5, 5, null])]);
  const out = StandardScaler.fit(table, ['k']).transform(table);
  expect(Array.from(out.numeric('k').values)).toEqual([0, 0, Number.NaN]);
});

test('SimpleImputer fills the median (or mean) and the most frequent category, as scikit-learn', () => {
  const table = new DataTable([
    numericColumn('x', [1, null, 3, 8]),
    categoricalColumn('c', ['b', null, 'b', 'a']),
  ]);
  // sklearn 1.2: SimpleImputer(strategy='median').statistics_ → [3.]; strategy='mean' → [4.]
  const imputer = SimpleImputer.fromJSON(roundTrip(SimpleImputer.fit(table, ['x', 'c']).toJSON()));
  const out = imputer.transform(table);
  expect(Array.from(out.numeric('x').values)).toEqual([1, 3, 3, 8]);
  expect(out.cell('c', 1)).toBe('b');
  expect(imputer.filledCount).toBe(2);
  expect(SimpleImputer.fit(table, ['x'], { strategy: 'mean' }).transform(table).cell('x', 1)).toBe(4);
});

test('SimpleImputer refuses a column with no values, naming it', () => {
  const table = new DataTable([numericColumn('empty', [null, null])]);
  expect(() => SimpleImputer.fit(table, ['empty'])).toThrow("column 'empty' has no values at all");
});

test('OneHotEncoder encodes unknown categories as all zeros, counts them and never throws', () => {
  const train = new DataTable([categoricalColumn('c', ['b', 'a', 'c', 'a'])]);
  const encoder = OneHotEncoder.fromJSON(roundTrip(OneHotEncoder.fit(train, ['c']).toJSON()));
  expect(encoder.outputNames).toEqual(['c=a', 'c=b', 'c=c']);
  const out = encoder.transform(new DataTable([categoricalColumn('c', ['c', 'z', 'a', null])]));
  // sklearn 1.2: OneHotEncoder(handle_unknown='ignore').fit([['b'],['a'],['c'],['a']])
  //   .transform([['c'],['z'],['a']]) → [[0,0,1],[0,0,0],[1,0,0]]
  expect([0, 1, 2, 3].map((row) => Object.values(out.row(row)))).toEqual([
    [0, 0, 1],
    [0, 0, 0],
    [1, 0, 0],
    [0, 0, 0],
  ]);
  expect(encoder.unknownCategoryCount).toBe(1);
});

test('a fitted tabular pipeline encodes exactly as TabularPreprocessor, before and after a JSON round trip', () => {
  const table = generateChurn(300, 5);
  const features = ['tenure_months', 'monthly_charges', 'contract', 'internet_service'];
  const pipeline = TransformerPipeline.fitTabular(table, features);
  const restored = TransformerPipeline.fromJSON(roundTrip(pipeline.toJSON()));
  const out = restored.transform(table.select(features));
  const pre = TabularPreprocessor.fit(table, features);
  expect(out.columnNames).toEqual(pre.outputNames);
  const matrix = pre.transform(table);
  out.columns.forEach((column, j) => {
    if (column.kind !== 'numeric') throw new Error('expected numbers');
    for (let row = 0; row < out.numRows; row += 1)
      expect(column.values[row]).toBeCloseTo(matrix.values[row * matrix.width + j], 12);
  });
  expect(restored.inputNames).toEqual(features);
});

test('restoring an unknown transformer type fails with a message naming it', () => {
  expect(() => transformerFromJSON({ type: 'pca', formatVersion: 1 } as never)).toThrow(
    "unknown transformer type 'pca'",
  );
});

import fc from 'fast-check';
import { documentTable, kindsAndTasks, trainedDocument } from '../__tests__/modelDocuments';
import { editPackedArray } from '../__tests__/packedTrees';
import { ModelsError } from '../errors';
import type { BinaryType } from '../trees/binaryArrays';
import type { ModelDocument } from './ModelDocument';
import { ModelPipeline } from './ModelPipeline';

type Path = Array<string | number>;
// biome-ignore lint/suspicious/noExplicitAny: mutations reach into any field of the document
type Loose = any;

const table = documentTable();
const documents = kindsAndTasks.map(([kind, task]) => trainedDocument(kind, task, table));

function allPaths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push(...allPaths(item, [...prefix, i]));
    });
  } else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) out.push(...allPaths(item, [...prefix, key]));
  return out;
}

const values = fc.oneof(
  fc.constantFrom<unknown>(null, '', 'abc', true, [], {}, 0, -0, -1, 1, 2, 0.5, 1e100, 1e-300, 5e-324),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308),
  fc.double(),
  fc.integer({ min: -3, max: 40 }),
  fc.string({ maxLength: 4 }),
);
const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('set', 'set', 'delete', 'truncate', 'duplicate'),
  value: values,
});

/** Applies one mutation at the `at`-th path of the document (the root included); returns the document. */
function mutate(doc: Loose, { at, op, value }: { at: number; op: string; value: unknown }): Loose {
  const paths = allPaths(doc);
  const path = paths[at % paths.length];
  if (path.length === 0) return op === 'set' ? value : doc;
  const parent = path.slice(0, -1).reduce((node, key) => node[key], doc);
  const key = path[path.length - 1];
  const target = parent[key];
  if (op === 'set') parent[key] = value;
  else if (op === 'delete') Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
  else if (op === 'truncate' && Array.isArray(target)) target.length = Math.floor(target.length / 2);
  else if (op === 'duplicate' && Array.isArray(target) && target.length > 0)
    target.push(JSON.parse(JSON.stringify(target[0])));
  return doc;
}

/** A mutated document must be refused as a bad model file (or another format version), or load and predict valid values. */
function refusedOrPredictsValidValues(doc: Loose): void {
  let pipeline: ModelPipeline;
  try {
    pipeline = ModelPipeline.fromJSON(doc);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelsError);
    const allowed =
      doc?.formatVersion === 1 || doc?.formatVersion === 2 || doc?.formatVersion === 3
        ? ['bad-model-file']
        : ['bad-model-file', 'model-format-version'];
    expect(allowed).toContain((error as ModelsError).code);
    return;
  }
  const loaded = pipeline.document as ModelDocument;
  const { predictions, probabilities } = pipeline.predictTable(table);
  const single = pipeline.predictRecord(table.row(0));
  if (loaded.task === 'regression') {
    for (const p of [...predictions, single.prediction]) expect(Number.isFinite(p)).toBe(true);
    return;
  }
  for (const p of [...predictions, single.prediction]) expect(loaded.classes).toContain(p);
  for (const p of [...probabilities!, single.probability!]) {
    expect(p).toBeGreaterThanOrEqual(-1e-9);
    expect(p).toBeLessThanOrEqual(1 + 1e-9);
  }
}

test('random mutations of every kind of document are refused as bad-model-file, or predict finite values', () => {
  fc.assert(
    fc.property(
      fc.nat({ max: documents.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
      (which, mutations) => {
        let doc: Loose = JSON.parse(JSON.stringify(documents[which]));
        for (const m of mutations) doc = mutate(doc, m);
        refusedOrPredictsValidValues(doc);
      },
    ),
    { numRuns: 1_200, seed: 20261201 },
  );
});

const packedArrays: ReadonlyArray<readonly [string, BinaryType]> = [
  ['feature', 'u32'],
  ['threshold', 'u32'],
  ['left', 'u32'],
  ['right', 'u32'],
  ['missingLeft', 'u8'],
  ['value', 'u32'],
  ['cover', 'f64'],
  ['leafCover', 'u32'],
  ['thresholds', 'f64'],
  ['values', 'f64'],
];
const treeDocuments = documents.filter(
  (doc) => doc.kind === 'random_forest' || doc.kind === 'gradient_boosting',
);

test('random edits inside the binary arrays of packed trees are refused as bad-model-file, or predict valid values', () => {
  fc.assert(
    fc.property(
      fc.nat({ max: treeDocuments.length - 1 }),
      fc.array(
        fc.record({
          array: fc.constantFrom(...packedArrays),
          at: fc.nat(),
          value: fc.oneof(
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: -1, max: 300 }),
            fc.constantFrom(0xffffffff, 2 ** 31, Number.NaN, Number.POSITIVE_INFINITY, -1e300, 5e-324),
            fc.double(),
          ),
          resize: fc.constantFrom(0, 0, 0, -1, 1),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      (which, edits) => {
        const doc: Loose = JSON.parse(JSON.stringify(treeDocuments[which]));
        // A resized array no longer decodes at its announced length: it is the last edit.
        let resized = false;
        for (const { array, at, value, resize } of edits) {
          if (resized) break;
          // A document gives covers per node or per leaf: edit the one it has.
          if (doc.estimator.trees[array[0]] === undefined) continue;
          resized = resize !== 0;
          editPackedArray(doc.estimator.trees, array[0] as never, array[1], (values) => {
            if (values.length > 0) values[at % values.length] = value;
            if (resize < 0) return values.subarray(0, values.length - 1);
            const Type = values.constructor as Float64ArrayConstructor;
            if (resize > 0) return new Type([...values, value]);
          });
        }
        refusedOrPredictsValidValues(doc);
      },
    ),
    { numRuns: 300, seed: 20261202 },
  );
});

import fc from 'fast-check';
import { documentTable, kindsAndTasks, trainedDocument } from '../__tests__/modelDocuments';
import { ModelsError } from '../errors';
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

test('random mutations of every kind of document are refused as bad-model-file, or predict finite values', () => {
  fc.assert(
    fc.property(
      fc.nat({ max: documents.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
      (which, mutations) => {
        let doc: Loose = JSON.parse(JSON.stringify(documents[which]));
        for (const m of mutations) doc = mutate(doc, m);
        let pipeline: ModelPipeline;
        try {
          pipeline = ModelPipeline.fromJSON(doc);
        } catch (error) {
          expect(error).toBeInstanceOf(ModelsError);
          const allowed =
            doc?.formatVersion === 1 ? ['bad-model-file'] : ['bad-model-file', 'model-format-version'];
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
      },
    ),
    { numRuns: 1_200, seed: 20261201 },
  );
});

import { type ColumnSpec, FeaturesError, TabularPreprocessor } from '@mlops/features';
import { ModelsError } from '../errors';
import type { EstimatorTask } from '../estimators/Estimator';
import { estimatorCatalog } from '../estimators/estimatorCatalog';
import { type ModelDocument, READABLE_FORMAT_VERSIONS } from './ModelDocument';
import { badModelFile, expectModelNumber, expectObject, shown } from './modelFileChecks';

const TASKS: readonly EstimatorTask[] = ['binary', 'multiclass', 'regression'];

/**
 * The structural check of a model document, run by {@link ModelPipeline.fromJSON} and
 * by the registry before it stores a version: a document that parses but would
 * answer wrongly (or throw on every request) is refused here. Checks the format,
 * the format version (1 or 2), the kind and task, the target, the features (non-empty, unique names, valid types,
 * none also an id column or the target), the classes (non-empty, unique, two for
 * binary, three or more for multiclass, none for regression), the threshold (a number
 * in 0…1, binary only), the preprocessing (its own check, then one step per feature
 * with the feature's type) and the estimator (its kind's own check against the
 * preprocessing's width and the classes). Returns the document; throws
 * `ModelsError('bad-model-file')` with one line naming the field and what is wrong
 * (`model-format-version` for another format version).
 */
export function checkModelDocument(value: unknown): ModelDocument {
  const doc = value as Partial<ModelDocument> | null;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || doc.format !== 'mlops-model') {
    throw new ModelsError('bad-model-file', 'not a model file: "format" should be "mlops-model"');
  }
  if (!READABLE_FORMAT_VERSIONS.includes(doc.formatVersion as number)) {
    throw new ModelsError(
      'model-format-version',
      `model format version ${doc.formatVersion} cannot be read by this version (it reads ${readable()}): retrain or upgrade`,
    );
  }
  const kinds = Object.keys(estimatorCatalog);
  if (typeof doc.kind !== 'string' || !Object.hasOwn(estimatorCatalog, doc.kind)) {
    throw badModelFile('kind', `is ${shown(doc.kind)}: it must be one of ${kinds.join(', ')}`);
  }
  const entry = estimatorCatalog[doc.kind];
  const task = doc.task as EstimatorTask;
  if (!TASKS.includes(task))
    throw badModelFile('task', `is ${shown(doc.task)}: it must be one of ${TASKS.join(', ')}`);
  if (!entry.tasks.includes(task))
    throw badModelFile('task', `is ${task}: a ${doc.kind} model does ${entry.tasks.join(', ')}`);
  if (typeof doc.target !== 'string' || doc.target === '')
    throw badModelFile('target', `is ${shown(doc.target)}: it must be a column name`);
  const params = expectObject(doc.params, 'params');
  for (const [key, param] of Object.entries(params)) expectModelNumber(param, `params.${key}`);
  if (typeof doc.seed !== 'number' || !Number.isFinite(doc.seed))
    throw badModelFile('seed', `is ${shown(doc.seed)}: it must be a number`);

  const features = checkColumns(doc.features, 'features');
  if (features.length === 0) throw badModelFile('features', 'is empty: a model needs at least one input');
  const idColumns = doc.idColumns === undefined ? [] : checkColumns(doc.idColumns, 'idColumns');
  const featureNames = new Set(features.map((spec) => spec.name));
  idColumns.forEach((spec, i) => {
    if (featureNames.has(spec.name))
      throw badModelFile(
        `idColumns[${i}].name`,
        `is '${spec.name}': it is also a feature; an id column is never an input`,
      );
  });
  for (const [field, specs] of [
    ['features', features],
    ['idColumns', idColumns],
  ] as const) {
    specs.forEach((spec, i) => {
      if (spec.name === doc.target)
        throw badModelFile(`${field}[${i}].name`, `is '${spec.name}': it is the target`);
    });
  }
  const classes = checkClasses(doc.classes, task);
  checkThreshold(doc.threshold, task);

  let preprocessor: TabularPreprocessor;
  try {
    preprocessor = TabularPreprocessor.fromJSON(doc.preprocessing as ModelDocument['preprocessing']);
  } catch (error) {
    if (!(error instanceof FeaturesError)) throw error;
    throw new ModelsError('bad-model-file', `model file: ${error.message}`, { cause: error });
  }
  const steps = preprocessor.state.steps;
  if (steps.length !== features.length) {
    throw badModelFile(
      'preprocessing.steps',
      `has ${steps.length} steps: it must have one per feature (${features.length})`,
    );
  }
  steps.forEach((step, i) => {
    const spec = features[i];
    if (step.name !== spec.name)
      throw badModelFile(
        `preprocessing.steps[${i}].name`,
        `is ${shown(step.name)}: it must be feature ${i}, '${spec.name}'`,
      );
    if (step.kind !== spec.type)
      throw badModelFile(
        `preprocessing.steps[${i}].kind`,
        `is ${step.kind}: feature '${spec.name}' is ${spec.type}`,
      );
  });

  const estimator = expectObject(doc.estimator, 'estimator');
  if (estimator.kind !== doc.kind)
    throw badModelFile(
      'estimator.kind',
      `is ${shown(estimator.kind)}: it must be the document's kind '${doc.kind}'`,
    );
  entry.check(doc.estimator as ModelDocument['estimator'], {
    task,
    width: preprocessor.width,
    classes: classes.length || 1,
  });
  return doc as ModelDocument;
}

function checkColumns(value: unknown, field: string): ColumnSpec[] {
  if (!Array.isArray(value)) throw badModelFile(field, `is ${shown(value)}: it must be an array of columns`);
  const seen = new Set<string>();
  value.forEach((item, i) => {
    const spec = expectObject(item, `${field}[${i}]`);
    if (typeof spec.name !== 'string' || spec.name === '')
      throw badModelFile(`${field}[${i}].name`, `is ${shown(spec.name)}: it must be a non-empty string`);
    if (seen.has(spec.name)) throw badModelFile(`${field}[${i}].name`, `is '${spec.name}': it appears twice`);
    seen.add(spec.name);
    if (spec.type !== 'numeric' && spec.type !== 'categorical')
      throw badModelFile(
        `${field}[${i}].type`,
        `is ${shown(spec.type)}: it must be 'numeric' or 'categorical'`,
      );
    for (const bound of ['min', 'max'] as const) {
      if (spec[bound] !== undefined && (typeof spec[bound] !== 'number' || Number.isNaN(spec[bound])))
        throw badModelFile(`${field}[${i}].${bound}`, `is ${shown(spec[bound])}: it must be a number`);
    }
    if (typeof spec.min === 'number' && typeof spec.max === 'number' && spec.min > spec.max)
      throw badModelFile(`${field}[${i}].min`, `is ${spec.min}: it is above max ${spec.max}`);
    const categories = spec.categories;
    if (
      categories !== undefined &&
      (!Array.isArray(categories) || categories.some((c) => typeof c !== 'string'))
    )
      throw badModelFile(
        `${field}[${i}].categories`,
        `is ${shown(categories)}: it must be an array of strings`,
      );
  });
  return value as ColumnSpec[];
}

function checkClasses(value: unknown, task: EstimatorTask): Array<number | string> {
  if (task === 'regression') {
    if (value !== undefined)
      throw badModelFile('classes', `is ${shown(value)}: a regression model has no classes`);
    return [];
  }
  if (!Array.isArray(value) || value.length === 0)
    throw badModelFile('classes', `is ${shown(value)}: a ${task} model needs its class labels`);
  value.forEach((label, i) => {
    if (typeof label !== 'string' && !(typeof label === 'number' && Number.isFinite(label)))
      throw badModelFile(`classes[${i}]`, `is ${shown(label)}: a class label is a string or a finite number`);
  });
  if (new Set(value).size !== value.length)
    throw badModelFile('classes', `is ${shown(value)}: it holds a label twice`);
  if (task === 'binary' && value.length !== 2)
    throw badModelFile('classes', `has ${value.length} labels: a binary model has 2`);
  if (task === 'multiclass' && value.length < 3)
    throw badModelFile(
      'classes',
      `has ${value.length} labels: a multiclass model has 3 or more (2 is binary)`,
    );
  return value;
}

function checkThreshold(value: unknown, task: EstimatorTask): void {
  if (value === undefined) return;
  if (task !== 'binary')
    throw badModelFile('threshold', `is ${shown(value)}: only a binary model has a threshold`);
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    throw badModelFile('threshold', `is ${shown(value)}: it must be a number in 0…1`);
}

/** `1, 2 and 3`. */
function readable(): string {
  const versions = READABLE_FORMAT_VERSIONS.map(String);
  return versions.length > 1 ? `${versions.slice(0, -1).join(', ')} and ${versions.at(-1)}` : versions[0];
}

import {
  type ColumnSpec,
  type DatasetGenerator,
  type DatasetSchema,
  datasetGenerators,
  featureColumns,
} from '@mlops/features';
import { ModelPipeline } from '@mlops/models';

/** What a client sends a model: its features and id columns, and the dataset that has them. */
export interface ModelInputs {
  features: readonly ColumnSpec[];
  idColumns: readonly ColumnSpec[];
  generator: DatasetGenerator;
}

/** Something that says what a model takes: a dataset's schema, a fitted pipeline, or a model document. */
export type InputSource =
  | DatasetSchema
  | ModelPipeline
  | { features: ColumnSpec[]; idColumns?: ColumnSpec[]; target: string };

/**
 * The inputs of `source` and the generator of its rows: a schema's own generator, or for
 * a model the dataset whose schema has the model's target and every one of its features.
 */
export function modelInputs(source: InputSource): ModelInputs {
  if ('columns' in source) {
    const generator = Object.values(datasetGenerators).find(
      (candidate) => candidate.schema === source || candidate.schema.name === source.name,
    );
    if (!generator) throw new RangeError(`source: no dataset generator makes the schema '${source.name}'`);
    const idColumns = source.columns.filter((column) => column.role === 'id');
    return { features: featureColumns(source), idColumns, generator };
  }
  const document = source instanceof ModelPipeline ? source.document : source;
  const generator = Object.values(datasetGenerators).find(
    ({ schema }) =>
      schema.target === document.target &&
      document.features.every((spec) => schema.columns.some((column) => column.name === spec.name)),
  );
  if (!generator)
    throw new RangeError(
      `source: no generated dataset has the model's target '${document.target}' and features`,
    );
  return { features: document.features, idColumns: document.idColumns ?? [], generator };
}

export { FeaturesError, type FeaturesErrorCode } from './errors';
export { churnSchema, generateChurn } from './generators/churn';
export { type DatasetGenerator, datasetGenerators, getDatasetGenerator } from './generators/datasets';
export { readArrowFile } from './io/readArrowFile';
export { type ReadCsvOptions, readCsvFile } from './io/readCsvFile';
export { readDataset } from './io/readDataset';
export { writeArrowFile } from './io/writeArrowFile';
export { writeFileAtomic, writeJsonAtomic } from './io/writeFileAtomic';
export {
  type CategoricalStep,
  type DesignMatrix,
  type NumericStep,
  type PreprocessorOptions,
  type PreprocessorState,
  TabularPreprocessor,
} from './preprocessing/TabularPreprocessor';
export type {
  BaselineProfile,
  CategoricalProfile,
  ColumnProfile,
  NumericProfile,
} from './profile/BaselineProfile';
export {
  type ProfileOptions,
  profileColumn,
  profileQuantiles,
  profileTable,
  quantileSorted,
} from './profile/profileTable';
export { checkQuality, type QualityOptions } from './quality/checkQuality';
export { type PreparedDataset, prepareDataset } from './quality/prepareDataset';
export { formatQualityReport, type QualityIssue, type QualityReport } from './quality/QualityReport';
export { createRng, type Rng } from './random/createRng';
export {
  type ColumnRole,
  type ColumnSpec,
  type DatasetSchema,
  featureColumns,
  type Task,
} from './schema/DatasetSchema';
export { type InferSchemaOptions, inferSchema } from './schema/inferSchema';
export { type RandomSplitOptions, randomSplit, type SplitIndices } from './split/randomSplit';
export { fromArrowTable, toArrowTable } from './table/arrowTable';
export {
  type CategoricalColumn,
  type CellValue,
  type Column,
  categoricalColumn,
  DataTable,
  type NumericColumn,
  numericColumn,
} from './table/DataTable';

export { CodedError, type CodedErrorClass, type CodeOf, codedErrorClass } from './CodedError';
export { FeaturesError, type FeaturesErrorCode, featuresErrorCodes } from './errors';
export { churnSchema, generateChurn } from './generators/churn';
export { creditSchema, generateCredit } from './generators/credit';
export { type DatasetGenerator, datasetGenerators, getDatasetGenerator } from './generators/datasets';
export { fraudSchema, generateFraud } from './generators/fraud';
export { generateHousing, housingSchema } from './generators/housing';
export { generateSales, salesSchema } from './generators/sales';
export type { CsvEncoding } from './io/CsvTextDecoder';
export { readArrowFile } from './io/readArrowFile';
export { defaultNaValues, type ReadCsvOptions, readCsvFile } from './io/readCsvFile';
export { type ReadDatasetOptions, readDataset } from './io/readDataset';
export { readParquetFile } from './io/readParquetFile';
export { writeArrowFile } from './io/writeArrowFile';
export { type WriteCsvOptions, writeCsvFile } from './io/writeCsvFile';
export { type WriteDatasetOptions, writeDataset } from './io/writeDataset';
export { writeFileAtomic, writeJsonAtomic } from './io/writeFileAtomic';
export { type WriteParquetOptions, writeParquetFile } from './io/writeParquetFile';
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
  PredictionBaseline,
} from './profile/BaselineProfile';
export { type CategoryCounts, categoryCounts } from './profile/categoryCounts';
export { histogramBin } from './profile/histogramBin';
export {
  type ProfileOptions,
  profileColumn,
  profileQuantiles,
  profileTable,
  quantileSorted,
} from './profile/profileTable';
export {
  categoryLimit,
  DEFAULT_MAX_CATEGORIES,
  tooManyCategoriesMessage,
} from './quality/categoryLimit';
export { checkQuality } from './quality/checkQuality';
export { findDuplicateRows } from './quality/findDuplicateRows';
export {
  type CategoryNormalization,
  normalizeCategoricalColumn,
} from './quality/normalizeCategoricalColumn';
export { normalizeCategory } from './quality/normalizeCategory';
export { type PreparedDataset, prepareDataset } from './quality/prepareDataset';
export type { QualityOptions } from './quality/QualityOptions';
export {
  formatQualityReport,
  type QualityIssue,
  type QualityReport,
  type QualityRule,
} from './quality/QualityReport';
export { createRng, type Rng } from './random/createRng';
export {
  applyColumnRoles,
  type ColumnRoleOptions,
  checkRoleOptions,
  withTarget,
} from './schema/applyColumnRoles';
export {
  type ColumnRole,
  type ColumnSpec,
  columnsWithRole,
  type DatasetSchema,
  featureColumns,
  keyColumns,
  type Task,
} from './schema/DatasetSchema';
export { type InferredColumn, inferColumnRole } from './schema/inferColumnRole';
export { type InferSchemaOptions, inferSchema } from './schema/inferSchema';
export { isNumberText } from './schema/numberText';
export { parseTimestamp } from './schema/parseTimestamp';
export { profilePathFor, readSchemaFile, schemaPathFor, writeSchemaFile } from './schema/schemaFile';
export { timeColumnValues } from './schema/timeColumnValues';
export { type RandomSplitOptions, randomSplit, type SplitIndices } from './split/randomSplit';
export { type TemporalSplitOptions, temporalSplit } from './split/temporalSplit';
export { tableFromArrowBytes, tableToArrowBytes } from './table/arrowBytes';
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
export { aggregateDailySales, type DailySalesOptions } from './timeseries/aggregateDailySales';
export { dailySalesSchema } from './timeseries/dailySalesSchema';
export { OneHotEncoder, type OneHotEncoderState } from './transform/OneHotEncoder';
export { SimpleImputer, type SimpleImputerOptions, type SimpleImputerState } from './transform/SimpleImputer';
export {
  StandardScaler,
  type StandardScalerOptions,
  type StandardScalerState,
} from './transform/StandardScaler';
export type { TableTransformer, TransformerState } from './transform/TableTransformer';
export {
  type TabularPipelineOptions,
  TransformerPipeline,
  type TransformerPipelineState,
  transformerFromJSON,
} from './transform/TransformerPipeline';

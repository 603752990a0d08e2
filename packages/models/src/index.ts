export { ModelsError, type ModelsErrorCode } from './errors';
export type { Estimator, EstimatorState, EstimatorTask, TrainingData } from './estimators/Estimator';
export { type EstimatorEntry, estimatorCatalog, getEstimatorEntry } from './estimators/estimatorCatalog';
export { type LogisticParams, LogisticRegression } from './estimators/LogisticRegression';
export { type RidgeParams, RidgeRegression } from './estimators/RidgeRegression';
export { solveSymmetric } from './linear/solveSymmetric';
export { binaryBaselineMetrics, regressionBaselineMetrics } from './metrics/baselineMetrics';
export { type BinaryMetrics, binaryMetrics } from './metrics/binaryMetrics';
export { type RegressionMetrics, regressionMetrics } from './metrics/regressionMetrics';
export { type EncodedTarget, encodeTarget } from './pipeline/encodeTarget';
export { MODEL_FORMAT_VERSION, type ModelDocument } from './pipeline/ModelDocument';
export { ModelPipeline, type RowPrediction, type TablePredictions } from './pipeline/ModelPipeline';
export {
  type Metrics,
  type TrainModelOptions,
  type TrainModelResult,
  trainModel,
} from './pipeline/trainModel';

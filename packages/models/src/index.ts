export { ModelsError, type ModelsErrorCode, modelsErrorCodes } from './errors';
export {
  CartDecisionTree,
  type DecisionTreeParams,
  decisionTreeParams,
} from './estimators/CartDecisionTree';
// Every type of the estimator contract (Estimator, EstimatorShape, EstimatorState, EstimatorTask, FitHooks, TrainingData).
export type * from './estimators/Estimator';
export { type EstimatorEntry, estimatorCatalog, getEstimatorEntry } from './estimators/estimatorCatalog';
export {
  GradientBoosting,
  type GradientBoostingParams,
  gradientBoostingParams,
} from './estimators/GradientBoosting';
export type { FittedWithHeldOut, HeldOutScores } from './estimators/heldOut';
export { type LogisticParams, LogisticRegression } from './estimators/LogisticRegression';
export { RandomForest, type RandomForestParams, randomForestParams } from './estimators/RandomForest';
export { type RidgeParams, RidgeRegression } from './estimators/RidgeRegression';
export { type ParamSpec, readParams } from './estimators/readParams';
export { type SoftmaxParams, SoftmaxRegression } from './estimators/SoftmaxRegression';
export { addLinearTreeShap } from './explain/addLinearTreeShap';
export { addTreeShap } from './explain/addTreeShap';
export type { ExplainOptions, Explanation, ExplanationOutput } from './explain/Explanation';
export { expectedTreeValue } from './explain/expectedTreeValue';
export { explainEstimator } from './explain/explainEstimator';
export { gaussLegendreUnit, LinearTreeShapWorkspace } from './explain/LinearTreeShapWorkspace';
export { linearContributions } from './explain/linearContributions';
export { withRowCovers } from './explain/nodeCovers';
export { TreeEnsembleExplainer } from './explain/TreeEnsembleExplainer';
export { TreeShapWorkspace, treeDepth } from './explain/TreeShapWorkspace';
export { solveSymmetric } from './linear/solveSymmetric';
export {
  binaryBaselineMetrics,
  multiclassBaselineMetrics,
  regressionBaselineMetrics,
} from './metrics/baselineMetrics';
export { type BinaryMetrics, binaryMetrics } from './metrics/binaryMetrics';
export { type MulticlassMetrics, multiclassMetrics } from './metrics/multiclassMetrics';
export { numericMetrics } from './metrics/numericMetrics';
export { rankingMetrics } from './metrics/rankingMetrics';
export { type RegressionMetrics, regressionMetrics } from './metrics/regressionMetrics';
export {
  primaryMetric,
  type TaskMetricsOptions,
  taskBaselineMetrics,
  taskMetrics,
} from './metrics/taskMetrics';
export { type TunedThreshold, tuneThreshold } from './metrics/tuneThreshold';
export { type LbfgsOptions, type LbfgsResult, minimizeLbfgs } from './optim/minimizeLbfgs';
export { checkModelDocument } from './pipeline/checkModelDocument';
export { type EncodedTarget, encodeTarget } from './pipeline/encodeTarget';
export { evaluatePipeline } from './pipeline/evaluatePipeline';
export type {
  ExplainPipelineOptions,
  FieldExplanation,
} from './pipeline/FieldExplanation';
export { MODEL_FORMAT_VERSION, type ModelDocument, READABLE_FORMAT_VERSIONS } from './pipeline/ModelDocument';
export { ModelPipeline, type RowPrediction, type TablePredictions } from './pipeline/ModelPipeline';
export { MODEL_NUMBER_LIMIT } from './pipeline/modelFileChecks';
export { predictionProfile } from './pipeline/predictionProfile';
export {
  REFERENCE_PREDICTION_COLUMN,
  REFERENCE_PROBABILITY_COLUMN,
  type ReferenceSampleOptions,
  referenceSample,
} from './pipeline/referenceSample';
export {
  type Metrics,
  type TrainModelOptions,
  type TrainModelResult,
  trainModel,
} from './pipeline/trainModel';
export { FeatureBinner, type FeatureBinnerOptions, MISSING_BIN } from './trees/FeatureBinner';
export { FlatTree, type FlatTreeState } from './trees/FlatTree';
export { type PackedTreesState, packTrees } from './trees/packTrees';
export { TreeEnsemblePredictor } from './trees/TreeEnsemblePredictor';
export { type GrownTree, type GrowOptions, type GrowTargets, TreeGrower } from './trees/TreeGrower';
export { unpackTrees } from './trees/unpackTrees';
export {
  type FinishedTrial,
  MedianPruner,
  type MedianPrunerOptions,
  type OptimizeOptions,
  optimize,
  type Pruner,
  type StudyResult,
  Trial,
  TrialPruned,
} from './tuning/Study';
export {
  RandomSampler,
  type Sampler,
  type TpeOptions,
  TpeSampler,
  type TrialResult,
} from './tuning/samplers';
export type {
  CategoricalDistribution,
  Distribution,
  NumericDistribution,
  ParamValues,
  SearchSpace,
} from './tuning/searchSpace';

export { DriftError, type DriftErrorCode, driftErrorCodes } from './errors';
export { mergeWindowProfiles } from './profile/mergeWindowProfiles';
export {
  binnedWindow,
  numericWindow,
  type ProfileWindowOptions,
  profileWindow,
} from './profile/profileWindow';
export { QuantileSketch, type QuantileSketchState } from './profile/QuantileSketch';
export type {
  BinnedWindow,
  CategoricalWindow,
  ColumnWindow,
  NumericWindow,
  WindowProfile,
} from './profile/WindowProfile';
export { windowStatistics } from './profile/windowStatistics';
export {
  type BarChartOptions,
  barChart,
  type ChartSeries,
  escapeHtml,
  lineChart,
} from './render/svgCharts';
export { type AlertLevel, alertLevel } from './report/alertLevel';
export {
  type ColumnDrift,
  type DriftSummary,
  type SkippedColumn,
  summarizeDrift,
} from './report/DriftSummary';
export { type DriftReportOptions, driftReport } from './report/driftReport';
export {
  type ColumnKind,
  type ColumnTestOptions,
  chooseDefaultTest,
  counterpartTests,
  type DriftTest,
  type DriftTestOptions,
  defaultThresholds,
  driftTests,
  isDrift,
  pValueTests,
  type ResolvedTest,
  resolveColumnTest,
  type TestChoice,
  testForKind,
  testKinds,
} from './report/driftTests';
export { type ProfileDriftOptions, profileDrift } from './report/profileDrift';
export { binCounts } from './statistics/binCounts';
export { chiSquareSurvival } from './statistics/chiSquareSurvival';
export { type ChiSquareResult, chiSquareTest } from './statistics/chiSquareTest';
export { histogramWasserstein } from './statistics/histogramWasserstein';
export { type JensenShannonOptions, jensenShannonDistance } from './statistics/jensenShannonDistance';
export { kolmogorovSurvival } from './statistics/kolmogorovSurvival';
export { type KsOnBinsResult, ksOnBins } from './statistics/ksOnBins';
export {
  type KsMethod,
  type KsTwoSampleOptions,
  type KsTwoSampleResult,
  ksTwoSample,
} from './statistics/ksTwoSample';
export { meanZScore } from './statistics/meanZScore';
export { populationStabilityIndex } from './statistics/populationStabilityIndex';
export { sortedFinite } from './statistics/sortedFinite';
export { type WassersteinOptions, wassersteinDistance } from './statistics/wassersteinDistance';

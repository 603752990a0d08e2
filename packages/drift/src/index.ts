export { type AlertLevel, alertLevel } from './report/alertLevel';
export {
  type ColumnDrift,
  type DriftSummary,
  type ProfileDriftOptions,
  profileDrift,
} from './report/profileDrift';
export { binCounts } from './statistics/binCounts';
export { populationStabilityIndex } from './statistics/populationStabilityIndex';

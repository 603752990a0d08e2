export { defaultHome } from './defaultHome';
export { RegistryError, type RegistryErrorCode } from './errors';
export { openRegistry } from './openRegistry';
export {
  type PredictionLogStats,
  PredictionLogWriter,
  type PredictionLogWriterOptions,
} from './predictionLog/PredictionLogWriter';
export type { PredictionRecord } from './predictionLog/PredictionRecord';
export { PREDICTION_LOG_FORMAT_VERSION } from './predictionLog/PredictionRecord';
export {
  type PredictionLogContents,
  type ReadPredictionLogOptions,
  readPredictionLog,
} from './predictionLog/readPredictionLog';
export { FileSystemStore, type FileSystemStoreOptions } from './storage/FileSystemStore';
export type { RegistryStore } from './storage/RegistryStore';
export { type StoreLayout, storeLayout } from './storeLayout';
export type { AliasState, AuditEntry } from './versions/AliasState';
export { type AliasMoveOptions, ModelRegistry } from './versions/ModelRegistry';
export { defaultGate, evaluateGate, type GateRule, parseGate } from './versions/qualityGate';
export type { GateResult, NewVersion, VersionRecord, VersionRef } from './versions/VersionRecord';

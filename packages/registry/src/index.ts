export { defaultHome } from './defaultHome';
export { RegistryError, type RegistryErrorCode, registryErrorCodes } from './errors';
export { checkModelName, isModelName } from './names/modelName';
export { pathUnder } from './names/pathUnder';
export { openRegistry, openRunStore } from './openRegistry';
export type { ArtifactKey, ArtifactStore, PreparedArtifact } from './postgres/ArtifactStore';
export type { Database, Queryable, QueryResult } from './postgres/Database';
export { type DatabaseConfig, readDatabaseConfig, redactDatabaseUrl } from './postgres/databaseConfig';
export { checkSchema, type MigrateOptions, type MigrateResult, migrate } from './postgres/migrate';
export { type Migration, schemaVersion } from './postgres/migrations';
export { PGliteDatabase, type PGliteLike } from './postgres/PGliteDatabase';
export { PoolDatabase, type PoolDatabaseOptions } from './postgres/PoolDatabase';
export { PostgresArtifactStore } from './postgres/PostgresArtifactStore';
export {
  PostgresPredictionLogReader,
  type PostgresPredictionLogReaderOptions,
} from './postgres/PostgresPredictionLogReader';
export {
  PostgresPredictionLogWriter,
  type PostgresPredictionLogWriterOptions,
} from './postgres/PostgresPredictionLogWriter';
export { PostgresRegistryStore, type PostgresRegistryStoreOptions } from './postgres/PostgresRegistryStore';
export { PostgresRunStore } from './postgres/PostgresRunStore';
export {
  REGISTRY_CHANNEL,
  type RegistryChange,
  type RegistryWatcher,
  type WatchRegistryOptions,
  watchRegistry,
} from './postgres/watchRegistry';
export { hashSensitiveValue, isHashedValue } from './predictionLog/hashSensitiveValue';
export {
  type LogSegment,
  PredictionLogReader,
  type ReadSegmentOptions,
  type SegmentRead,
} from './predictionLog/PredictionLogReader';
export type { PredictionLogSink } from './predictionLog/PredictionLogSink';
export type {
  PredictionLogWindow,
  PredictionLogWindows,
  PruneResult,
  ReadWindowOptions,
  WindowRead,
} from './predictionLog/PredictionLogWindow';
export {
  type PredictionLogStats,
  PredictionLogWriter,
  type PredictionLogWriterOptions,
} from './predictionLog/PredictionLogWriter';
export type { PredictionRecord, PredictionRole } from './predictionLog/PredictionRecord';
export {
  PREDICTION_LOG_FORMAT_VERSION,
  predictionRole,
  predictionRoles,
} from './predictionLog/PredictionRecord';
export { predictionRecordProblem } from './predictionLog/predictionRecordProblem';
export {
  type PredictionLogContents,
  type ReadPredictionLogOptions,
  readPredictionLog,
  type SkippedLogLine,
} from './predictionLog/readPredictionLog';
export { refusedRecord } from './predictionLog/refusedRecord';
export { nodeSegmentFiles, type SegmentFile, type SegmentFiles } from './predictionLog/segmentFiles';
export { FileSystemRunStore } from './runs/FileSystemRunStore';
export type { NewRun, RunRecord, RunStatus } from './runs/RunRecord';
export type { RunEnd, RunQuery, RunStore } from './runs/RunStore';
export {
  compareRuns,
  matchesFilter,
  parseRunFilter,
  parseRunSort,
  type RunFilter,
  type RunSort,
  runField,
} from './runs/runQuery';
export { FileSystemStore, type FileSystemStoreOptions } from './storage/FileSystemStore';
export type { RegistryReader, RegistryStore, StateUpdate } from './storage/RegistryStore';
export { type StoreLayout, storeLayout } from './storeLayout';
export {
  connectDatabase,
  fileSystemStores,
  type OpenStoresOptions,
  openStores,
  type PredictionLogSinkOptions,
  type Stores,
} from './stores/openStores';
export { readSchemaStatus, type SchemaStatus } from './stores/schemaStatus';
export {
  CHALLENGER_ALIAS,
  type CurrentRoute,
  checkRoute,
  type RouteRequest,
  routeModes,
} from './versions/challengerRoute';
export {
  type AliasMoveOptions,
  type GateCandidate,
  ModelRegistry,
  type PromoteOptions,
} from './versions/ModelRegistry';
export type { AuditEntry, ChallengerRoute, ModelState } from './versions/ModelState';
export {
  defaultGate,
  describeCheck,
  evaluateGate,
  formatRule,
  type GateRule,
  parseGate,
} from './versions/promotionGate';
export type {
  GateCheck,
  GateResult,
  NewVersion,
  ProductionComparison,
  VersionRecord,
  VersionRef,
} from './versions/VersionRecord';

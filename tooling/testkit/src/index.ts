export {
  type CapturedStreams,
  type CliProcessOptions,
  type CliRun,
  captureCli,
  runCliProcess,
} from './cliRun';
export type { LoggedPrediction, PredictionSink } from './LoggedPrediction';
export { logTraffic, type TrafficOptions } from './logTraffic';
export type { InputSource } from './modelInputs';
export { type PostJsonOptions, postJson } from './postJson';
export type { SensitiveMode } from './redactSensitive';
export { registerTrained, type VersionRegistrar } from './registerTrained';
export { type RequestExampleOptions, requestExample } from './requestExample';
export { type ServerTestDatabase, serverTestDatabase, testServerUrl } from './serverTestDatabase';
export { type OpenStores, type ServerTestStores, serverTestStores } from './serverTestStores';
export { type TrainedVersion, type TrainedVersionOptions, trainedVersion } from './trainedVersion';

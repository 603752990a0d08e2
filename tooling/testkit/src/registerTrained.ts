import { type TrainedVersion, type TrainedVersionOptions, trainedVersion } from './trainedVersion';

/** What {@link registerTrained} needs of a registry: `@mlops/registry`'s `ModelRegistry` is one. */
export interface VersionRegistrar {
  registerVersion(name: string, version: TrainedVersion): Promise<{ version: number }>;
}

/**
 * Trains a version with {@link trainedVersion} and registers it under `name`, as the
 * trainer does (not promoted). Returns the new version's number.
 */
export async function registerTrained(
  registry: VersionRegistrar,
  name: string,
  options: TrainedVersionOptions = {},
): Promise<number> {
  const record = await registry.registerVersion(name, trainedVersion(options));
  return record.version;
}

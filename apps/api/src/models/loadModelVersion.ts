import type { BaselineProfile } from '@mlops/features';
import { type Metrics, ModelPipeline } from '@mlops/models';
import type { ModelRegistry } from '@mlops/registry';
import type { SensitiveFieldMode } from '../config';
import { isLibraryError } from '../http/libraryErrors';
import { exampleInstance } from '../predictions/exampleInstance';
import { type LoggedFields, loggedFields } from '../predictions/loggedFields';
import { type RequestFields, requestFields } from '../predictions/requestFields';
import { VersionCheckError } from './VersionCheckError';

/** A production model loaded in memory, as requests use it. */
export interface LoadedModel {
  name: string;
  version: number;
  pipeline: ModelPipeline;
  metrics: Metrics;
  loadedAt: string;
  /** The fields its requests may carry: features and id columns. */
  request: RequestFields;
  /** How its requests reach the prediction log, decided at load so the request path does no I/O. */
  log: LoggedFields;
}

/** Options of {@link ModelStore}: how sensitive fields are logged (`MLOPS_SENSITIVE_FIELDS`). */
export interface ModelStoreOptions {
  /** @default 'drop' */
  sensitiveFields?: SensitiveFieldMode;
  /** `MLOPS_HASH_SALT`; a version that would need it without it is not served. */
  hashSalt?: string;
}

/**
 * Reads one version from the registry and prepares everything its requests use:
 * the pipeline, the request fields (features and id columns), and how each field
 * reaches the prediction log (with `bin` mode's reference histograms from the
 * version's profile), so the request path does no I/O and no per-model work.
 * Throws what the registry or the model package threw for a damaged version, a
 * `VersionCheckError` when the loaded pipeline cannot predict on an example of its
 * own schema, and a `ServingError` when the version cannot be served as configured.
 */
export async function loadModelVersion(
  registry: ModelRegistry,
  name: string,
  version: number,
  options: ModelStoreOptions = {},
): Promise<LoadedModel> {
  const [document, record] = await Promise.all([
    registry.readModelDocument(name, version),
    registry.getVersion(name, version),
  ]);
  const pipeline = ModelPipeline.fromJSON(document);
  const request = requestFields(pipeline.features, document.idColumns);
  testPrediction(name, version, pipeline, request);
  const mode = options.sensitiveFields ?? 'drop';
  // Only bin mode needs the reference histograms, and only for sensitive numeric features.
  const profile: BaselineProfile | undefined =
    mode === 'bin' && request.features.some((spec) => spec.sensitive && spec.type === 'numeric')
      ? await registry.readProfile(name, version)
      : undefined;
  return {
    name,
    version,
    pipeline,
    metrics: record.metrics,
    loadedAt: new Date().toISOString(),
    request,
    log: loggedFields({ name, version }, request, { mode, salt: options.hashSalt, profile }),
  };
}

/**
 * Predicts once on an example of the version's own schema: a model file that parses
 * but is damaged inside (e.g. fewer weights than features) throws here, at load,
 * rather than on every request once it is served.
 */
function testPrediction(
  name: string,
  version: number,
  pipeline: ModelPipeline,
  request: RequestFields,
): void {
  const what = `version ${version} of '${name}' cannot predict on an example of its own schema`;
  let result: { prediction: number | string; probability?: number };
  try {
    result = pipeline.predictRecord(exampleInstance(request.features));
  } catch (error) {
    // Library messages say what is wrong; anything else stays in the log (the cause).
    const why = isLibraryError(error) ? error.message : 'an unexpected error, see the server log';
    throw new VersionCheckError(`${what} (${why}): the model file is damaged, register it again`, {
      cause: error,
    });
  }
  const { prediction, probability } = result;
  const answers =
    (typeof prediction === 'string' || Number.isFinite(prediction)) &&
    (probability === undefined || (Number.isFinite(probability) && probability >= 0 && probability <= 1));
  if (!answers)
    throw new VersionCheckError(
      `${what} (it answered ${JSON.stringify({ prediction, probability })}): the model file is damaged, register it again`,
    );
}

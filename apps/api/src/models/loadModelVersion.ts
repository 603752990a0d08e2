import type { BaselineProfile } from '@mlops/features';
import { type Metrics, ModelPipeline } from '@mlops/models';
import type { ModelRegistry } from '@mlops/registry';
import type { SensitiveFieldMode } from '../config';
import { type LoggedFields, loggedFields } from '../predictions/loggedFields';
import { type RequestFields, requestFields } from '../predictions/requestFields';

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
 * Throws a `ServingError` when the version cannot be served as configured.
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

import type { ModelRegistry } from '@mlops/registry';
import { MonitorError } from '../errors';
import type { GlobalImportance } from '../explain/GlobalImportance';
import { versionImportance } from '../explain/versionImportance';
import { versionChoices, versionOf } from './monitoring/uiQuery';
import { requireUiModel } from './uiModels';

/**
 * `GET /api/ui/models/:name/importance?version=N`: the version's global importance (mean
 * |contribution| per input field over its reference sample, most important first), computed
 * once per version and cached; a model that cannot be explained answers `available: false`
 * with the reason, not an error. `version=` is required and must be one of the model's (400).
 */
export async function uiImportance(
  registry: ModelRegistry,
  home: string,
  name: string,
  params: URLSearchParams,
): Promise<GlobalImportance> {
  await requireUiModel(registry, name);
  const choices = await versionChoices(registry, name);
  const version = versionOf(params, name, choices);
  if (version === null) {
    throw new MonitorError(
      'bad-query',
      `version= is missing: give one of ${choices.map((c) => c.version).join(', ') || 'none'} (global importance is per version)`,
      { parameter: 'version' },
    );
  }
  return versionImportance(registry, home, name, version);
}

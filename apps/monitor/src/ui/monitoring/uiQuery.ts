import type { ModelRegistry } from '@mlops/registry';
import { MonitorError } from '../../errors';
import { UI_TIME_RANGES, type UiTimeRange, type UiVersionChoice } from '../uiTypes';

/** Milliseconds of each time range; `all` has no bound. */
export const RANGE_MS: Record<UiTimeRange, number | null> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  all: null,
};

/** `range=` of a monitoring route: one of {@link UI_TIME_RANGES}, `24h` when absent; anything else is 400 naming it. */
export function rangeOf(params: URLSearchParams): UiTimeRange {
  const range = params.get('range');
  if (range === null || range === '') return '24h';
  if ((UI_TIME_RANGES as readonly string[]).includes(range)) return range as UiTimeRange;
  throw new MonitorError(
    'bad-query',
    `range=${range.slice(0, 40)} is not a time range: give one of ${UI_TIME_RANGES.join(', ')} (each ends at the newest logged prediction)`,
  );
}

/** The model's versions as the pickers list them, oldest first. */
export async function versionChoices(registry: ModelRegistry, name: string): Promise<UiVersionChoice[]> {
  const versions = await registry.listVersions(name);
  return versions.map((v) => ({
    version: v.version,
    production: v.aliases.includes('production'),
    archived: v.archived,
  }));
}

/** `version=` of a monitoring route: one of the model's versions, or null (every version) when absent. */
export function versionOf(
  params: URLSearchParams,
  name: string,
  choices: readonly UiVersionChoice[],
): number | null {
  const text = params.get('version');
  if (text === null || text === '' || text === 'all') return null;
  const version = Number(text);
  if (!choices.some((c) => c.version === version) || !/^\d+$/.test(text)) {
    throw new MonitorError(
      'bad-query',
      `version=${text.slice(0, 40)} is not a version of ${name}: give one of ${choices.map((c) => c.version).join(', ') || 'none'}, or leave it out for every version`,
    );
  }
  return version;
}

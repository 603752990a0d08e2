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

/** What a monitoring route's time parameters ask for: a preset range, or `from=`…`to=`. */
export type UiTimeQuery = { range: UiTimeRange } | { range: 'custom'; from: Date; to: Date };

/** An ISO 8601 time with its zone (`2026-01-02T10:00:00Z`, `…T10:00+01:00`): a time without one is ambiguous in a shared address. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The time parameters of a monitoring route: `range=` (one of {@link UI_TIME_RANGES},
 * `24h` when absent), or a custom `from=` and `to=` (both, ISO 8601 times with their zone,
 * from before to; both included). Anything else is 400 `bad-query` naming the parameter
 * (its `details` say which) and the fix.
 */
export function timeQueryOf(params: URLSearchParams): UiTimeQuery {
  const fromText = params.get('from') ?? '';
  const toText = params.get('to') ?? '';
  if (fromText === '' && toText === '') return { range: rangeOf(params) };
  const range = params.get('range');
  if (range !== null && range !== '') {
    throw badTime(
      'range',
      `range=${range.slice(0, 40)} and from=/to= both given: give either a range or a custom from= and to=, not both`,
    );
  }
  const from = isoTime('from', fromText);
  const to = isoTime('to', toText);
  if (from.getTime() >= to.getTime()) {
    throw badTime(
      'from',
      `from=${fromText.slice(0, 40)} is not before to=${toText.slice(0, 40)}: give a from earlier than to`,
    );
  }
  return { range: 'custom', from, to };
}

function isoTime(name: 'from' | 'to', text: string): Date {
  if (text === '') {
    throw badTime(
      name,
      `${name}= is missing: a custom range needs both from= and to= (ISO 8601 times with their zone, e.g. ${name}=2026-01-02T10:00:00Z)`,
    );
  }
  const time = new Date(text);
  if (!ISO_TIME.test(text) || Number.isNaN(time.getTime())) {
    throw badTime(
      name,
      `${name}=${text.slice(0, 40)} is not a time: give an ISO 8601 time with its zone, e.g. ${name}=2026-01-02T10:00:00Z`,
    );
  }
  return time;
}

function badTime(parameter: string, message: string): MonitorError {
  return new MonitorError('bad-query', message, { parameter });
}

/** `range=` of a monitoring route: one of {@link UI_TIME_RANGES}, `24h` when absent; anything else is 400 naming it. */
export function rangeOf(params: URLSearchParams): UiTimeRange {
  const range = params.get('range');
  if (range === null || range === '') return '24h';
  if ((UI_TIME_RANGES as readonly string[]).includes(range)) return range as UiTimeRange;
  throw new MonitorError(
    'bad-query',
    `range=${range.slice(0, 40)} is not a time range: give one of ${UI_TIME_RANGES.join(', ')} (each ends at the newest logged prediction), or a custom from= and to=`,
    { parameter: 'range' },
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

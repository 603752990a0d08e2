import type { Metrics } from './Metrics';

/**
 * The number-valued metrics of a result (runs, gates and comparisons keep
 * numbers; the confusion matrix stays with the version's full metrics).
 */
export function numericMetrics(metrics: Metrics): Record<string, number> {
  return Object.fromEntries(
    Object.entries(metrics).filter(([, value]) => typeof value === 'number'),
  ) as Record<string, number>;
}

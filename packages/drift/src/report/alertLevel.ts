/** What the product's users asked the monitor to say: keep going, look closer, or retrain. */
export type AlertLevel = 'stable' | 'watch' | 'retrain';

/**
 * The alert level of a drift check: no drifted feature → `stable`; one or two →
 * `watch`; three or more, or at least half of the features → `retrain`.
 */
export function alertLevel(driftedColumns: number, totalColumns: number): AlertLevel {
  if (driftedColumns === 0) return 'stable';
  if (driftedColumns >= 3 || (totalColumns > 0 && driftedColumns / totalColumns >= 0.5)) return 'retrain';
  return 'watch';
}

import { QuantileSketch } from './QuantileSketch';
import type { NumericWindow } from './WindowProfile';

/** Mean, sample standard deviation and quantiles of a numeric window, for reports. */
export function windowStatistics(
  window: NumericWindow,
  levels: readonly number[] = [0.05, 0.25, 0.5, 0.75, 0.95],
): { mean: number; std: number; quantiles: Record<string, number> } {
  const sketch = QuantileSketch.fromJSON(window.sketch);
  const quantiles: Record<string, number> = {};
  for (const level of levels) quantiles[String(level)] = sketch.quantile(level);
  return {
    mean: window.count ? window.sum / window.count : Number.NaN,
    std: window.count > 1 ? Math.sqrt(window.m2 / (window.count - 1)) : 0,
    quantiles,
  };
}

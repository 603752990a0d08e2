import type { ColumnSpec } from '@mlops/features';

/**
 * A request a model accepts by construction: every feature at the middle of its
 * range (rounded for whole-number features) or its first category. The OpenAPI
 * document shows it as the example, and loading a version predicts on it once, so a
 * version that cannot answer is never served.
 */
export function exampleInstance(features: readonly ColumnSpec[]): Record<string, number | string> {
  const example: Record<string, number | string> = {};
  for (const spec of features) {
    example[spec.name] = spec.type === 'numeric' ? exampleNumber(spec) : (spec.categories?.[0] ?? 'a');
  }
  return example;
}

function exampleNumber(spec: ColumnSpec): number {
  const low = spec.min ?? (spec.max !== undefined ? Math.min(0, spec.max) : 0);
  const high = spec.max ?? Math.max(low, 1);
  const middle = (low + high) / 2;
  return spec.integer ? Math.round(middle) : Math.round(middle * 100) / 100;
}

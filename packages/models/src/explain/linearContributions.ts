import type { Explanation, ExplanationOutput } from './Explanation';

/**
 * Exact Shapley values of a linear score `intercepts[k] + weights[k] · x` with independent
 * features: `weights[k][j] × (x_j − reference_j)`, the expected value being the score
 * at `reference`. `weights` is class-major (`outputs × width`).
 */
export function linearContributions(
  weights: Float64Array,
  intercepts: Float64Array,
  reference: Float64Array,
  x: Float64Array,
  rows: number,
  outputKind: ExplanationOutput,
): Explanation {
  const outputs = intercepts.length;
  const width = reference.length;
  const expectedValue = Float64Array.from(intercepts);
  for (let k = 0; k < outputs; k += 1)
    for (let j = 0; j < width; j += 1) expectedValue[k] += weights[k * width + j] * reference[j];
  const contributions = new Float64Array(rows * outputs * width);
  for (let row = 0; row < rows; row += 1)
    for (let k = 0; k < outputs; k += 1) {
      const base = (row * outputs + k) * width;
      for (let j = 0; j < width; j += 1)
        contributions[base + j] = weights[k * width + j] * (x[row * width + j] - reference[j]);
    }
  return { rows, width, outputs, contributions, expectedValue, outputKind };
}

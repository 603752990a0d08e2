import { DriftError } from '../errors';

/**
 * First Wasserstein distance between two histograms on the same edges, each
 * read as uniform within its bins (so each CDF is piecewise linear):
 * ∫|F₁ − F₂| dx, integrated exactly bin by bin. What a stored profile allows
 * in place of the raw-sample distance; it equals it when values are spread
 * evenly inside each bin and differs by at most one bin width otherwise.
 */
export function histogramWasserstein(
  edges: ArrayLike<number>,
  first: ArrayLike<number>,
  second: ArrayLike<number>,
): number {
  const bins = edges.length - 1;
  if (first.length !== bins || second.length !== bins) {
    throw new DriftError(
      'bad-argument',
      `histogramWasserstein needs ${bins} counts per histogram for ${edges.length} edges`,
    );
  }
  let total1 = 0;
  let total2 = 0;
  for (let i = 0; i < bins; i += 1) {
    total1 += first[i];
    total2 += second[i];
  }
  if (total1 === 0 || total2 === 0)
    throw new DriftError('empty-sample', 'histogramWasserstein needs counts on both sides');
  let f1 = 0;
  let f2 = 0;
  let distance = 0;
  for (let i = 0; i < bins; i += 1) {
    const width = edges[i + 1] - edges[i];
    const d0 = f1 - f2;
    f1 += first[i] / total1;
    f2 += second[i] / total2;
    const d1 = f1 - f2;
    if (width <= 0) continue;
    // |d| is linear across the bin unless the difference changes sign inside it.
    if (d0 * d1 >= 0) distance += ((Math.abs(d0) + Math.abs(d1)) / 2) * width;
    else distance += ((d0 * d0 + d1 * d1) / (2 * (Math.abs(d0) + Math.abs(d1)))) * width;
  }
  return distance;
}

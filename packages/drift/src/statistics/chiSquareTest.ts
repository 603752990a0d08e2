import { DriftError } from '../errors';
import { chiSquareSurvival } from './chiSquareSurvival';

/** Result of {@link chiSquareTest}. */
export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  /** Degrees of freedom: categories − 1. */
  dof: number;
}

/**
 * Chi-square goodness-of-fit test of current category counts against the
 * reference's, the way Evidently's `chisquare` drift test does it:
 * expected = reference counts scaled to the current total, then
 * `scipy.stats.chisquare(observed, expected)` (statistic Σ(o−e)²/e, k − 1
 * degrees of freedom). Both arrays index the same categories (the union of
 * both samples). A category the reference never had makes the statistic
 * infinite and the p-value 0, as in SciPy.
 */
export function chiSquareTest(observed: ArrayLike<number>, reference: ArrayLike<number>): ChiSquareResult {
  if (observed.length !== reference.length) {
    throw new DriftError(
      'bad-argument',
      `chiSquareTest needs the same categories on both sides (${observed.length} ≠ ${reference.length})`,
    );
  }
  let observedTotal = 0;
  let referenceTotal = 0;
  for (let i = 0; i < observed.length; i += 1) {
    observedTotal += observed[i];
    referenceTotal += reference[i];
  }
  if (observedTotal === 0 || referenceTotal === 0) {
    throw new DriftError('empty-sample', 'chiSquareTest needs counts on both sides (a total is 0)');
  }
  const scale = observedTotal / referenceTotal;
  let statistic = 0;
  for (let i = 0; i < observed.length; i += 1) {
    const expected = reference[i] * scale;
    const diff = observed[i] - expected;
    statistic += expected === 0 ? (diff === 0 ? 0 : Number.POSITIVE_INFINITY) : (diff * diff) / expected;
  }
  const dof = observed.length - 1;
  if (dof < 1) return { statistic, pValue: 1, dof };
  return { statistic, pValue: chiSquareSurvival(statistic, dof), dof };
}

/** A numeric range to search; `log` searches orders of magnitude evenly (e.g. a learning rate). */
export interface NumericDistribution {
  type: 'float' | 'int';
  low: number;
  high: number;
  /** @default false */
  log?: boolean;
}

/** A choice among values. */
export interface CategoricalDistribution {
  type: 'categorical';
  choices: Array<number | string>;
}

export type Distribution = NumericDistribution | CategoricalDistribution;

/** The hyperparameters to search, by name. */
export type SearchSpace = Record<string, Distribution>;

/** A point of a search space. */
export type ParamValues = Record<string, number | string>;

/** Maps a numeric value into the space the sampler works in (log for log ranges). */
export function toInternal(distribution: NumericDistribution, value: number): number {
  return distribution.log ? Math.log(value) : value;
}

/** The sampler's working bounds of a numeric range (ints widened by half a step so each is equally likely). */
export function internalBounds(distribution: NumericDistribution): { low: number; high: number } {
  const pad = distribution.type === 'int' && !distribution.log ? 0.5 : 0;
  const low = distribution.log ? Math.log(distribution.low) : distribution.low - pad;
  const high = distribution.log ? Math.log(distribution.high) : distribution.high + pad;
  return { low, high };
}

/** Maps a working-space value back to a valid parameter value (clamped, rounded for ints). */
export function fromInternal(distribution: NumericDistribution, value: number): number {
  let x = distribution.log ? Math.exp(value) : value;
  if (distribution.type === 'int') x = Math.round(x);
  return Math.min(distribution.high, Math.max(distribution.low, x));
}

/** Checks a search space, with an error naming the parameter and the fix. */
export function checkSearchSpace(space: SearchSpace): void {
  for (const [name, d] of Object.entries(space)) {
    if (d.type === 'categorical') {
      if (!Array.isArray(d.choices) || d.choices.length === 0)
        throw new RangeError(`search space '${name}' has no choices`);
      continue;
    }
    if (!(d.low < d.high))
      throw new RangeError(`search space '${name}' needs low < high, got [${d.low}, ${d.high}]`);
    if (d.log && d.low <= 0) throw new RangeError(`search space '${name}' is log-scaled, so low must be > 0`);
  }
}

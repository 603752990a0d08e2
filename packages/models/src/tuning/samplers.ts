import { createRng, type Rng } from '@mlops/features';
import { ParzenEstimator } from './parzenEstimator';
import {
  type CategoricalDistribution,
  fromInternal,
  internalBounds,
  type ParamValues,
  type SearchSpace,
  toInternal,
} from './searchSpace';

/** A finished trial as samplers see it. */
export interface TrialResult {
  params: ParamValues;
  /** The objective; higher is better when the study maximises. */
  value: number;
}

/** Proposes the next trial's parameters from the finished ones. */
export interface Sampler {
  suggest(space: SearchSpace, history: readonly TrialResult[], maximize: boolean): ParamValues;
}

/** Uniform random search (log-uniform for log ranges), seeded. */
export class RandomSampler implements Sampler {
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = createRng(seed);
  }

  suggest(space: SearchSpace): ParamValues {
    const params: ParamValues = {};
    for (const [name, d] of Object.entries(space)) {
      if (d.type === 'categorical') params[name] = this.rng.pick(d.choices);
      else {
        const { low, high } = internalBounds(d);
        params[name] = fromInternal(d, low + (high - low) * this.rng.next());
      }
    }
    return params;
  }
}

/** Options of {@link TpeSampler}; defaults are Optuna's. */
export interface TpeOptions {
  seed: number;
  /** Random trials before the model kicks in. @default 10 */
  startupTrials?: number;
  /** Candidates drawn from the good density per parameter. @default 24 */
  candidates?: number;
}

/**
 * Tree-structured Parzen Estimator, the sampler Optuna uses by default: after some
 * random start-up trials, split the finished trials into the best γ share ("good",
 * γ(n) = min(⌈0.1 n⌉, 25) trials) and the rest, fit a Parzen density to each per
 * parameter, draw candidates from the good density and keep the one with the
 * highest ratio good/bad.
 */
export class TpeSampler implements Sampler {
  private readonly rng: Rng;
  private readonly random: RandomSampler;

  constructor(private readonly options: TpeOptions) {
    this.rng = createRng(options.seed);
    this.random = new RandomSampler(options.seed + 1);
  }

  suggest(space: SearchSpace, history: readonly TrialResult[], maximize: boolean): ParamValues {
    if (history.length < (this.options.startupTrials ?? 10)) return this.random.suggest(space);
    const sorted = [...history].sort((a, b) => (maximize ? b.value - a.value : a.value - b.value));
    const goodCount = Math.min(Math.ceil(0.1 * sorted.length), 25);
    const good = sorted.slice(0, goodCount);
    const bad = sorted.slice(goodCount);
    const params: ParamValues = {};
    for (const [name, d] of Object.entries(space)) {
      params[name] =
        d.type === 'categorical'
          ? this.suggestCategorical(
              d,
              good.map((t) => t.params[name]),
              bad.map((t) => t.params[name]),
            )
          : this.suggestNumeric(name, space, good, bad);
    }
    return params;
  }

  private suggestNumeric(
    name: string,
    space: SearchSpace,
    good: readonly TrialResult[],
    bad: readonly TrialResult[],
  ) {
    const d = space[name];
    if (d.type === 'categorical') throw new Error('unreachable');
    const { low, high } = internalBounds(d);
    const values = (trials: readonly TrialResult[]) =>
      trials.map((t) => toInternal(d, Number(t.params[name])));
    const l = new ParzenEstimator(values(good), low, high);
    const g = new ParzenEstimator(values(bad), low, high);
    let best = l.sample(this.rng);
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < (this.options.candidates ?? 24); i += 1) {
      const x = i === 0 ? best : l.sample(this.rng);
      const score = l.logPdf(x) - g.logPdf(x);
      if (score > bestScore) {
        bestScore = score;
        best = x;
      }
    }
    return fromInternal(d, best);
  }

  private suggestCategorical(d: CategoricalDistribution, good: unknown[], bad: unknown[]): number | string {
    // Counts plus a prior of one observation spread evenly over the choices.
    const density = (seen: unknown[]) =>
      d.choices.map((c) => (seen.filter((v) => v === c).length + 1 / d.choices.length) / (seen.length + 1));
    const l = density(good);
    const g = density(bad);
    let best = d.choices[this.rng.weighted(l)];
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < (this.options.candidates ?? 24); i += 1) {
      const k = this.rng.weighted(l);
      const score = Math.log(l[k]) - Math.log(g[k]);
      if (score > bestScore) {
        bestScore = score;
        best = d.choices[k];
      }
    }
    return best;
  }
}

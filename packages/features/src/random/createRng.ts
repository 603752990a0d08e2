import { FeaturesError } from '../errors';

/** A seeded source of random numbers; the same seed always gives the same sequence. */
export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
  /** Uniform integer on [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** One element of `items`, each equally likely. */
  pick<T>(items: readonly T[]): T;
  /** Index drawn with the given (unnormalised) weights. */
  weighted(weights: readonly number[]): number;
  /** Poisson-distributed count with mean `lambda` (Knuth's method; fine for small means). */
  poisson(lambda: number): number;
  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T;
}

/**
 * Creates a seeded generator: sfc32 seeded through splitmix32. Small, fast, and with
 * far better statistics than a linear congruential generator; not for cryptography.
 */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed))
    throw new FeaturesError('bad-argument', `seed must be an integer, got ${seed}`);
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  // The state (a, b, c, d) in a typed array: a uint32 above 2³¹ kept in a closure variable is
  // a heap-allocated number in V8, so each draw would allocate; a Uint32Array store wraps
  // to 32 bits as `>>> 0` does, so the sequence is the same.
  const state = Uint32Array.of(splitmix(), splitmix(), splitmix(), splitmix());
  const next = (): number => {
    const a = state[0];
    const b = state[1];
    const c = state[2];
    const d = state[3];
    const t = (((a + b) >>> 0) + d) >>> 0;
    state[3] = d + 1;
    state[0] = b ^ (b >>> 9);
    state[1] = c + (c << 3);
    state[2] = ((c << 21) | (c >>> 11)) + t;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i += 1) next();
  let spareNormal: number | undefined;

  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      if (spareNormal !== undefined) {
        const value = spareNormal;
        spareNormal = undefined;
        return value;
      }
      let u = 0;
      while (u === 0) u = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      const angle = 2 * Math.PI * next();
      spareNormal = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (weights) => {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < weights.length; i += 1) {
        r -= weights[i];
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
    poisson: (lambda) => {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k += 1;
        p *= next();
      }
      return k;
    },
    shuffle: (array) => {
      for (let i = array.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        const tmp = array[i];
        array[i] = array[j];
        array[j] = tmp;
      }
      return array;
    },
  };
  return rng;
}

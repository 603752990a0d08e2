import { DriftError } from '../errors';

/** The JSON form of a {@link QuantileSketch}, stored inside window profiles. */
export interface QuantileSketchState {
  k: number;
  n: number;
  min: number;
  max: number;
  /** Items per level; an item at level h stands for 2^h values. */
  levels: number[][];
  /** State of the coin that picks which half a compaction keeps. */
  coin: number;
}

/**
 * A mergeable quantile sketch (KLL: Karnin, Lang & Liberty 2016, in the
 * simple form of Liberty's reference code): levels of sorted buffers, where a
 * full level keeps every other item (odd or even, by a coin) and promotes it
 * to the next level with twice the weight. With k = 200 the rank error is
 * about 1 %; memory is O(k) whatever the number of values, and two sketches
 * merge into the sketch of the concatenation. The coin is seeded, so the same
 * inputs in the same order always give the same sketch.
 */
export class QuantileSketch {
  private levels: Float64Array[] = [];
  private sizes: number[] = [];
  private n = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  private coin: number;

  /** @param k accuracy parameter (items kept at the top level). @default 200 */
  constructor(
    readonly k = 200,
    seed = 0x9e3779b9,
  ) {
    if (!Number.isInteger(k) || k < 8)
      throw new DriftError('bad-argument', `sketch k must be an integer ≥ 8, got ${k}`);
    this.coin = seed >>> 0 || 1;
    this.grow();
  }

  /** Values seen (NaN is not counted). */
  get count(): number {
    return this.n;
  }

  /** Adds one value; NaN is ignored. */
  update(value: number): void {
    if (Number.isNaN(value)) return;
    this.n += 1;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.push(0, value);
    if (this.sizes[0] >= this.capacity(0)) this.compress();
  }

  /** Adds every value of an array. */
  updateAll(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i += 1) this.update(values[i]);
  }

  /** Folds another sketch (same k) into this one. */
  merge(other: QuantileSketch): void {
    if (other.k !== this.k) {
      throw new DriftError('incompatible-profiles', `cannot merge sketches with k ${this.k} and ${other.k}`);
    }
    while (this.levels.length < other.levels.length) this.grow();
    for (let h = 0; h < other.levels.length; h += 1) {
      for (let i = 0; i < other.sizes[h]; i += 1) this.push(h, other.levels[h][i]);
    }
    this.n += other.n;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    this.compress();
  }

  /** The value at quantile `level` (0…1) by weighted rank; NaN when empty. The ends are exact. */
  quantile(level: number): number {
    if (this.n === 0) return Number.NaN;
    if (level <= 0) return this.min;
    if (level >= 1) return this.max;
    const items: { value: number; weight: number }[] = [];
    let total = 0;
    for (let h = 0; h < this.levels.length; h += 1) {
      for (let i = 0; i < this.sizes[h]; i += 1) items.push({ value: this.levels[h][i], weight: 2 ** h });
      total += this.sizes[h] * 2 ** h;
    }
    items.sort((a, b) => a.value - b.value);
    const target = level * total;
    let cumulative = 0;
    for (const item of items) {
      cumulative += item.weight;
      if (cumulative >= target) return item.value;
    }
    return this.max;
  }

  toJSON(): QuantileSketchState {
    return {
      k: this.k,
      n: this.n,
      min: this.min,
      max: this.max,
      levels: this.levels.map((level, h) => Array.from(level.subarray(0, this.sizes[h]))),
      coin: this.coin,
    };
  }

  /** Rebuilds a sketch from its JSON form. */
  static fromJSON(state: QuantileSketchState): QuantileSketch {
    const sketch = new QuantileSketch(state.k, state.coin);
    while (sketch.levels.length < state.levels.length) sketch.grow();
    state.levels.forEach((level, h) => {
      for (const value of level) sketch.push(h, value);
    });
    sketch.n = state.n;
    sketch.min = state.min ?? Number.POSITIVE_INFINITY;
    sketch.max = state.max ?? Number.NEGATIVE_INFINITY;
    return sketch;
  }

  private capacity(height: number): number {
    const depth = this.levels.length - height - 1;
    return Math.ceil((2 / 3) ** depth * this.k) + 1;
  }

  private grow(): void {
    this.levels.push(new Float64Array(this.k + 2));
    this.sizes.push(0);
  }

  private push(height: number, value: number): void {
    let level = this.levels[height];
    if (this.sizes[height] === level.length) {
      const bigger = new Float64Array(level.length * 2);
      bigger.set(level);
      this.levels[height] = bigger;
      level = bigger;
    }
    level[this.sizes[height]] = value;
    this.sizes[height] += 1;
  }

  private compress(): void {
    // One pass halves each full level; after a merge a level may need more than one.
    while (this.sizes.some((size, h) => size >= this.capacity(h))) this.compressOnce();
  }

  private compressOnce(): void {
    for (let h = 0; h < this.levels.length; h += 1) {
      if (this.sizes[h] < this.capacity(h)) continue;
      if (h + 1 >= this.levels.length) this.grow();
      const size = this.sizes[h];
      const sorted = this.levels[h].subarray(0, size).sort();
      // An odd item out stays at this level so no weight is lost.
      const even = size % 2 === 0;
      const held = even ? Number.NaN : sorted[size - 1];
      const usable = even ? size : size - 1;
      const offset = this.flip();
      for (let i = offset; i < usable; i += 2) this.push(h + 1, sorted[i]);
      this.sizes[h] = 0;
      if (!even) this.push(h, held);
    }
  }

  private flip(): number {
    // xorshift32: deterministic, cheap, good enough for a fair coin.
    let x = this.coin;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.coin = x >>> 0;
    return this.coin & 1;
  }
}

import type { HeldOutScores } from './heldOut';

/**
 * Accumulates a forest's out-of-bag predictions while it is fitted: each tree scores
 * the rows its bootstrap sample left out (weight 0, summed per chunk of trees), and a row's out-of-bag score is the
 * mean over those trees, as scikit-learn's `oob_decision_function_`.
 */
export class OutOfBagScores {
  private readonly sums: Float64Array;
  private readonly counts: Uint32Array;

  constructor(
    rows: number,
    private readonly channels: number,
  ) {
    this.sums = new Float64Array(rows * channels);
    this.counts = new Uint32Array(rows);
  }

  /** Adds one chunk's sums and counts (see `forestChunks`); chunks come in tree order. */
  addChunk(sums: Float64Array, counts: Uint32Array): void {
    for (let i = 0; i < sums.length; i += 1) this.sums[i] += sums[i];
    for (let row = 0; row < counts.length; row += 1) this.counts[row] += counts[row];
  }

  /** The scores of the rows some tree left out, with the forest's `offset` added. */
  result(offset: Float64Array): HeldOutScores {
    const { channels, sums, counts } = this;
    const rows: number[] = [];
    for (let row = 0; row < counts.length; row += 1) if (counts[row] > 0) rows.push(row);
    const scores = new Float64Array(rows.length * channels);
    rows.forEach((row, i) => {
      for (let c = 0; c < channels; c += 1)
        scores[i * channels + c] = offset[c] + sums[row * channels + c] / counts[row];
    });
    return { source: 'out-of-bag', rows: Int32Array.from(rows), scores };
  }
}

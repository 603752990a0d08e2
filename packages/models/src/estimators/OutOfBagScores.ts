import type { FlatTree } from '../trees/FlatTree';
import type { TrainingData } from './Estimator';
import type { HeldOutScores } from './heldOut';

/**
 * Accumulates a forest's out-of-bag predictions while it is fitted: each tree scores
 * the rows its bootstrap sample left out (weight 0), and a row's out-of-bag score is the
 * mean over those trees, as scikit-learn's `oob_decision_function_`.
 */
export class OutOfBagScores {
  private readonly sums: Float64Array;
  private readonly counts: Uint32Array;

  constructor(
    private readonly data: TrainingData,
    private readonly channels: number,
  ) {
    this.sums = new Float64Array(data.rows * channels);
    this.counts = new Uint32Array(data.rows);
  }

  /** Adds `tree`'s outputs for the rows whose bootstrap `weights` are 0. */
  add(tree: FlatTree, weights: Float64Array): void {
    const { data, channels, sums, counts } = this;
    for (let row = 0; row < data.rows; row += 1) {
      if (weights[row] !== 0) continue;
      const leaf = tree.leafOf(data.x, row, data.width);
      for (let c = 0; c < channels; c += 1) sums[row * channels + c] += tree.value[leaf * channels + c];
      counts[row] += 1;
    }
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

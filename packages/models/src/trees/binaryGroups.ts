import { BINS } from './FeatureBinner';

/**
 * Up to 8 features whose bins are all 0 or 1 (one-hot columns, flags), which the dense
 * histogram build reads as one byte: bit k is the bin of `features[k]`.
 */
export interface BinaryGroup {
  readonly features: Int32Array;
  /** The codes some training row has, ascending. */
  present: Int32Array;
  /** Where the group's 256-bin histogram of codes starts in a dense histogram (element index). */
  codesAt: number;
}

/**
 * The features of `binned` (column-major) whose every bin is 0 or 1 (no missing values),
 * in near-equal groups of at most 8, when there are at least two of them (a group of one
 * saves nothing).
 */
export function binaryGroups(binned: Uint8Array, rows: number, width: number): BinaryGroup[] {
  const binary: number[] = [];
  for (let feature = 0; feature < width; feature += 1) {
    let bits = 0;
    for (let i = feature * rows, end = i + rows; i < end && bits <= 1; i += 1) bits |= binned[i];
    if (bits <= 1) binary.push(feature);
  }
  if (binary.length < 2) return [];
  const count = Math.ceil(binary.length / 8);
  return Array.from({ length: count }, (_, k) => ({
    features: Int32Array.from(
      binary.slice(Math.floor((k * binary.length) / count), Math.floor(((k + 1) * binary.length) / count)),
    ),
    present: new Int32Array(0),
    codesAt: 0,
  }));
}

/**
 * Writes the dense build's bytes (`single.length + groups.length` per row, row-major: the
 * bins of the features in `single`, then each group's code) into `into`, and sets each
 * group's present codes.
 */
export function packDenseBins(
  binned: Uint8Array,
  rows: number,
  single: readonly number[],
  groups: BinaryGroup[],
  into: Uint8Array,
): void {
  const width = single.length + groups.length;
  for (let j = 0; j < single.length; j += 1) {
    const column = single[j] * rows;
    for (let row = 0; row < rows; row += 1) into[row * width + j] = binned[column + row];
  }
  groups.forEach((group, k) => {
    const { features } = group;
    const seen = new Uint8Array(BINS);
    const at = single.length + k;
    for (let row = 0; row < rows; row += 1) {
      let code = 0;
      for (let bit = 0; bit < features.length; bit += 1) code |= binned[features[bit] * rows + row] << bit;
      into[row * width + at] = code;
      seen[code] = 1;
    }
    group.present = Int32Array.from(Array.from(seen.keys()).filter((code) => seen[code] === 1));
  });
}

/**
 * Adds each group's code histogram into its features' bins 0 and 1 (a code's sums go to
 * bin `(code >> k) & 1` of the group's k-th feature), codes in ascending order. One
 * channel: 3 numbers per bin.
 */
export function spreadCodes(hist: Float64Array, groups: readonly BinaryGroup[], histAt: Int32Array): void {
  for (const { features, present, codesAt } of groups) {
    for (let c = 0; c < present.length; c += 1) {
      const code = present[c];
      const at = codesAt + code * 3;
      const g = hist[at];
      const h = hist[at + 1];
      const n = hist[at + 2];
      for (let bit = 0; bit < features.length; bit += 1) {
        const slot = histAt[features[bit]] + ((code >> bit) & 1) * 3;
        hist[slot] += g;
        hist[slot + 1] += h;
        hist[slot + 2] += n;
      }
    }
  }
}

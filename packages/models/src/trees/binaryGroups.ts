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
    if (binsBelowTwo(binned.subarray(feature * rows, (feature + 1) * rows))) binary.push(feature);
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

/** Whether every bin of the column is 0 or 1 (its own function: V8 optimises the loop once). */
function binsBelowTwo(column: Uint8Array): boolean {
  let bits = 0;
  for (let i = 0; i < column.length && bits <= 1; i += 1) bits |= column[i];
  return bits <= 1;
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
  // The loops over rows are functions of their own, so V8 optimises each once (BENCHMARKS.md, 2026-12-07).
  for (let j = 0; j < single.length; j += 1)
    copyColumn(binned.subarray(single[j] * rows), rows, into, width, j);
  groups.forEach((group, k) => {
    const seen = new Uint8Array(BINS);
    writeCodes(binned, rows, group.features, into, width, single.length + k, seen);
    group.present = Int32Array.from(Array.from(seen.keys()).filter((code) => seen[code] === 1));
  });
}

/** Writes `rows` bins of one column into position `at` of each `width`-byte row of `into`. */
function copyColumn(column: Uint8Array, rows: number, into: Uint8Array, width: number, at: number): void {
  for (let row = 0; row < rows; row += 1) into[row * width + at] = column[row];
}

/** Writes each row's code (bit k: the bin of the group's k-th feature) at position `at`, marking the codes seen. */
function writeCodes(
  binned: Uint8Array,
  rows: number,
  features: Int32Array,
  into: Uint8Array,
  width: number,
  at: number,
  seen: Uint8Array,
): void {
  for (let row = 0; row < rows; row += 1) {
    let code = 0;
    for (let bit = 0; bit < features.length; bit += 1) code |= binned[features[bit] * rows + row] << bit;
    into[row * width + at] = code;
    seen[code] = 1;
  }
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

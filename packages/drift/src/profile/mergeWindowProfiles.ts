import { DriftError } from '../errors';
import { QuantileSketch } from './QuantileSketch';
import type { ColumnWindow, NumericWindow, WindowProfile } from './WindowProfile';

/**
 * Merges window profiles (e.g. 24 hourly windows into a day) into the profile
 * of their concatenation: counts, sums, histograms and category counts add
 * up exactly; squared deviations combine by Chan's formula; sketches merge.
 * A column present in only some windows keeps what those windows saw.
 * Throws `incompatible-profiles` when a column's bin edges differ.
 */
export function mergeWindowProfiles(windows: readonly WindowProfile[]): WindowProfile {
  const columns: Record<string, ColumnWindow> = {};
  let rows = 0;
  let start: string | undefined;
  let end: string | undefined;
  for (const window of windows) {
    rows += window.rows;
    if (window.start && (!start || window.start < start)) start = window.start;
    if (window.end && (!end || window.end > end)) end = window.end;
    for (const [name, column] of Object.entries(window.columns)) {
      const seen = columns[name];
      columns[name] = seen ? mergeColumn(name, seen, column) : structuredClone(column);
    }
  }
  const merged: WindowProfile = { formatVersion: 1, rows, columns };
  if (start) merged.start = start;
  if (end) merged.end = end;
  return merged;
}

function mergeColumn(name: string, a: ColumnWindow, b: ColumnWindow): ColumnWindow {
  if (a.kind === 'categorical' && b.kind === 'categorical') {
    const counts = { ...a.counts };
    for (const [category, count] of Object.entries(b.counts))
      counts[category] = (counts[category] ?? 0) + count;
    return { kind: 'categorical', count: a.count + b.count, missing: a.missing + b.missing, counts };
  }
  if (a.kind === 'numeric' && b.kind === 'numeric') return mergeNumeric(name, a, b);
  if (a.kind === 'binned' && b.kind === 'binned') {
    if (a.counts.length !== b.counts.length) {
      throw new DriftError(
        'incompatible-profiles',
        `column '${name}' was binned on ${a.counts.length} bins in one window and ${b.counts.length} in another: profile both against the same reference`,
      );
    }
    return {
      kind: 'binned',
      count: a.count + b.count,
      missing: a.missing + b.missing,
      invalid: a.invalid + b.invalid,
      counts: a.counts.map((c, i) => c + b.counts[i]),
    };
  }
  throw new DriftError(
    'incompatible-profiles',
    `column '${name}' is ${a.kind} in one window and ${b.kind} in another`,
  );
}

function mergeNumeric(name: string, a: NumericWindow, b: NumericWindow): NumericWindow {
  if (a.edges.length !== b.edges.length || a.edges.some((edge, i) => edge !== b.edges[i])) {
    throw new DriftError(
      'incompatible-profiles',
      `column '${name}' was binned on different edges: profile both windows against the same reference`,
    );
  }
  const count = a.count + b.count;
  const meanA = a.count ? a.sum / a.count : 0;
  const meanB = b.count ? b.sum / b.count : 0;
  const delta = meanB - meanA;
  const m2 = count ? a.m2 + b.m2 + (delta * delta * a.count * b.count) / count : 0;
  const sketch = QuantileSketch.fromJSON(a.sketch);
  sketch.merge(QuantileSketch.fromJSON(b.sketch));
  return {
    kind: 'numeric',
    count,
    missing: a.missing + b.missing,
    sum: a.sum + b.sum,
    m2,
    min: minOf(a.min, b.min),
    max: maxOf(a.max, b.max),
    edges: a.edges,
    counts: a.counts.map((c, i) => c + b.counts[i]),
    below: a.below + b.below,
    above: a.above + b.above,
    sketch: sketch.toJSON(),
  };
}

// An empty window's min/max is NaN in memory and null after a JSON round trip.
const absent = (x: number | null) => x === null || Number.isNaN(x);
const minOf = (x: number, y: number) => (absent(x) ? y : absent(y) ? x : Math.min(x, y));
const maxOf = (x: number, y: number) => (absent(x) ? y : absent(y) ? x : Math.max(x, y));

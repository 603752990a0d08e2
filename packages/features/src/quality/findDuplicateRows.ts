import type { DataTable } from '../table/DataTable';

/**
 * Rows that repeat an earlier row exactly (every column equal, missing equal to
 * missing). Returns, for each such row, its index and the index of the first row it
 * repeats, in row order. Exact, not probabilistic: rows are bucketed by a 32-bit
 * hash in an open-addressing table and compared cell by cell on a hash match, so
 * it is linear in the table's size with no per-row allocation.
 */
export function findDuplicateRows(table: DataTable): { rows: Int32Array; firsts: Int32Array } {
  const n = table.numRows;
  const hashes = rowHashes(table);
  let size = 1;
  while (size < 2 * n) size <<= 1;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const rows: number[] = [];
  const firsts: number[] = [];
  for (let row = 0; row < n; row += 1) {
    const hash = hashes[row];
    let slot = hash & mask;
    for (;;) {
      const other = slots[slot];
      if (other < 0) {
        slots[slot] = row;
        break;
      }
      if (hashes[other] === hash && rowsEqual(table, row, other)) {
        rows.push(row);
        firsts.push(other);
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { rows: Int32Array.from(rows), firsts: Int32Array.from(firsts) };
}

function rowHashes(table: DataTable): Uint32Array {
  const n = table.numRows;
  const hashes = new Uint32Array(n).fill(0x811c9dc5);
  const scratch = new Float64Array(1);
  const words = new Uint32Array(scratch.buffer);
  for (const column of table.columns) {
    if (column.kind === 'numeric') {
      const values = column.values;
      for (let row = 0; row < n; row += 1) {
        // One NaN pattern for every missing value, and -0 hashed like 0 (they compare equal).
        scratch[0] = Number.isNaN(values[row]) ? Number.NaN : values[row] + 0;
        hashes[row] = mix(mix(hashes[row], words[0]), words[1]);
      }
    } else {
      const codes = column.codes;
      for (let row = 0; row < n; row += 1) hashes[row] = mix(hashes[row], codes[row] >>> 0);
    }
  }
  return hashes;
}

/** One murmur3-style mixing round. */
function mix(hash: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = hash ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) >>> 0;
}

function rowsEqual(table: DataTable, a: number, b: number): boolean {
  for (const column of table.columns) {
    if (column.kind === 'numeric') {
      const x = column.values[a];
      const y = column.values[b];
      if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
    } else if (column.codes[a] !== column.codes[b]) return false;
  }
  return true;
}

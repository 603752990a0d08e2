import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { type Data, type DataType, makeVector, TimeUnit, Type } from 'apache-arrow';
import { FeaturesError } from '../errors';
import { CategoryDictionary } from '../table/CategoryDictionary';
import type { Column } from '../table/DataTable';
import { reorderCategories } from './reorderCategories';

const DAY_MS = 86_400_000;
// Milliseconds per unit of a timestamp or time, by Arrow's TimeUnit.
const UNIT_MS: Record<TimeUnit, number> = {
  [TimeUnit.SECOND]: 1000,
  [TimeUnit.MILLISECOND]: 1,
  [TimeUnit.MICROSECOND]: 1e-3,
  [TimeUnit.NANOSECOND]: 1e-6,
};

type Kind = 'numeric' | 'categorical' | 'null';

/**
 * Collects one column of a Parquet file, batch by batch (as Arrow data decoded by
 * parquet-wasm), into a typed array sized once from the footer's row count: numbers,
 * dates and timestamps as numeric (dates and timestamps as epoch milliseconds, times
 * as milliseconds since midnight), strings, dictionaries and booleans as categorical,
 * nulls as missing. Strings are read straight from the Arrow buffers, and
 * dictionary-encoded ones through their dictionary, never as one JS object per row.
 */
export class ParquetColumnBuilder {
  private readonly kind: Kind;
  private readonly values: Float64Array;
  private readonly codes: Int32Array;
  private readonly dictionary = new CategoryDictionary();
  private length = 0;

  constructor(
    readonly name: string,
    type: DataType,
    private readonly rows: number,
    private readonly path: string,
  ) {
    const kind = kindOf(type);
    if (!kind)
      throw new FeaturesError(
        'wrong-column-type',
        `'${path}': column '${name}' has type ${type} which the platform cannot use: convert it to a number or a string`,
      );
    this.kind = kind;
    if (this.kind === 'categorical') {
      this.codes = new Int32Array(rows);
      this.values = new Float64Array(0);
    } else {
      this.values = new Float64Array(rows).fill(Number.NaN);
      this.codes = new Int32Array(0);
    }
  }

  /** Appends the rows of one chunk of the column. */
  append(data: Data): void {
    if (this.length + data.length > this.rows)
      throw new FeaturesError(
        'bad-file',
        `'${this.path}': column '${this.name}' has more rows than the footer says`,
      );
    if (this.kind === 'categorical') this.appendCategorical(data, this.length);
    else if (this.kind === 'numeric') this.appendNumeric(data, this.length);
    this.length += data.length;
  }

  /** The finished column; an `order` (the categories in the order they were written) reorders the dictionary. */
  finish(order?: readonly string[]): Column {
    if (this.length !== this.rows)
      throw new FeaturesError(
        'bad-file',
        `'${this.path}': column '${this.name}' has fewer rows than the footer says`,
      );
    if (this.kind !== 'categorical') return { kind: 'numeric', name: this.name, values: this.values };
    return reorderCategories(
      { kind: 'categorical', name: this.name, codes: this.codes, dictionary: this.dictionary.values },
      order,
    );
  }

  private appendNumeric(data: Data, at: number): void {
    const type = data.type;
    const n = data.length;
    const out = this.values;
    const values = data.values as ArrayLike<number | bigint>;
    const { unit, precision } = type as { unit?: number; precision?: number };
    let scale = 1;
    if (type.typeId === Type.Timestamp || type.typeId === Type.Time) scale = UNIT_MS[unit as TimeUnit];
    else if (type.typeId === Type.Date && unit === 0) scale = DAY_MS; // DateDay counts days
    if (type.typeId === Type.Decimal) {
      this.appendDecimal(data, at);
      return;
    }
    if (type.typeId === Type.Float && precision === 0) {
      // Half floats: let Arrow convert them, they are rare.
      let i = at;
      for (const value of makeVector(data)) out[i++] = value === null ? Number.NaN : Number(value);
      return;
    }
    const nulls = data.nullCount > 0;
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      for (let i = 0; i < n; i += 1) if (!nulls || data.getValid(i)) out[at + i] = Number(values[i]) * scale;
    } else {
      const numbers = values as ArrayLike<number>;
      for (let i = 0; i < n; i += 1) if (!nulls || data.getValid(i)) out[at + i] = numbers[i] * scale;
    }
  }

  private appendDecimal(data: Data, at: number): void {
    const { scale, bitWidth } = data.type as unknown as { scale: number; bitWidth: number };
    const words = data.values as Uint32Array;
    const stride = bitWidth / 32;
    const divisor = 10 ** scale;
    for (let i = 0; i < data.length; i += 1) {
      if (data.nullCount > 0 && !data.getValid(i)) continue;
      // Little-endian two's complement words → BigInt → number.
      let big = 0n;
      for (let w = stride - 1; w >= 0; w -= 1) big = (big << 32n) | BigInt(words[i * stride + w]);
      big = BigInt.asIntN(bitWidth, big);
      this.values[at + i] = Number(big) / divisor;
    }
  }

  private appendCategorical(data: Data, at: number): void {
    const typeId = data.type.typeId;
    const codes = this.codes;
    if (typeId === Type.Dictionary) {
      const dictionary = data.dictionary!;
      // Our code for each entry of this chunk's dictionary, so each row is one lookup.
      const remap = new Int32Array(dictionary.length);
      let entry = 0;
      for (const chunk of dictionary.data) {
        this.codesOf(chunk, remap, entry);
        entry += chunk.length;
      }
      const keys = data.values as ArrayLike<number | bigint>;
      for (let i = 0; i < data.length; i += 1)
        codes[at + i] = data.nullCount > 0 && !data.getValid(i) ? -1 : remap[Number(keys[i])];
      return;
    }
    this.codesOf(data, codes, at);
  }

  // Writes the codes of a string (or boolean, or other dictionary value) chunk into `out` from `at`.
  private codesOf(data: Data, out: Int32Array, at: number): void {
    const typeId = data.type.typeId;
    if (typeId !== Type.Utf8 && typeId !== Type.LargeUtf8) {
      let i = at;
      for (const value of makeVector(data))
        out[i++] = value === null ? -1 : this.dictionary.codeOf(String(value));
      return;
    }
    const offsets = data.valueOffsets as ArrayLike<number | bigint>;
    const bytes = data.values as Uint8Array;
    const first = Number(offsets[0]);
    const last = Number(offsets[data.length]);
    const used = bytes.subarray(first, last);
    // ASCII text decodes once for the whole chunk and is sliced per row.
    const ascii = isAscii(used)
      ? Buffer.from(used.buffer, used.byteOffset, used.byteLength).toString('latin1')
      : undefined;
    const decoder = new TextDecoder();
    for (let i = 0; i < data.length; i += 1) {
      if (data.nullCount > 0 && !data.getValid(i)) {
        out[at + i] = -1;
        continue;
      }
      const start = Number(offsets[i]);
      const end = Number(offsets[i + 1]);
      const text =
        ascii !== undefined
          ? ascii.slice(start - first, end - first)
          : decoder.decode(bytes.subarray(start, end));
      out[at + i] = this.dictionary.codeOf(text);
    }
  }
}

function kindOf(type: DataType): Kind | undefined {
  switch (type.typeId) {
    case Type.Int:
    case Type.Float:
    case Type.Decimal:
    case Type.Date:
    case Type.Timestamp:
    case Type.Time:
      return 'numeric';
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Bool:
    case Type.Dictionary:
      return 'categorical';
    case Type.Null:
      return 'null';
    default:
      return undefined;
  }
}

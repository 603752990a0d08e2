import { FeaturesError } from '../errors';

const MAGIC = 0x31524150; // "PAR1" read as a little-endian uint32
const ENCRYPTED_MAGIC = 0x45524150; // "PARE"

// Thrift compact protocol type ids.
const TRUE = 1;
const FALSE = 2;
const BYTE = 3;
const I16 = 4;
const I32 = 5;
const I64 = 6;
const DOUBLE = 7;
const BINARY = 8;
const LIST = 9;
const SET = 10;
const MAP = 11;
const STRUCT = 12;
const UUID = 13;

/**
 * The number of rows in each row group of a Parquet file, read from its footer (the
 * Thrift-encoded `FileMetaData` before the closing "PAR1"). parquet-wasm's
 * synchronous reader takes row-group indexes but does not say how many there are, and
 * asking for one past the end aborts the WebAssembly instance; this reads only the
 * fields it needs (`row_groups[i].num_rows`) and skips the rest by type. Throws a
 * `bad-file` error naming the file when it is not Parquet. Returns one count per row
 * group, in file order.
 */
export function parquetRowGroupRows(bytes: Uint8Array, path: string): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const notParquet = (why: string) =>
    new FeaturesError(
      'bad-file',
      `'${path}' is not a readable Parquet file (${why}): pass a Parquet file or give it its format's extension`,
    );
  if (bytes.byteLength < 12) throw notParquet('too short');
  const end = view.getUint32(bytes.byteLength - 4, true);
  if (end === ENCRYPTED_MAGIC) throw notParquet('its footer is encrypted');
  if (end !== MAGIC || view.getUint32(0, true) !== MAGIC) throw notParquet('no PAR1 magic');
  const footerLength = view.getUint32(bytes.byteLength - 8, true);
  const footerStart = bytes.byteLength - 8 - footerLength;
  if (footerStart < 4) throw notParquet('footer length out of range');
  const reader = new CompactReader(bytes, footerStart, bytes.byteLength - 8, notParquet);
  const counts: number[] = [];
  reader.readStruct((field, type) => {
    if (field !== 4 || type !== LIST) return false;
    reader.readList((elementType) => {
      if (elementType !== STRUCT) throw notParquet('row_groups is not a list of structs');
      let rows = -1;
      reader.readStruct((rowGroupField, rowGroupType) => {
        if (rowGroupField !== 3 || rowGroupType !== I64) return false;
        rows = reader.readZigzag();
        return true;
      });
      if (rows < 0) throw notParquet('a row group without num_rows');
      counts.push(rows);
    });
    return true;
  });
  return counts;
}

/** Just enough of Thrift's compact protocol to walk a struct and skip what it does not want. */
class CompactReader {
  constructor(
    private readonly bytes: Uint8Array,
    private at: number,
    private readonly end: number,
    private readonly fail: (why: string) => Error,
  ) {}

  /** Calls `onField` for each field; it reads the value and returns true, or returns false to skip it. */
  readStruct(onField: (field: number, type: number) => boolean): void {
    let field = 0;
    for (;;) {
      const header = this.byte();
      const type = header & 0x0f;
      if (type === 0) return;
      const delta = header >> 4;
      field = delta === 0 ? this.readZigzag() : field + delta;
      if (!onField(field, type)) this.skip(type);
    }
  }

  /** Calls `onElement` once per element; it must read the element. */
  readList(onElement: (type: number) => void): void {
    const header = this.byte();
    const size = header >> 4 === 15 ? this.readVarint() : header >> 4;
    for (let i = 0; i < size; i += 1) onElement(header & 0x0f);
  }

  readVarint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale; // arithmetic, not bit operations: values pass 2^32
      if (b < 0x80) return value;
      scale *= 128;
    }
  }

  readZigzag(): number {
    const n = this.readVarint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  private skip(type: number): void {
    switch (type) {
      case TRUE:
      case FALSE:
        return; // the value is in the field header
      case BYTE:
        this.advance(1);
        return;
      case I16:
      case I32:
      case I64:
        this.readVarint();
        return;
      case DOUBLE:
        this.advance(8);
        return;
      case UUID:
        this.advance(16);
        return;
      case BINARY:
        this.advance(this.readVarint());
        return;
      case LIST:
      case SET:
        this.readList((element) =>
          element === TRUE || element === FALSE ? this.advance(1) : this.skip(element),
        );
        return;
      case MAP: {
        const size = this.readVarint();
        if (size === 0) return;
        const types = this.byte();
        for (let i = 0; i < size; i += 1) {
          this.skip(types >> 4);
          this.skip(types & 0x0f);
        }
        return;
      }
      case STRUCT:
        this.readStruct(() => false);
        return;
      default:
        throw this.fail(`unknown Thrift type ${type} in the footer`);
    }
  }

  private byte(): number {
    if (this.at >= this.end) throw this.fail('the footer ends early');
    const b = this.bytes[this.at];
    this.at += 1;
    return b;
  }

  private advance(n: number): void {
    if (this.at + n > this.end) throw this.fail('the footer ends early');
    this.at += n;
  }
}

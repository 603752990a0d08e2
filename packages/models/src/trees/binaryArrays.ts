import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { badModelFile } from '../pipeline/modelFileChecks';

/** The typed arrays a model document may hold in binary form, by the name the document gives their type. */
const arrayTypes = {
  u8: Uint8Array,
  u32: Uint32Array,
  f64: Float64Array,
} as const;

/** The element type of an encoded array. */
export type BinaryType = keyof typeof arrayTypes;
type ArrayOf<T extends BinaryType> = InstanceType<(typeof arrayTypes)[T]>;

// Little-endian is what every platform Node runs on uses; the format fixes it so a file
// written on one machine reads the same everywhere.
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
if (!littleEndian) throw new Error('@mlops/models reads and writes model arrays little-endian only');

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Encodes a typed array for a JSON document: its little-endian bytes regrouped by byte
 * position (all first bytes, then all second bytes, …), raw-deflated, then base64. The
 * regrouping puts the mostly-zero high bytes of small integers and the shared exponent
 * bytes of similar doubles side by side, which is what lets deflate shrink them.
 */
export function encodeArray(values: Uint8Array | Uint32Array | Float64Array): string {
  const size = values.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const n = values.length;
  const shuffled = new Uint8Array(bytes.length);
  for (let b = 0; b < size; b += 1) for (let i = 0; i < n; i += 1) shuffled[b * n + i] = bytes[i * size + b];
  return deflateRawSync(shuffled).toString('base64');
}

/**
 * Decodes what {@link encodeArray} wrote into `length` values of `type`; throws
 * `bad-model-file` naming `field` when the text is not base64, does not inflate, or
 * holds another number of values. Inflation stops at the expected size, so a damaged
 * or hostile file cannot make the reader allocate more than the document announces.
 */
export function decodeArray<T extends BinaryType>(
  text: unknown,
  type: T,
  length: number,
  field: string,
): ArrayOf<T> {
  const Type = arrayTypes[type];
  const expected = `${length} ${type} values (deflated, base64)`;
  if (typeof text !== 'string' || text.length % 4 !== 0 || !BASE64.test(text)) {
    throw badModelFile(field, `is not base64 text: it must hold ${expected}`);
  }
  const size = Type.BYTES_PER_ELEMENT;
  let shuffled: Buffer;
  try {
    shuffled = inflateRawSync(Buffer.from(text, 'base64'), { maxOutputLength: Math.max(1, length * size) });
  } catch (error) {
    const tooLong = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw badModelFile(
      field,
      tooLong
        ? `holds more values than announced: it must hold ${expected}`
        : `does not inflate to ${expected}`,
    );
  }
  if (shuffled.length !== length * size) {
    throw badModelFile(field, `holds ${shuffled.length / size} values: it must hold ${expected}`);
  }
  const out = new Type(length);
  const bytes = new Uint8Array(out.buffer);
  for (let b = 0; b < size; b += 1)
    for (let i = 0; i < length; i += 1) bytes[i * size + b] = shuffled[b * length + i];
  return out as ArrayOf<T>;
}

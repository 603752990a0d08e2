import { TextDecoder } from 'node:util';
import { FeaturesError } from '../errors';
import { findInvalidUtf8 } from './findInvalidUtf8';

/** The text encodings a CSV file can be read in. */
export type CsvEncoding = 'utf-8' | 'latin1';

const BOM = '\u00ef\u00bb\u00bf'; // the UTF-8 byte order mark read as ISO-8859-1

/**
 * Turns the bytes of a CSV file into text chunk by chunk. UTF-8 is decoded strictly:
 * an invalid byte is a `bad-csv` error naming the file, the line and the byte
 * (guessing would silently corrupt categories). `latin1` is ISO-8859-1, every byte
 * one character (Node's decoder; the WHATWG "latin1" label means windows-1252). A
 * UTF-8 byte order mark at the start is dropped in both.
 */
export class CsvTextDecoder {
  private readonly utf8: TextDecoder | undefined;
  private head: string | undefined = '';

  constructor(
    private readonly path: string,
    encoding: CsvEncoding,
    private readonly chunkBytes: number,
  ) {
    if (encoding !== 'utf-8' && encoding !== 'latin1')
      throw new FeaturesError('bad-argument', `encoding must be 'utf-8' or 'latin1', got '${encoding}'`);
    // The WHATWG decoder drops a leading BOM itself (ignoreBOM: false), also split over chunks.
    this.utf8 = encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : undefined;
  }

  /** The text of the next chunk of bytes (possibly shorter, when a character is cut). */
  decode(bytes: Uint8Array): string {
    if (this.utf8) return this.decodeUtf8(bytes, true);
    return this.dropBom(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
      false,
    );
  }

  /** The text still held back at the end of the file. */
  end(): string {
    if (this.utf8) return this.decodeUtf8(new Uint8Array(0), false);
    return this.dropBom('', true);
  }

  private decodeUtf8(bytes: Uint8Array, stream: boolean): string {
    try {
      return this.utf8!.decode(bytes, { stream });
    } catch (error) {
      const bad = findInvalidUtf8(this.path, this.chunkBytes);
      const where = bad ? `${bad.line}: invalid UTF-8 (byte 0x${hex(bad.byte)})` : ' invalid UTF-8';
      throw new FeaturesError(
        'bad-csv',
        `${this.path}:${where}: save the file as UTF-8 or read it with encoding 'latin1'`,
        { cause: error },
      );
    }
  }

  // Holds the first characters back until three have arrived, so a BOM split over
  // tiny chunks is still recognised.
  private dropBom(text: string, last: boolean): string {
    if (this.head === undefined) return text;
    this.head += text;
    if (this.head.length < BOM.length && !last) return '';
    const head = this.head.startsWith(BOM) ? this.head.slice(BOM.length) : this.head;
    this.head = undefined;
    return head;
  }
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

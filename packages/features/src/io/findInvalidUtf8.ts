import { closeSync, openSync, readSync } from 'node:fs';

/** Where a file stops being UTF-8: the 1-based line and the first byte of the bad sequence. */
export interface InvalidUtf8 {
  line: number;
  byte: number;
}

/**
 * Scans a file for the first byte sequence that is not UTF-8 (by the WHATWG
 * decoder's rules: no overlong forms, no surrogates, nothing above U+10FFFF, no
 * sequence cut off at the end of the file), reading it in chunks so a sequence may
 * straddle two of them. Returns its line and lead byte, or `undefined` when the whole
 * file is valid. Only called after a fatal `TextDecoder` has refused the file, so the
 * happy path never pays for a second pass.
 */
export function findInvalidUtf8(path: string, chunkBytes = 1 << 20): InvalidUtf8 | undefined {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let line = 1;
    // The sequence being read: how many continuation bytes are still due, the range
    // the next one must fall in, and where (which line, which lead byte) it started.
    let pending = 0;
    let low = 0x80;
    let high = 0xbf;
    let lead = 0;
    let leadLine = 1;
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      for (let i = 0; i < bytesRead; i += 1) {
        const b = buffer[i];
        if (pending > 0) {
          if (b < low || b > high) return { line: leadLine, byte: lead };
          pending -= 1;
          low = 0x80;
          high = 0xbf;
          continue;
        }
        if (b === 0x0a) line += 1;
        if (b < 0x80) continue;
        lead = b;
        leadLine = line;
        if (b >= 0xc2 && b <= 0xdf) pending = 1;
        else if (b >= 0xe0 && b <= 0xef) {
          pending = 2;
          if (b === 0xe0) low = 0xa0;
          if (b === 0xed) high = 0x9f;
        } else if (b >= 0xf0 && b <= 0xf4) {
          pending = 3;
          if (b === 0xf0) low = 0x90;
          if (b === 0xf4) high = 0x8f;
        } else return { line, byte: b };
      }
    }
    return pending > 0 ? { line: leadLine, byte: lead } : undefined;
  } finally {
    closeSync(fd);
  }
}

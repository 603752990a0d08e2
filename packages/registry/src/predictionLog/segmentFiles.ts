import { mkdir, open } from 'node:fs/promises';

/** One segment file as {@link PredictionLogWriter} uses it: opened for appending. */
export interface SegmentFile {
  /** The file's size now, in bytes. */
  stat(): Promise<{ size: number }>;
  /** Appends `data` with one write and returns how many bytes it wrote: possibly fewer (a short write). */
  append(data: Uint8Array): Promise<number>;
  /** Cuts the file to `size` bytes (the writer's way back to its last whole line). */
  truncate(size: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The file layer of the prediction-log writer: small, so a test can inject short
 * writes, ENOSPC or EIO without a full disk or privileges. {@link nodeSegmentFiles}
 * is the real one.
 */
export interface SegmentFiles {
  /** Creates a folder and its parents when missing. */
  mkdir(path: string): Promise<void>;
  /** Opens (creating when missing) a file for appending. */
  open(path: string): Promise<SegmentFile>;
}

/** {@link SegmentFiles} on `node:fs`: `O_APPEND` writes, `ftruncate`, `fstat`. */
export const nodeSegmentFiles: SegmentFiles = {
  async mkdir(path) {
    await mkdir(path, { recursive: true });
  },
  async open(path) {
    const handle = await open(path, 'a');
    return {
      stat: async () => ({ size: (await handle.stat()).size }),
      append: async (data) => (await handle.write(data)).bytesWritten,
      truncate: (size) => handle.truncate(size),
      close: () => handle.close(),
    };
  },
};

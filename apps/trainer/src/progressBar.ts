import { SingleBar } from 'cli-progress';

/** A progress bar on stderr when it is a terminal; nothing otherwise (logs and CI stay clean). */
export interface Progress {
  update(done: number, note: string): void;
  stop(): void;
}

/** Starts a bar of `total` steps on `stream` if it is a TTY. */
export function startProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  total: number,
  label: string,
): Progress {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream: stream as NodeJS.WriteStream,
    format: `${label} [{bar}] {value}/{total} {note}`,
    hideCursor: true,
    clearOnComplete: false,
  });
  bar.start(total, 0, { note: '' });
  return {
    update: (done, note) => bar.update(done, { note }),
    stop: () => bar.stop(),
  };
}

import { transports } from 'winston';

const MESSAGE = Symbol.for('message');

/** Every BufferedLines with lines not yet written, flushed by one `exit` hook of the process. */
const live = new Set<BufferedLines>();
let exitHooked = false;

/**
 * A winston transport that writes its lines to a stream once per event-loop turn
 * (one `write` call, so one system call on a pipe, for all the lines of the turn)
 * instead of once per line. Nothing waits and nothing is dropped: `error` and `warn`
 * lines go out at once with everything before them, and what is left is written
 * when the process exits (stderr and files are written synchronously then).
 */
export class BufferedLines extends transports.Stream {
  private pending: string[] = [];
  private scheduled = false;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super({ stream });
    if (!exitHooked) {
      exitHooked = true;
      process.once('exit', () => {
        for (const lines of live) lines.flush();
      });
    }
  }

  override log(info: Record<string | symbol, unknown>, callback?: () => void): void {
    this.push(info[MESSAGE] as string, info.level === 'error' || info.level === 'warn');
    callback?.();
  }

  /** Queues one line (without its newline); `now` writes it and what is queued at once. */
  push(line: string, now = false): void {
    this.pending.push(line);
    if (now) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      live.add(this);
      setImmediate(() => this.flush());
    }
  }

  /** Writes every queued line. */
  flush(): void {
    this.scheduled = false;
    live.delete(this);
    if (this.pending.length === 0) return;
    const text = `${this.pending.join('\n')}\n`;
    this.pending = [];
    this.stream.write(text);
  }
}

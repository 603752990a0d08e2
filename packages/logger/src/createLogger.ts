import { createLogger as createWinstonLogger, format, type Logger, transports } from 'winston';
import { BufferedLines } from './BufferedLines';

const MESSAGE = Symbol.for('message');

export type { Logger } from 'winston';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Name of the app or job, written on every line as `service`. */
  service: string;
  /** @default 'info' */
  level?: LogLevel;
  /**
   * Readable coloured lines for a person, or JSON lines for a log collector.
   * @default whether the output stream is a terminal
   */
  pretty?: boolean;
  /**
   * Where lines go. Logs go to stderr so that a CLI's stdout stays its result.
   * @default process.stderr
   */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /**
   * Gather the lines of one event-loop turn into one write (a server logging a line per
   * request makes one system call per turn, not per request); `error` and `warn` lines
   * are written at once, and what is left when the process exits. @default false
   */
  bufferLines?: boolean;
}

/** What {@link logLine} needs of a logger made here: its JSON lines' transport and service. */
interface FastPath {
  lines: BufferedLines | transports.StreamTransportInstance;
  service: string;
}
const fastPaths = new WeakMap<Logger, FastPath>();

/**
 * Creates the winston logger every app uses: JSON lines (timestamp, level, service,
 * message, fields) when the output is not a terminal, and `time level message k=v`
 * lines when it is.
 */
export function createLogger(options: LoggerOptions): Logger {
  const stream = options.stream ?? process.stderr;
  const pretty = options.pretty ?? Boolean(stream.isTTY);
  const lines = options.bufferLines ? new BufferedLines(stream) : new transports.Stream({ stream });
  const logger = createWinstonLogger({
    level: options.level ?? 'info',
    defaultMeta: { service: options.service },
    format: pretty
      ? format.combine(
          format.timestamp({ format: 'HH:mm:ss' }),
          format.colorize(),
          format.printf(readableLine),
        )
      : format.combine(format.timestamp(), format.json()),
    transports: [lines],
  });
  if (!pretty) fastPaths.set(logger, { lines, service: options.service });
  return logger;
}

/**
 * Logs one line as `logger.log(level, message, fields)` does, at a fraction of its cost
 * when the logger writes JSON lines (the hot path of a server: one access line per
 * request): the level is checked first, and the line is built with one `JSON.stringify`
 * and handed to the logger's own transport, skipping winston's per-line object streams.
 * The line has the fields winston's would (level, message, the fields, service,
 * timestamp). Readable (terminal) loggers, and loggers not made by {@link createLogger},
 * go through winston as usual.
 */
export function logLine(logger: Logger, level: LogLevel, message: string, fields: object): void {
  if (!logger.isLevelEnabled(level)) return;
  const fast = fastPaths.get(logger);
  if (!fast) {
    logger.log(level, message, fields);
    return;
  }
  const line = JSON.stringify({
    level,
    message,
    ...fields,
    service: fast.service,
    timestamp: new Date().toISOString(),
  });
  if (fast.lines instanceof BufferedLines) fast.lines.push(line, level === 'error' || level === 'warn');
  else fast.lines.log?.({ level, message, [MESSAGE]: line }, () => undefined);
}

function readableLine(info: Record<string, unknown>): string {
  const { timestamp, level, message, service: _service, ...fields } = info;
  const extra = Object.entries(fields)
    .filter(([key]) => typeof key === 'string')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${timestamp} ${level} ${message}${extra ? ` ${extra}` : ''}`;
}

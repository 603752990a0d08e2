import { createLogger as createWinstonLogger, format, type Logger, transports } from 'winston';

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
}

/**
 * Creates the winston logger every app uses: JSON lines (timestamp, level, service,
 * message, fields) when the output is not a terminal, and `time level message k=v`
 * lines when it is.
 */
export function createLogger(options: LoggerOptions): Logger {
  const stream = options.stream ?? process.stderr;
  const pretty = options.pretty ?? Boolean(stream.isTTY);
  return createWinstonLogger({
    level: options.level ?? 'info',
    defaultMeta: { service: options.service },
    format: pretty
      ? format.combine(
          format.timestamp({ format: 'HH:mm:ss' }),
          format.colorize(),
          format.printf(readableLine),
        )
      : format.combine(format.timestamp(), format.json()),
    transports: [new transports.Stream({ stream })],
  });
}

function readableLine(info: Record<string, unknown>): string {
  const { timestamp, level, message, service: _service, ...fields } = info;
  const extra = Object.entries(fields)
    .filter(([key]) => typeof key === 'string')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${timestamp} ${level} ${message}${extra ? ` ${extra}` : ''}`;
}

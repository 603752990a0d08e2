export { createLogger, type Logger, type LoggerOptions, type LogLevel } from './createLogger';
export { logLevels, parseLogLevel } from './parseLogLevel';

export { createLogger, type Logger, type LoggerOptions, type LogLevel, logLine } from './createLogger';
export { logLevels, parseLogLevel } from './parseLogLevel';

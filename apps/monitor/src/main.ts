#!/usr/bin/env node
import { ERROR_EXIT_CODE, runCli } from './cli';

// Ctrl-C / SIGTERM end `--watch` and `serve` cleanly (server closed, last check finished); a
// repeated signal while that happens must not kill it, so the handlers stay (on, not once).
const stop = new AbortController();
process.on('SIGINT', () => stop.abort());
process.on('SIGTERM', () => stop.abort());

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: stop.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = ERROR_EXIT_CODE;
  },
);

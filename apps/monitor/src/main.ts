#!/usr/bin/env node
import { ERROR_EXIT_CODE, runCli } from './cli';

// Ctrl-C / SIGTERM end `--watch` and `serve` cleanly (server closed, last check finished).
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());

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

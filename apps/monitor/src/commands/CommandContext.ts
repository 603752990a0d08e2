import type { Logger } from '@mlops/logger';
import type { Stores } from '@mlops/registry';
import type { MonitorConfig } from '../config';

/** Streams and environment of one CLI run; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborting stops `--watch` and `serve` (main wires SIGINT/SIGTERM to it). */
  signal?: AbortSignal;
  /** Called with the dashboard's port and bound address once it listens (tests). */
  onListening?: (port: number, address: string) => void;
}

/** What every command's action gets: configuration, a logger (stderr), the streams, and where its exit code goes. */
export interface CommandContext {
  config: MonitorConfig;
  logger: Logger;
  io: CliIo;
  /** The exit code the CLI returns once the action is done (0 unless set). */
  setExitCode: (code: number) => void;
  /**
   * The registry and run store (`openStores`: PostgreSQL when `MLOPS_DATABASE_URL` is
   * set, else the folder), opened on first use and closed by `runCli` when the command
   * ends. The prediction log and the reports stay files under `MLOPS_HOME`.
   */
  stores: () => Promise<Stores>;
}

import { type CliRun, captureCli } from '@mlops/testkit';
import { runCli } from '../cli';
import { type CliFolders, useTempFolders } from './tempFolders';

/** What one CLI run printed; `json` is the parsed last stdout line, shaped by the command. */
export type { CliRun };

/**
 * A fresh MLOPS_HOME and working folder for every test of the calling file (removed
 * after it), and `mlops(...argv)` running the CLI in them as cli.test.ts does.
 */
export function useMlopsCli(): { folders: CliFolders; mlops: (...argv: string[]) => Promise<CliRun> } {
  const folders = useTempFolders();
  const mlops = (...argv: string[]): Promise<CliRun> =>
    captureCli(({ stdout, stderr }) =>
      runCli(argv, {
        stdout,
        stderr,
        env: { MLOPS_HOME: folders.home, INIT_CWD: folders.work, LOG_LEVEL: 'warn' },
      }),
    );
  return { folders, mlops };
}

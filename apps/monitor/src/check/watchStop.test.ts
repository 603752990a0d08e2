import { PassThrough } from 'node:stream';
import { createLogger } from '@mlops/logger';
import { watchChecks } from './watchChecks';

test('a stop (SIGTERM) that arrives while a check runs ends the watch after that check, not an interval later', async () => {
  const stop = new AbortController();
  const logger = createLogger({ service: 'monitor-test', stream: new PassThrough() });
  // A 1-hour interval: the watch must not sleep through it once stopped (jest's timeout fails it if it does).
  const watching = watchChecks(
    async () => {
      stop.abort();
      throw new Error('the check was running when the stop came');
    },
    { intervalMs: 3_600_000, signal: stop.signal, logger },
  );
  await expect(watching).resolves.toEqual({ error: expect.any(Error) });
});

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createLogger, logLine } from './createLogger';

function capture(): { stream: PassThrough; writes: string[] } {
  const stream = new PassThrough();
  const writes: string[] = [];
  stream.on('data', (chunk: Buffer) => writes.push(chunk.toString('utf8')));
  return { stream, writes };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));
const records = (writes: string[]) =>
  writes
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

test('logLine writes the fields logger.info writes, and nothing below the level', async () => {
  const out = capture();
  const logger = createLogger({ service: 'api', stream: out.stream, pretty: false });
  const fields = { requestId: 'r1', method: 'POST', path: '/predict', status: 200, ms: 1.25 };
  logger.info('request', fields);
  logLine(logger, 'info', 'request', fields);
  logLine(logger, 'debug', 'hidden', fields);
  await settle();
  const [viaWinston, viaLine, ...rest] = records(out.writes);
  expect(rest).toEqual([]);
  const { timestamp, ...same } = viaWinston;
  expect(viaLine).toEqual({ ...same, timestamp: expect.any(String) });
  expect(Date.parse(viaLine.timestamp as string)).not.toBeNaN();
  expect(typeof timestamp).toBe('string');
});

test('with bufferLines the lines of one turn go out in one write, and an error line at once', async () => {
  const out = capture();
  const logger = createLogger({ service: 'api', stream: out.stream, pretty: false, bufferLines: true });
  for (let i = 0; i < 5; i += 1) logLine(logger, 'info', 'request', { i });
  logger.info('through winston');
  await settle();
  await settle();
  expect(out.writes).toHaveLength(1);
  expect(records(out.writes).map((r) => r.i ?? r.message)).toEqual([0, 1, 2, 3, 4, 'through winston']);
  logLine(logger, 'info', 'before the error', {});
  logLine(logger, 'error', 'failed', { requestId: 'r9' });
  // No turn has passed: the error and the line queued before it are already written.
  expect(records(out.writes.slice(1)).map((r) => r.message)).toEqual(['before the error', 'failed']);
});

test('buffered lines still queued when the process exits are written', () => {
  const dist = join(__dirname, '..', 'dist', 'index.js');
  const script = `const { createLogger, logLine } = require(${JSON.stringify(dist)});
    const logger = createLogger({ service: 'job', pretty: false, bufferLines: true });
    for (let i = 0; i < 3; i += 1) logLine(logger, 'info', 'row', { i });
    process.exit(0);`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  expect(records([run.stderr]).map((r) => r.i)).toEqual([0, 1, 2]);
});

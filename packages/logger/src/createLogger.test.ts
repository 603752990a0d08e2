import { PassThrough } from 'node:stream';
import { createLogger } from './createLogger';

function capture(_pretty: boolean): { lines: () => string[]; stream: PassThrough } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream, lines: () => chunks.join('').trim().split('\n') };
}

test('writes one JSON object per line when not on a terminal', async () => {
  const out = capture(false);
  const logger = createLogger({ service: 'api', stream: out.stream, pretty: false });
  logger.info('request', { requestId: 'abc', status: 200 });
  await new Promise((resolve) => setImmediate(resolve));
  const record = JSON.parse(out.lines()[0]);
  expect(record).toMatchObject({
    level: 'info',
    message: 'request',
    service: 'api',
    requestId: 'abc',
    status: 200,
  });
  expect(typeof record.timestamp).toBe('string');
});

test('writes a readable line with its fields on a terminal', async () => {
  const out = capture(true);
  const logger = createLogger({ service: 'trainer', stream: out.stream, pretty: true });
  logger.warn('slow fit', { seconds: 3 });
  await new Promise((resolve) => setImmediate(resolve));
  expect(out.lines()[0]).toMatch(/^\d\d:\d\d:\d\d .*warn.* slow fit seconds=3$/);
});

test('drops messages below the configured level', async () => {
  const out = capture(false);
  const logger = createLogger({ service: 'api', stream: out.stream, pretty: false, level: 'warn' });
  logger.info('hidden');
  logger.error('shown');
  await new Promise((resolve) => setImmediate(resolve));
  expect(out.lines().map((line) => JSON.parse(line).message)).toEqual(['shown']);
});

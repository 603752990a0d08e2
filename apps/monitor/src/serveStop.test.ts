import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const main = resolve(__dirname, '../dist/main.js');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'monitor-stop-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

// An orchestrator may signal twice (docker stop and a supervisor, a terminal's Ctrl-C to the
// process group and a parent): the second signal must not kill the shutdown the first began.
test('serve stops cleanly (exit 0) when SIGTERM arrives twice in a row', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [main, 'serve'], {
    env: { PATH: process.env.PATH, MLOPS_HOME: home, MONITOR_PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listening = new Promise<void>((done) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('dashboard on')) done();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  await listening;
  // A request still arriving holds the stop open (the server waits for it), so the second
  // signal lands while the first stop is under way, not while the process is already exiting.
  const client = connect(port, '127.0.0.1');
  await new Promise((done) => client.once('connect', done));
  client.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
  await pause(50);
  let exitedEarly = false;
  void exited.then(() => {
    exitedEarly = true;
  });
  child.kill('SIGTERM');
  await pause(100);
  child.kill('SIGTERM');
  await pause(200);
  expect(exitedEarly).toBe(false);
  client.destroy();
  await expect(exited).resolves.toEqual({ code: 0, signal: null });
});

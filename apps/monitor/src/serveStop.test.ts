import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
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
  child.kill('SIGTERM');
  // Far enough apart that the kernel delivers two signals, close enough that the first stop is still under way.
  await new Promise((done) => setTimeout(done, 5));
  child.kill('SIGTERM');
  await expect(exited).resolves.toEqual({ code: 0, signal: null });
});

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { basename, join } from 'node:path';
import { logTraffic, monitor, registeredHome } from '../__tests__/fixture';
import { monitorProcess } from '../__tests__/monitorProcess';

// Finding 1: `monitor serve` listened on every interface without a key, and `?model=` went
// into a path join (`../../outside`, `../runs`, `../registry/models/churn` were served).
// Real HTTP against the dashboard the CLI starts.

const KEY = 'k3y-for-the-dashboard-test-0123456789';
let home: string;

/** Starts `monitor serve` in-process; resolves with its base URL, bound address and a stop function. */
async function serve(
  env: NodeJS.ProcessEnv = {},
): Promise<{ base: string; address: string; stop: () => Promise<void> }> {
  const stop = new AbortController();
  let served: Promise<unknown> = Promise.resolve();
  const { port, address } = await new Promise<{ port: number; address: string }>((resolve, reject) => {
    served = monitor(home, ['serve', '--port', '0'], {
      env,
      signal: stop.signal,
      onListening: (port, address) => resolve({ port, address }),
    }).then((run) => reject(new Error(`serve ended: ${run.stderr}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    address,
    stop: async () => {
      stop.abort();
      await served.catch(() => undefined);
    },
  };
}

/** A raw request, so the Host header can be anything. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(url, { headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    call.on('error', reject);
    call.end();
  });
}

beforeAll(async () => {
  home = await registeredHome('mlops-monitor-access-');
  await logTraffic(home, { from: new Date('2026-01-01T00:00:00Z'), rows: 200 });
  // Files a path join from predictions/<model> could reach.
  mkdirSync(`${home}-outside`);
  writeFileSync(
    join(`${home}-outside`, 'x.jsonl'),
    '{"secret":"outside MLOPS_HOME","timestamp":"2026-01-01T00:00:00Z"}\n',
  );
}, 60_000);
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(`${home}-outside`, { recursive: true, force: true });
});

test('by default it binds 127.0.0.1 only, and answers no other interface', async () => {
  const dashboard = await serve();
  try {
    expect(dashboard.address).toBe('127.0.0.1');
    expect((await get(`${dashboard.base}/health`)).status).toBe(200);
    const port = new URL(dashboard.base).port;
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external)
      await expect(get(`http://${external.address}:${port}/health`)).rejects.toThrow(/ECONNREFUSED/);
  } finally {
    await dashboard.stop();
  }
});

test('serving off loopback without a key is refused before it listens: exit 3, one line naming the variables', async () => {
  const run = await monitorProcess(home, ['serve', '--port', '0'], { MONITOR_HOST: '0.0.0.0' });
  expect(run.code).toBe(3);
  expect(run.stderr).toBe(
    'error: MONITOR_HOST=0.0.0.0 serves the dashboard beyond this machine, so it needs a key: set MLOPS_API_KEY (e.g. openssl rand -hex 32), or MONITOR_HOST=127.0.0.1\n',
  );
  const bad = await monitorProcess(home, ['serve'], { MONITOR_HOST: 'every-interface' });
  expect(bad.code).toBe(3);
  expect(bad.stderr).toMatch(/^error: MONITOR_HOST='every-interface' is not an address to bind/);
});

test('an MLOPS_API_URLS part that is not an http(s) URL stops serve before it listens: exit 3, one line naming it', async () => {
  const run = await monitorProcess(home, ['serve', '--port', '0'], {
    MLOPS_API_URLS: 'http://api-1:8000,api-2:8000',
  });
  expect(run.code).toBe(3);
  expect(run.stderr).toBe(
    'error: MLOPS_API_URLS holds "api-2:8000", not an http(s) URL: give the replicas\' base URLs separated by commas, e.g. http://api-1:8000,http://api-2:8000\n',
  );
});

test('?model= is checked against the name rule and the registry before any path is built', async () => {
  const dashboard = await serve();
  try {
    const outside = `../../${basename(home)}-outside`;
    for (const model of [outside, '../runs', '../registry/models/churn', 'a\r\nb', 'Churn']) {
      for (const route of ['/api/predictions', '/api/summary', '/api/versions', '/export.csv']) {
        const response = await get(`${dashboard.base}${route}?model=${encodeURIComponent(model)}`);
        expect([route, model, response.status]).toEqual([route, model, 400]);
        expect(JSON.parse(response.body).error).toEqual({
          code: 'bad-model-name',
          message: `model ${JSON.stringify(model)} is not a model name: use 1-64 lowercase letters, digits, '-' or '_', starting with a letter or digit`,
          details: [],
        });
        expect(response.body).not.toContain('outside MLOPS_HOME');
      }
    }
    // A well-formed name the registry does not hold: 404 naming the models there are.
    const unknown = await get(`${dashboard.base}/api/predictions?model=credit`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error).toEqual({
      code: 'unknown-model',
      message: "no model named 'credit' in the registry (models: churn)",
      details: [{ models: ['churn'] }],
    });
    expect((await get(`${dashboard.base}/api/predictions?model=churn`)).status).toBe(200);
  } finally {
    await dashboard.stop();
  }
});

test('without a key it answers only requests addressed to a loopback name (no DNS rebinding)', async () => {
  const dashboard = await serve();
  try {
    const rebound = await get(`${dashboard.base}/api/summary`, { host: 'attacker.example:8501' });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error.code).toBe('forbidden-host');
    expect((await get(`${dashboard.base}/api/summary`, { host: 'localhost:8501' })).status).toBe(200);
  } finally {
    await dashboard.stop();
  }
});

test('with MLOPS_API_KEY on 0.0.0.0: bearer for the API and /metrics, a login form and an HttpOnly SameSite=Strict cookie for browsers', async () => {
  const dashboard = await serve({ MONITOR_HOST: '0.0.0.0', MLOPS_API_KEY: KEY });
  try {
    expect(dashboard.address).toBe('0.0.0.0');
    const base = dashboard.base;
    for (const route of ['/api/summary', '/api/versions', '/api/predictions', '/export.csv', '/metrics']) {
      const none = await fetch(`${base}${route}`);
      expect([route, none.status]).toEqual([route, 401]);
      expect(none.headers.get('www-authenticate')).toBe('Bearer realm="mlops-monitor"');
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      const wrong = await fetch(`${base}${route}`, { headers: { authorization: 'Bearer not-the-key' } });
      expect([route, wrong.status]).toEqual([route, 401]);
      const right = await fetch(`${base}${route}`, { headers: { authorization: `Bearer ${KEY}` } });
      expect([route, right.status]).toEqual([route, 200]);
    }
    // Health, the login form and static code stay open; the page sends browsers to the form.
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/assets/dashboard.js`)).status).toBe(200);
    const page = await fetch(`${base}/`, { redirect: 'manual' });
    expect([page.status, page.headers.get('location')]).toEqual([303, '/login']);
    expect((await fetch(`${base}/login`)).status).toBe(200);

    const form = (key: string) =>
      fetch(`${base}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key }).toString(),
      });
    const refused = await form('not-the-key');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(await refused.text()).not.toContain('not-the-key');
    const accepted = await form(KEY);
    expect([accepted.status, accepted.headers.get('location')]).toEqual([303, '/']);
    const cookie = accepted.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^mlops_monitor_session=v1\.\d+\.[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    );
    expect(cookie).not.toContain(KEY);
    const session = cookie.split(';')[0];
    expect((await fetch(`${base}/api/summary`, { headers: { cookie: session } })).status).toBe(200);
    expect((await fetch(`${base}/`, { headers: { cookie: session } })).status).toBe(200);
    const forged = session.replace(/[0-9a-f]{8}$/, '00000000');
    expect((await fetch(`${base}/api/summary`, { headers: { cookie: forged } })).status).toBe(401);
  } finally {
    await dashboard.stop();
  }
});

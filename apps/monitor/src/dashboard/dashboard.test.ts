import { rmSync } from 'node:fs';
import { readPredictionLog, storeLayout } from '@mlops/registry';
import type { Browser } from 'playwright-core';
import { type DashboardSession, openDashboard } from '../__tests__/dashboardSession';
import { logTraffic, registeredHome } from '../__tests__/fixture';

let home: string;
let browser: Browser;
let base: string;
let dashboard: DashboardSession | undefined;
/** Predictions this file has logged so far: what the dashboard must count, exactly. */
let logged = 0;

beforeAll(async () => {
  home = await registeredHome('mlops-monitor-dashboard-');
  // Latencies 1..10 ms; predictions 1 every fifth row: positive rate 0.2.
  await logTraffic(home, {
    from: new Date('2026-01-01T00:00:00Z'),
    rows: 1_000,
    prediction: (i) => (i % 5 === 0 ? 1 : 0),
  });
  logged += 1_000;
  dashboard = await openDashboard(home, ['--refresh', '1']);
  ({ base, browser } = dashboard);
}, 60_000);

afterAll(async () => {
  await dashboard?.close();
  rmSync(home, { recursive: true, force: true });
});

test('the page loads, draws its charts, and its numbers match the log', async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-loaded]');
  expect(await page.textContent('#kpi-predictions')).toBe('1000');
  expect(await page.textContent('#kpi-positive-rate')).toBe('0.2');
  // Nearest-rank percentiles of latencies 1..10 repeated: p50 5, p90 9, p99 10.
  expect(await page.textContent('#kpi-p50')).toBe('5');
  expect(await page.textContent('#kpi-p90')).toBe('9');
  expect(await page.textContent('#kpi-p99')).toBe('10');
  expect(await page.textContent('#level')).toBe('stable');
  expect(await page.textContent('#alert-legend')).toContain('retrain');
  expect(await page.textContent('#live-version')).toBe('1');
  for (const id of ['chart-series', 'chart-histogram', 'chart-drift']) {
    // ECharts draws into an SVG with real shapes once it has data.
    expect(await page.locator(`#${id} svg path`).count()).toBeGreaterThan(3);
  }
  // The time axis is labelled to fit the span, the day said once, no two shown labels alike.
  const axisTexts = await page.locator('#chart-series svg text').allTextContents();
  expect(axisTexts).toContain('UTC, 2026-01-01');
  const times = axisTexts.filter((t) => /^\d\d:\d\d/.test(t));
  expect(times.length).toBeGreaterThan(1);
  expect(new Set(times).size).toBe(times.length);
  expect(await page.locator('#drift tbody tr').count()).toBe(8); // the features logged: age is sensitive, dropped
  // …and what is not monitored says why.
  expect(await page.locator('#not-monitored tbody td').allTextContents()).toEqual([
    'customer_id',
    'entity key: never drift-tested',
    'age',
    'sensitive, not logged (MLOPS_SENSITIVE_FIELDS=drop): set MLOPS_SENSITIVE_FIELDS=bin to monitor its drift without storing values',
  ]);
  expect(await page.locator('#versions tbody tr').first().textContent()).toContain('production (live)');
  const log = await readPredictionLog({ dir: storeLayout(home).predictions, model: 'churn' });
  expect(await page.locator('#recent tbody tr').first().locator('td').nth(1).textContent()).toBe(
    log.records.at(-1)?.request_id,
  );
  // Everything came from the monitor itself: no CDN.
  expect(requests.every((url) => url.startsWith(base))).toBe(true);
  await page.close();
}, 60_000);

test('the page refreshes on its own when new predictions arrive', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-loaded]');
  await logTraffic(home, { from: new Date('2026-01-02T00:00:00Z'), rows: 500, seed: 3 });
  logged += 500;
  // A locator waits in Playwright's own world: the page's CSP forbids the eval a string predicate needs.
  await page.locator('#kpi-predictions', { hasText: /^1500$/ }).waitFor({ timeout: 15_000 });
  await page.close();
}, 30_000);

test('JSON endpoints and the CSV export serve the same log', async () => {
  const summary = (await (await fetch(`${base}/api/summary`)).json()) as {
    aggregates: { predictions: number };
  };
  expect(summary.aggregates.predictions).toBe(logged);
  const csv = await (await fetch(`${base}/export.csv`)).text();
  const lines = csv.trim().split('\n');
  expect(lines[0]).toMatch(
    /^timestamp,request_id,model_name,model_version,prediction,probability,latency_ms,/,
  );
  expect(lines.length - 1).toBe(summary.aggregates.predictions);
  const missing = await fetch(`${base}/api/summary?model=nope`);
  expect(missing.status).toBe(404);
  expect(await missing.json()).toEqual({
    error: {
      code: 'unknown-model',
      message: "no model named 'nope' in the registry (models: churn)",
      details: [{ models: ['churn'] }],
    },
  });
});

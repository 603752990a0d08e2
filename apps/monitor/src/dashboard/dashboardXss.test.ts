import { rmSync } from 'node:fs';
import { PredictionLogWriter, storeLayout } from '@mlops/registry';
import type { Browser, Page } from 'playwright-core';
import { type DashboardSession, openDashboard } from '../__tests__/dashboardSession';
import { logTraffic, registeredHome } from '../__tests__/fixture';

// Finding 2: the page wrote `const MODEL = ${JSON.stringify(model)}` inside a <script>, so
// `/?model=</script><script>alert(1)</script>` ran in the browser, and no CSP stopped it.
// Real Chromium against the dashboard the CLI starts.

let home: string;
let browser: Browser;
let base: string;
let dashboard: DashboardSession | undefined;
const MARKUP_ID = '<img src=x onerror=alert(2)>';
const MARKUP_PREDICTION = '</td><script>alert(3)</script>';

beforeAll(async () => {
  home = await registeredHome('mlops-monitor-xss-');
  await logTraffic(home, { from: new Date('2026-01-01T00:00:00Z'), rows: 300 });
  // A record whose strings are markup: it must reach the page as text.
  const writer = new PredictionLogWriter({ dir: storeLayout(home).predictions });
  writer.append({
    timestamp: '2026-01-02T00:00:00.000Z',
    request_id: MARKUP_ID,
    model_name: 'churn',
    model_version: 1,
    features: {},
    prediction: MARKUP_PREDICTION,
    latency_ms: 1,
  });
  await writer.close();
  dashboard = await openDashboard(home);
  ({ base, browser } = dashboard);
}, 60_000);

afterAll(async () => {
  await dashboard?.close();
  rmSync(home, { recursive: true, force: true });
});

/** A page that records every dialog (dismissed), CSP violation and script error. */
async function watchedPage(): Promise<{ page: Page; dialogs: string[]; violations: string[] }> {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  const violations: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(error.message));
  return { page, dialogs, violations };
}

test('?model=</script><script>alert(1)</script> runs nothing, and the page says the name is bad', async () => {
  const { page, dialogs } = await watchedPage();
  const response = await page.goto(
    `${base}/?model=${encodeURIComponent('</script><script>alert(1)</script>')}`,
  );
  const headers = response?.headers() ?? {};
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
  // The HTML is the same static document whatever was asked for.
  expect(await response?.text()).not.toContain('alert(1)');
  // The script ran (it read location.search itself) and refused the name: by then any
  // injected script would have run too.
  await page.locator('#note', { hasText: 'is not a model name' }).waitFor();
  expect(dialogs).toEqual([]);
  expect(await page.getAttribute('#export', 'href')).toBe(
    '/export.csv?model=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  );
  await page.close();
}, 30_000);

test('strings from the log are shown as text, never markup, and the page breaks no rule of its CSP', async () => {
  const { page, dialogs, violations } = await watchedPage();
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-loaded]');
  const newest = page.locator('#recent tbody tr').first().locator('td');
  expect(await newest.nth(1).textContent()).toBe(MARKUP_ID);
  expect(await newest.nth(3).textContent()).toBe(MARKUP_PREDICTION);
  expect(await page.locator('#recent img, #recent script').count()).toBe(0);
  // ECharts drew its SVG under the CSP (no inline script or style needed).
  expect(await page.locator('#chart-series svg path').count()).toBeGreaterThan(3);
  expect(dialogs).toEqual([]);
  expect(violations).toEqual([]);
  await page.close();
}, 30_000);

test('the page cannot be framed by another site', async () => {
  const response = await fetch(`${base}/`);
  expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  // Error responses carry the headers too.
  const bad = await fetch(`${base}/api/summary?model=%3Cscript%3E`);
  expect(bad.status).toBe(400);
  expect(bad.headers.get('x-content-type-options')).toBe('nosniff');
  expect(bad.headers.get('content-type')).toBe('application/json; charset=utf-8');
});

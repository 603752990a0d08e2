import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type DashboardSession, openDashboard } from '../__tests__/dashboardSession';
import { registeredHome } from '../__tests__/fixture';
import {
  type ApiReplica,
  closedPort,
  type MonitoringHome,
  monitoringHome,
  startApiReplica,
} from '../__tests__/monitoringFixture';
import { rendered, watchedPage } from '../__tests__/watchedPage';

// The monitoring view in headless Debian Chromium, served by `monitor serve` on a store the
// project's generators and `monitor run` made, with MLOPS_API_URLS naming a real API
// replica (apps/api's build) and one that is down: pick a model, a version, a time range,
// drill into a feature, go back; no console error.

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

let made: MonitoringHome;
let apiHome: string;
let replica: ApiReplica;
let session: DashboardSession | undefined;

beforeAll(async () => {
  made = await monitoringHome('mlops-monitor-ui-monitoring-page-');
  apiHome = await registeredHome('mlops-monitor-ui-monitoring-replica-');
  replica = await startApiReplica(apiHome);
  const dead = `http://127.0.0.1:${await closedPort()}`;
  session = await openDashboard(made.home, [], { MLOPS_API_URLS: `${replica.url},${dead}` });
}, 180_000);

afterAll(async () => {
  await session?.close();
  await replica?.stop();
  rmSync(made.home, { recursive: true, force: true });
  rmSync(apiHome, { recursive: true, force: true });
});

const column = (page: Page, id: string, n: number) =>
  page.locator(`#${id} tbody tr td:nth-child(${n})`).allTextContents();
const search = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);
/** The legend entries ECharts drew into a chart's SVG. */
const legend = (page: Page, id: string) => page.locator(`#${id} svg text`).allTextContents();

test('pick a model, a version and a time range, drill into a feature, and back: the address holds each state', async () => {
  if (!session) throw new Error('no dashboard');
  const { page, errors } = await watchedPage(session.browser);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${session.base}/ui/models`);
  await page.waitForSelector('body[data-view="models"]');
  await rendered(page, () => page.click('#models tr:has(a:text-is("churn")) a.monitoring-link'));
  expect(new URL(page.url()).pathname).toBe('/ui/models/churn/monitoring');
  await page.waitForSelector('body[data-view="monitoring"]');
  expect(await page.getAttribute('#pick-range button[aria-pressed="true"]', 'data-range')).toBe('24h');
  // Every version, each counted apart: v1's last minute is inside 24h back from the newest prediction.
  expect(await column(page, 'traffic', 1)).toEqual(['v1', 'v2']);
  expect(await column(page, 'traffic', 2)).toEqual(['1', '1440']);
  expect(await page.locator('#drift-checks tbody tr').count()).toBe(3);
  expect(await legend(page, 'serving-rate')).toEqual(expect.arrayContaining(['v1', 'v2']));
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'ui-monitoring.png'), fullPage: true });

  // Pick v2: only its traffic and its checks.
  await rendered(page, () => page.selectOption('#pick-version', '2'));
  expect(search(page)).toEqual({ version: '2' });
  expect(await column(page, 'traffic', 1)).toEqual(['v2']);
  expect(await page.locator('#drift-checks tbody tr').count()).toBe(2);
  expect(await legend(page, 'serving-rate')).not.toContain('v1');

  // The last hour: 61 one-minute buckets of v2, the newest check only.
  await rendered(page, () => page.click('#pick-range button[data-range="1h"]'));
  expect(search(page)).toEqual({ version: '2', range: '1h' });
  expect(await column(page, 'traffic', 2)).toEqual(['61']);
  expect(await page.textContent('#serving-window')).toContain(
    '2026-01-02T22:59:00.000Z to 2026-01-02T23:59:00.000Z',
  );
  expect(await page.locator('#drift-checks tbody tr').count()).toBe(1);
  // The newest check joined labels: performance over time against the test metrics is drawn.
  expect(await page.locator('#performance .small-chart svg').count()).toBeGreaterThan(0);

  // Drill into the second most drifted feature.
  const features = await column(page, 'drift-features', 1);
  expect(features.length).toBeGreaterThan(1);
  expect(await page.getAttribute('#feature-detail', 'data-feature')).toBe(features[0]);
  await rendered(page, () => page.click(`#drift-features a:text-is("${features[1]}")`));
  expect(search(page)).toEqual({ version: '2', range: '1h', feature: features[1] });
  expect(await page.getAttribute('#feature-detail', 'data-feature')).toBe(features[1]);
  expect(await page.textContent('#feature-detail h3')).toBe(`Feature ${features[1]}`);
  expect(await legend(page, 'feature-distribution')).toEqual(
    expect.arrayContaining(['reference', 'current']),
  );
  await page.screenshot({ path: join(ARTIFACTS, 'ui-monitoring-feature.png'), fullPage: true });

  // Back and forward re-render from the address alone.
  await rendered(page, () => page.goBack());
  expect(search(page)).toEqual({ version: '2', range: '1h' });
  expect(await page.getAttribute('#feature-detail', 'data-feature')).toBe(features[0]);
  await rendered(page, () => page.goBack());
  expect(search(page)).toEqual({ version: '2' });
  expect(await page.getAttribute('#pick-range button[aria-pressed="true"]', 'data-range')).toBe('24h');
  await rendered(page, () => page.goForward());
  expect(await page.getAttribute('#pick-range button[aria-pressed="true"]', 'data-range')).toBe('1h');

  // Another model: the range carries over, the version does not; fraud has no traffic and no check.
  await rendered(page, () => page.selectOption('#pick-model', 'fraud'));
  expect(new URL(page.url()).pathname).toBe('/ui/models/fraud/monitoring');
  expect(search(page)).toEqual({ range: '1h' });
  expect(await page.isVisible('#no-checks')).toBe(true);
  expect(await page.isVisible('#no-traffic')).toBe(true);

  // To fraud's model page, and from its model picker to churn's; its monitoring fact links back here.
  await rendered(page, () => page.click('a:text-is("← fraud")'));
  expect(new URL(page.url()).pathname).toBe('/ui/models/fraud');
  await rendered(page, () => page.selectOption('#pick-model', 'churn'));
  expect(new URL(page.url()).pathname).toBe('/ui/models/churn');
  expect(await page.textContent('#model-name')).toBe('churn');
  await rendered(page, () => page.click('a:text-is("production v2 only")'));
  expect(new URL(page.url()).pathname).toBe('/ui/models/churn/monitoring');
  expect(search(page)).toEqual({ version: '2' });
  expect(await page.inputValue('#pick-version')).toBe('2');
  expect(errors).toEqual([]);
});

test('the replicas of MLOPS_API_URLS: the real one with its counters, the silent one down; a shared address opens as it was', async () => {
  if (!session) throw new Error('no dashboard');
  const { page, errors } = await watchedPage(session.browser);
  await page.goto(`${session.base}/ui/models/churn/monitoring?version=1&range=all`);
  await page.waitForSelector('body[data-view="monitoring"]');
  expect(await page.inputValue('#pick-version')).toBe('1');
  expect(await page.getAttribute('#pick-range button[aria-pressed="true"]', 'data-range')).toBe('all');
  expect(await column(page, 'traffic', 2)).toEqual(['1440']);
  // The time axis over both days: labels fitted to the span, none shown twice (the old dashboard's defect).
  const times = (await legend(page, 'serving-rate')).filter((t) =>
    /^(\d\d-\d\d \d\d:\d\d|\d{4}-\d\d-\d\d|\d\d:\d\d)/.test(t),
  );
  expect(times.length).toBeGreaterThan(3);
  expect(new Set(times).size).toBe(times.length);
  const states = await column(page, 'replicas-table', 2);
  expect(states).toEqual(['up', 'down']);
  expect((await column(page, 'replicas-table', 8))[1]).toContain('not reachable');
  // A bad address parameter is the server's one-line message, not a blank page.
  await page.goto(`${session.base}/ui/models/churn/monitoring?range=2w`);
  await page.waitForSelector('body[data-view="error"]');
  expect(await page.textContent('#error')).toContain('range=2w is not a time range');
  expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
});

test('a custom from/to range: refused inline when from is not before to, then applied, kept in the address and drawn with latency over time', async () => {
  if (!session) throw new Error('no dashboard');
  const { page, errors } = await watchedPage(session.browser);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${session.base}/ui/models/churn/monitoring`);
  await page.waitForSelector('body[data-view="monitoring"]');
  // The inputs hold the window shown (24h back from the newest prediction, UTC).
  expect(await page.inputValue('#range-from')).toBe('2026-01-01T23:59');
  expect(await page.inputValue('#range-to')).toBe('2026-01-02T23:59');
  // From after to: an inline message, the address unchanged, no request made.
  await page.fill('#range-from', '2026-01-02T03:00');
  await page.fill('#range-to', '2026-01-02T01:00');
  await page.click('#range-apply');
  expect(await page.isVisible('#range-error')).toBe(true);
  expect(await page.textContent('#range-error')).toBe(
    'from 2026-01-02 03:00 is not before to 2026-01-02 01:00: pick a from earlier than to',
  );
  expect(new URL(page.url()).search).toBe('');
  // A valid range: the address holds it, no preset is pressed, and each version is counted in it.
  await page.fill('#range-from', '2026-01-01T22:00');
  await page.fill('#range-to', '2026-01-02T02:00');
  await rendered(page, () => page.click('#range-apply'));
  expect(search(page)).toEqual({ from: '2026-01-01T22:00:00Z', to: '2026-01-02T02:00:00Z' });
  expect(await page.locator('#pick-range button[aria-pressed="true"]').count()).toBe(0);
  expect(await page.getAttribute('#custom-range', 'class')).toBe('active');
  expect(await column(page, 'traffic', 1)).toEqual(['v1', 'v2']);
  expect(await column(page, 'traffic', 2)).toEqual(['120', '121']);
  expect(await page.textContent('#serving-window')).toContain('a custom range, both ends included');
  // Latency over time: a line per version and percentile, each in the legend.
  expect(await legend(page, 'serving-latency')).toEqual(
    expect.arrayContaining(['v1 p50', 'v1 p95', 'v1 p99', 'v2 p50', 'v2 p95', 'v2 p99']),
  );
  expect(await page.locator('#serving-latency svg path').count()).toBeGreaterThan(6);
  expect(await page.locator('#drift-checks tbody tr').count()).toBe(1);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'ui-monitoring-custom-range.png'), fullPage: true });
  // The shared address opens as it was; picking a version keeps the range; a preset replaces it.
  await page.goto(
    `${session.base}/ui/models/churn/monitoring?from=2026-01-01T22:00:00Z&to=2026-01-02T02:00:00Z`,
  );
  await page.waitForSelector('body[data-view="monitoring"]');
  expect(await page.inputValue('#range-from')).toBe('2026-01-01T22:00');
  await rendered(page, () => page.selectOption('#pick-version', '2'));
  expect(search(page)).toEqual({ version: '2', from: '2026-01-01T22:00:00Z', to: '2026-01-02T02:00:00Z' });
  expect(await column(page, 'traffic', 2)).toEqual(['121']);
  await rendered(page, () => page.click('#pick-range button[data-range="1h"]'));
  expect(search(page)).toEqual({ version: '2', range: '1h' });
  expect(errors).toEqual([]);
});

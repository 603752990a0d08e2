import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDatasetGenerator } from '@mlops/features';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../__tests__/chromium';
import { logTraffic, monitor, registeredHome } from '../__tests__/fixture';

/** Screenshots are kept here after the run (git-ignored), for a person to look at. */
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

let home: string;
let browser: Browser;
const FROM = new Date('2026-01-01T00:00:00Z');

beforeAll(async () => {
  home = await registeredHome('mlops-monitor-chromium-report-');
  await logTraffic(home, {
    from: FROM,
    rows: 2_000,
    stepMs: 60_000,
    shift: { monthly_charges: 40 },
    set: (i): Record<string, string> => (i % 20 === 0 ? { contract: '<b>weekly</b>' } : {}),
  });
  const churn = getDatasetGenerator('churn').generate(2_000, 7);
  const lines = ['request_id,churn'];
  for (let i = 0; i < 2_000; i += 1) lines.push(`r-${FROM.getTime()}-${i},${churn.cell('churn', i)}`);
  writeFileSync(join(home, 'labels.csv'), lines.join('\n'));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(home, { recursive: true, force: true });
});

test('every section of the report renders in headless Chromium with no console error and no request out', async () => {
  const run = await monitor(home, [
    'run',
    '--json',
    '--labels',
    join(home, 'labels.csv'),
    '--out',
    join(home, 'out'),
  ]);
  expect(run.stderr).toBe('');
  const { html_path: htmlPath } = run.json();
  expect(statSync(htmlPath).size).toBeLessThan(2 * 1024 * 1024);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`file://${htmlPath}`);
  for (const id of [
    'feature-drift',
    'not-monitored',
    'prediction-drift',
    'feature-details',
    'data-quality',
    'live-metrics',
    'target-drift',
    'performance',
    'global-importance',
    'traffic',
  ]) {
    const section = page.locator(`section#${id}`);
    expect(await section.count()).toBe(1);
    expect(await section.isVisible()).toBe(true);
    const box = await section.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(30);
  }
  // Every chart is drawn with real shapes, and a drifted feature's drill-down is open.
  const figures = page.locator('figure > svg');
  expect(await figures.count()).toBeGreaterThan(10);
  for (const chart of await figures.all()) {
    // Beyond its legend key: bars, dots, or a line that goes somewhere.
    expect(await chart.locator('rect, path[d^="M"], circle').count()).toBeGreaterThanOrEqual(2);
  }
  expect(await page.locator('#feature-0-monthly_charges').getAttribute('open')).toBe('');
  expect(await page.locator('#feature-0-monthly_charges figure svg').isVisible()).toBe(true);
  // The markup logged in a category is text on the page, not an element.
  expect(await page.locator('#feature-details b', { hasText: /^weekly$/ }).count()).toBe(0);
  expect(await page.locator('#feature-details td', { hasText: '<b>weekly</b>' }).count()).toBe(1);
  expect(await page.locator('table.confusion td').count()).toBe(4);
  // Global importance: one bar per input field, every bar from the same x (zero), longest first.
  const bars = await page
    .locator('#global-importance rect.importance-bar')
    .evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect()).map((b) => [b.left, b.width]));
  expect(bars.length).toBeGreaterThan(3);
  expect(new Set(bars.map(([left]) => Math.round(left))).size).toBe(1);
  const widths = bars.map(([, width]) => width);
  expect(widths).toEqual([...widths].sort((a, b) => b - a));
  mkdirSync(ARTIFACTS, { recursive: true });
  const screenshot = join(ARTIFACTS, 'monitor-report.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');
  expect(problems).toEqual([]);
  expect(requests).toEqual([`file://${htmlPath}`]);
  await page.close();
});

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type DashboardSession, openDashboard } from '../__tests__/dashboardSession';
import { type RunsHome, regressionRuns, runsHome } from '../__tests__/runsFixture';
import { watchedPage as openWatchedPage, rendered } from '../__tests__/watchedPage';

// The compare view in headless Debian Chromium, served by `monitor serve` on runs made
// through the real run store: ticked on the runs page, opened from its shareable
// address, with bars measured on the SVG ECharts drew.

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

let made: RunsHome;
let regression: Awaited<ReturnType<typeof regressionRuns>>;
let session: DashboardSession | undefined;

beforeAll(async () => {
  made = await runsHome('mlops-monitor-ui-compare-page-');
  regression = await regressionRuns(made.home);
  session = await openDashboard(made.home);
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await session?.close();
  rmSync(made.home, { recursive: true, force: true });
});

const watchedPage = () => openWatchedPage((session as DashboardSession).browser);

/** Where a metric's bars lie on the page (top to bottom, one per run), their colour, and the x of the axis's '0'. */
interface DrawnBars {
  bars: { left: number; right: number; fill: string }[];
  zero: number;
}

function barsOf(page: Page, metric: string): Promise<DrawnBars> {
  return page.locator(`.bar-chart[data-metric="${metric}"] svg`).evaluate((svg) => {
    const bars = [...svg.querySelectorAll('path')]
      .filter((path) => ['#2563eb', '#dc2626'].includes(path.getAttribute('fill') ?? ''))
      .map((path) => {
        const box = path.getBoundingClientRect();
        return { left: box.left, right: box.right, fill: path.getAttribute('fill') ?? '' };
      });
    // The value axis's tick labels are centred under their value.
    const tick = [...svg.querySelectorAll('text')].find(
      (text) => text.textContent === '0' && text.getAttribute('text-anchor') === 'middle',
    );
    if (!tick) throw new Error('the value axis has no 0 label');
    const box = tick.getBoundingClientRect();
    return { bars, zero: box.left + box.width / 2 };
  });
}

const rowsOf = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((rows) => rows.map((row) => row.querySelector('td')?.textContent));

test('two runs ticked on the runs page open a shareable compare view: params that differ marked, bars from zero', async () => {
  const { page, errors } = await watchedPage();
  await page.goto(`${session?.base}/ui/runs`);
  await page.waitForSelector('body[data-view="runs"]');
  expect(await page.isDisabled('#compare')).toBe(true);
  await page.check(`input[aria-label="compare run ${made.logistic.id}"]`);
  expect(await page.isDisabled('#compare')).toBe(true);
  await page.check(`input[aria-label="compare run ${made.tree.id}"]`);
  expect(await page.textContent('#compare')).toBe('Compare 2');
  await rendered(page, () => page.click('#compare'));

  // The address names the runs in the table's order (newest first), so it can be shared.
  const address = new URL(page.url());
  expect(address.pathname).toBe('/ui/compare');
  expect(address.searchParams.get('runs')).toBe(`${made.tree.id},${made.logistic.id}`);
  expect(await page.getAttribute('body', 'data-view')).toBe('compare');
  expect(await page.locator('#compare-params thead th').allTextContents()).toEqual([
    'param',
    made.tree.id,
    made.logistic.id,
  ]);
  expect(await rowsOf(page, '#compare-params tbody tr.differs')).toEqual(['model', 'split']);
  expect(await rowsOf(page, '#compare-params tbody tr:not(.differs)')).toEqual(['data', 'seed']);
  expect(await page.locator('#compare-params tr.differs td').nth(1).textContent()).toBe('tree');
  expect(await page.textContent('#params-summary')).toBe('2 of 4 params differ (marked).');

  // roc_auc 0.83 and 0.71: both bars start at the axis's 0 and their lengths are in the
  // values' ratio (a chart scaled from its minimum or to its maximum would not be).
  const { bars, zero } = await barsOf(page, 'roc_auc');
  expect(bars).toHaveLength(2);
  for (const bar of bars) expect(Math.abs(bar.left - zero)).toBeLessThan(1.5);
  const [tree, logistic] = bars.map((bar) => bar.right - bar.left);
  expect(logistic / tree).toBeCloseTo(0.71 / 0.83, 2);
  // fit_seconds: only the logistic run has it, so one bar.
  expect((await barsOf(page, 'fit_seconds')).bars).toHaveLength(1);
  await page.screenshot({ path: join(ARTIFACTS, 'ui-compare.png'), fullPage: true });

  // Back to the runs page; the run links lead to each run.
  await rendered(page, () => page.click(`#compare-runs a:text-is("${made.logistic.id}")`));
  expect(new URL(page.url()).pathname).toBe(`/ui/runs/${made.logistic.id}`);
  expect(errors).toEqual([]);
  await page.close();
}, 60_000);

test('a negative R² runs left of zero and R² 0.012 stays a sliver, on a shared compare address', async () => {
  const { page, errors } = await watchedPage();
  await page.goto(`${session?.base}/ui/compare?runs=${regression.negative.id},${regression.small.id}`);
  await page.waitForSelector('body[data-view="compare"]');
  const { bars, zero } = await barsOf(page, 'r2');
  expect(bars.map((bar) => bar.fill)).toEqual(['#dc2626', '#2563eb']);
  const [negative, small] = bars;
  expect(Math.abs(negative.right - zero)).toBeLessThan(1.5);
  expect(Math.abs(small.left - zero)).toBeLessThan(1.5);
  expect((negative.right - negative.left) / (small.right - small.left)).toBeCloseTo(0.2 / 0.012, 0);
  expect(await page.locator('.bar-chart[data-metric="r2"] svg text').allTextContents()).toEqual(
    expect.arrayContaining(['-0.2', '0.012']),
  );
  expect(errors).toEqual([]);
  await page.close();
}, 60_000);

test("a study's trials compared draw params against the study's metric as parallel coordinates", async () => {
  const { page, errors } = await watchedPage();
  await page.goto(`${session?.base}/ui/runs?filter=kind%20%3D%20trial`);
  await page.waitForSelector('body[data-view="runs"]');
  for (const trial of made.trials) await page.check(`input[aria-label="compare run ${trial.id}"]`);
  expect(await page.textContent('#compare')).toBe('Compare 3');
  await rendered(page, () => page.click('#compare'));
  const caption = await page.textContent('#study-caption');
  expect(caption).toContain(made.study.id);
  expect(caption).toContain('to its roc_auc');
  // max_depth (the param the trials differ on) and the metric are the axes; one line per trial.
  const texts = await page.locator('#study-chart svg text').allTextContents();
  expect(texts).toEqual(expect.arrayContaining(['max_depth', 'roc_auc']));
  const lines = await page
    .locator('#study-chart svg path')
    .evaluateAll((paths) => paths.filter((p) => p.getAttribute('stroke') === '#2563eb').length);
  expect(lines).toBe(3);
  await page.screenshot({ path: join(ARTIFACTS, 'ui-compare-study.png'), fullPage: true });
  expect(errors).toEqual([]);
  await page.close();
}, 60_000);

test('a compare address naming one run shows the API’s refusal, naming runs= and the fix', async () => {
  const { page, errors } = await watchedPage();
  await page.goto(`${session?.base}/ui/compare?runs=${made.tree.id}`);
  await page.waitForSelector('body[data-view="error"]');
  expect(await page.textContent('#error')).toBe(
    'runs= names 1 run: give 2 to 10 run ids separated by commas, e.g. runs=ID1,ID2',
  );
  // The one console line is Chromium's own note of the API's 400.
  expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  await page.close();
}, 30_000);

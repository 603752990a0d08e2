import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type DashboardSession, openDashboard } from '../__tests__/dashboardSession';
import { type ImportanceHome, importanceHome } from '../__tests__/importanceFixture';
import { rendered, watchedPage } from '../__tests__/watchedPage';

// Global importance on the model page in headless Debian Chromium, served by `monitor serve`
// on versions the test kit trained: production's drawn when the page opens, another's when
// its block is opened, and a model that cannot be explained as a note; bars measured on the SVG.

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

let made: ImportanceHome;
let session: DashboardSession | undefined;
beforeAll(async () => {
  made = await importanceHome('mlops-monitor-ui-importance-page-');
  session = await openDashboard(made.home);
  mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);
afterAll(async () => {
  await session?.close();
  rmSync(made.home, { recursive: true, force: true });
});

/** The bars ECharts drew for a version's importance (top to bottom) and the x of the axis's '0'. */
function barsOf(page: Page, version: number) {
  return page.locator(`#importance-${version} .importance-chart svg`).evaluate((svg) => {
    const bars = [...svg.querySelectorAll('path')]
      .filter((path) => path.getAttribute('fill') === '#2563eb')
      .map((path) => {
        const box = path.getBoundingClientRect();
        return { left: box.left, width: box.width, top: box.top };
      })
      .sort((a, b) => a.top - b.top);
    const tick = [...svg.querySelectorAll('text')].find(
      (text) => text.textContent === '0' && text.getAttribute('text-anchor') === 'middle',
    );
    if (!tick) throw new Error('the value axis has no 0 label');
    const box = tick.getBoundingClientRect();
    return { bars, zero: box.left + box.width / 2 };
  });
}

const tableValues = (page: Page, version: number) =>
  page
    .locator(`#importance-table-${version} tbody tr`)
    .evaluateAll((rows) => rows.map((r) => [r.children[0].textContent, Number(r.children[1].textContent)]));

test('the model page draws each version’s global importance as bars from zero, and a note for a model that cannot explain', async () => {
  if (!session) throw new Error('no dashboard');
  const { page, errors } = await watchedPage(session.browser);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${session.base}/ui/models/churn`);
  await page.waitForSelector('body[data-view="model"]');
  // Production (v1, logistic) is open: its importance is drawn before the render counts as done.
  expect(await page.getAttribute('#importance-1', 'data-state')).toBe('drawn');
  const rows = await tableValues(page, 1);
  expect(rows.map((r) => r[0])).toContain('contract');
  const values = rows.map((r) => r[1] as number);
  expect(values).toEqual([...values].sort((a, b) => b - a));
  const { bars, zero } = await barsOf(page, 1);
  expect(bars).toHaveLength(rows.length);
  // Every bar starts at the axis's 0 and its length is in proportion to its value.
  for (const bar of bars) expect(Math.abs(bar.left - zero)).toBeLessThan(1.5);
  const perUnit = bars[0].width / values[0];
  for (const [i, bar] of bars.entries()) expect(Math.abs(bar.width - values[i] * perUnit)).toBeLessThan(1.5);
  await page.locator('#version-1').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'ui-model-importance.png'), fullPage: true });

  // v2 (boosting) is closed: opening it loads and draws its own.
  expect(await page.getAttribute(`#importance-${made.boosting}`, 'data-state')).toBe('idle');
  await page.click(`#version-${made.boosting} summary`);
  await page.waitForSelector(`#importance-${made.boosting}[data-state="drawn"]`);
  expect((await barsOf(page, made.boosting)).bars.length).toBe(rows.length);

  // v3, a decision tree stored without per-node counts: a note, not an error.
  await page.click(`#version-${made.oldTree} summary`);
  await page.waitForSelector(`#importance-${made.oldTree}[data-state="unavailable"]`);
  expect(await page.textContent(`#importance-${made.oldTree} .importance-note`)).toMatch(
    new RegExp(
      `^Not available for this model kind: this decision_tree of v${made.oldTree} cannot be explained`,
    ),
  );
  expect(await page.locator(`#importance-${made.oldTree} .importance-chart`).count()).toBe(0);
  expect(await page.locator('.error:not([hidden])').count()).toBe(0);
  await page.locator(`#version-${made.oldTree}`).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'ui-model-importance-unavailable.png') });

  // A multiclass model: summed over its classes, said under the chart.
  await rendered(page, () => page.selectOption('#pick-model', 'contract'));
  await page.click(`#version-${made.multiclass} summary`);
  await page.waitForSelector(`#importance-${made.multiclass}[data-state="drawn"]`);
  expect(await page.textContent(`#importance-${made.multiclass}`)).toContain('summed over the classes');
  expect(errors).toEqual([]);
});

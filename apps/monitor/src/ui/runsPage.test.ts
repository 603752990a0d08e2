import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type DashboardSession, openDashboard } from '../__tests__/dashboardSession';
import { MARKUP_ERROR, type RunsHome, runsHome } from '../__tests__/runsFixture';
import { watchedPage as openWatchedPage, rendered } from '../__tests__/watchedPage';

// The Runs pages in headless Debian Chromium, served by `monitor serve` on runs made
// through the real run store: sort and filter kept in the address, a study's trials
// under it (collapsible), and a run's detail.

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

let made: RunsHome;
let session: DashboardSession | undefined;

beforeAll(async () => {
  made = await runsHome('mlops-monitor-ui-runs-page-');
  session = await openDashboard(made.home);
}, 120_000);

afterAll(async () => {
  await session?.close();
  rmSync(made.home, { recursive: true, force: true });
});

const watchedPage = () => openWatchedPage((session as DashboardSession).browser);

const topRuns = (page: Page) =>
  page
    .locator('#runs tbody tr:not(.child)')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run')));
const childRuns = (page: Page) =>
  page.locator('#runs tbody tr.child').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run')));

test('a shared sorted address orders the runs, headers re-sort, the filter box updates the address, and a run opens', async () => {
  const { page, errors } = await watchedPage();
  await page.goto(`${session?.base}/ui/runs?sort=metrics.roc_auc%20desc`);
  await page.waitForSelector('body[data-view="runs"]');
  expect(await topRuns(page)).toEqual([made.tree.id, made.study.id, made.logistic.id, made.failed.id]);
  const [depth2, depth4, pruned] = made.trials;
  expect(await childRuns(page)).toEqual([depth4.id, depth2.id, pruned.id]);
  expect(await page.getAttribute('#runs th[data-field="metrics.roc_auc"]', 'aria-sort')).toBe('descending');
  expect(await page.textContent('#runs-count')).toBe('7 runs (at most 100), sorted by metrics.roc_auc desc');
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'ui-runs.png'), fullPage: true });

  // The study's trials fold away under it, and come back.
  const toggle = page.locator(`#runs tr[data-run="${made.study.id}"] button.toggle`);
  await toggle.click();
  expect(await page.locator('#runs tbody tr.child:visible').count()).toBe(0);
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  await toggle.click();
  expect(await page.locator('#runs tbody tr.child:visible').count()).toBe(3);

  // A second click on the sorted header sorts ascending, in the page (no reload) and in the address.
  await page.evaluate(() => {
    (globalThis as unknown as { stayed: boolean }).stayed = true;
  });
  await rendered(page, () => page.click('#runs th[data-field="metrics.roc_auc"] a'));
  expect(new URL(page.url()).searchParams.get('sort')).toBe('metrics.roc_auc asc');
  expect(await topRuns(page)).toEqual([made.logistic.id, made.study.id, made.tree.id, made.failed.id]);
  expect(await page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed)).toBe(true);

  // The filter box takes the CLI's conditions; the address holds each, and the sort stays.
  await page.fill('#run-filter', 'kind = trial and metrics.score >= 0.75');
  await rendered(page, () => page.press('#run-filter', 'Enter'));
  const address = new URL(page.url());
  expect(address.pathname).toBe('/ui/runs');
  expect(address.searchParams.getAll('filter')).toEqual(['kind = trial', 'metrics.score >= 0.75']);
  expect(address.searchParams.get('sort')).toBe('metrics.roc_auc asc');
  // Their parent did not match: the trials stand alone.
  expect(await topRuns(page)).toEqual([depth2.id, depth4.id]);
  expect(await childRuns(page)).toEqual([]);

  // A trial's page names its study and the study's data.
  await rendered(page, () => page.click(`#runs a:text-is("${depth4.id}")`));
  expect(await page.getAttribute('body', 'data-view')).toBe('run');
  expect(new URL(page.url()).pathname).toBe(`/ui/runs/${depth4.id}`);
  expect(await page.textContent('#run-id')).toBe(depth4.id);
  expect(await page.textContent('#run-facts')).toContain(made.study.id);
  expect(await page.textContent('#run-data')).toContain("(its study's)");

  // Back returns to the filtered table, its box filled from the address.
  await rendered(page, () => page.goBack());
  expect(await page.inputValue('#run-filter')).toBe('kind = trial and metrics.score >= 0.75');
  expect(await topRuns(page)).toEqual([depth2.id, depth4.id]);
  expect(errors).toEqual([]);
  await page.close();
}, 90_000);

test("a run's page shows its params, metrics, tags, artifacts with sizes, data and the version made from it", async () => {
  const { page, errors } = await watchedPage();
  await page.goto(`${session?.base}/ui/models`);
  await page.waitForSelector('body[data-view="models"]');
  await rendered(page, () => page.click('header nav a:text-is("Runs")'));
  expect(new URL(page.url()).pathname).toBe('/ui/runs');
  await rendered(page, () => page.click(`#runs a:text-is("${made.logistic.id}")`));
  expect(await page.textContent('#run-id')).toBe(made.logistic.id);
  /** Each body row of a table as its cells' text joined by tabs. */
  const pairs = async (id: string) => {
    const rows = page.locator(`#${id} tbody tr`);
    const out: string[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      out.push((await rows.nth(i).locator('td').allTextContents()).join('\t'));
    }
    return out;
  };
  expect(await pairs('run-metrics')).toEqual(['f1\t0.52', 'fit_seconds\t0.5', 'roc_auc\t0.71']);
  expect(await pairs('run-params')).toEqual(
    expect.arrayContaining(['model\tlogistic', 'seed\t1', 'split\trandom']),
  );
  expect(await pairs('run-tags')).toEqual(['owner\tana']);
  expect(await pairs('run-artifacts')).toEqual([`model.json\t${made.artifactBytes} B`]);
  const data = await page.textContent('#run-data');
  expect(data).toContain(String(made.logistic.params.data));
  expect(data).toContain('churn v1');
  expect(await page.textContent('#run-facts')).toContain('finished');
  await page.screenshot({ path: join(ARTIFACTS, 'ui-run-page.png'), fullPage: true });

  // The version link goes to the model's page.
  await rendered(page, () => page.click('#run-data a:text-is("churn v1")'));
  expect(new URL(page.url()).pathname).toBe('/ui/models/churn');
  expect(errors).toEqual([]);
  await page.close();
}, 60_000);

test("a failed run's error holding markup is shown as text, and a filter the server refuses is shown beside the box", async () => {
  const { page, errors } = await watchedPage();
  await page.goto(`${session?.base}/ui/runs/${made.failed.id}`);
  await page.waitForSelector('body[data-view="run"]');
  expect(await page.textContent('#run-facts')).toContain(MARKUP_ERROR);
  expect(await page.locator('main img, main script').count()).toBe(0);

  await page.goto(`${session?.base}/ui/runs`);
  await page.waitForSelector('body[data-view="runs"]');
  await page.fill('#run-filter', 'roc_auc > 0.8');
  await rendered(page, () => page.press('#run-filter', 'Enter'));
  expect(await page.getAttribute('body', 'data-view')).toBe('runs');
  expect(await page.textContent('#query-error')).toContain("run filter 'roc_auc > 0.8' does not parse");
  expect(await page.inputValue('#run-filter')).toBe('roc_auc > 0.8');
  // The one console line is Chromium's own note of the API's 400.
  expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  await page.close();
}, 60_000);

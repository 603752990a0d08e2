import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { openStores } from '@mlops/registry';
import type { Page } from 'playwright-core';
import { challengerStore, labelledChallengerCheck } from '../__tests__/challengerFixture';
import { type DashboardSession, openDashboard } from '../__tests__/dashboardSession';
import { rendered, watchedPage } from '../__tests__/watchedPage';

// The monitoring view's champion vs challenger panel in headless Debian Chromium, served by
// `monitor serve` on a store whose log holds champion v1, a shadow v3 on the same requests
// (wrong on every 4th) and a canary v2 from 05:00 on (see challengerFixture).

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

let home: string;
let session: DashboardSession | undefined;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'mlops-monitor-ui-challenger-page-'));
  const stores = await openStores({ home });
  await challengerStore(stores);
  await stores.close();
  session = await openDashboard(home);
}, 180_000);

afterAll(async () => {
  await session?.close();
  rmSync(home, { recursive: true, force: true });
});

const column = (page: Page, n: number) =>
  page.locator(`#challenger-roles tbody tr td:nth-child(${n})`).allTextContents();

test('the panel lists champion, canary and shadow with the shadow’s agreement, and overlays their histograms', async () => {
  if (!session) throw new Error('no dashboard');
  const { page, errors } = await watchedPage(session.browser);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${session.base}/ui/models/churn/monitoring?range=all`);
  await page.waitForSelector('body[data-view="monitoring"]');
  expect(await page.textContent('#challenger h2')).toBe('Champion vs challenger');
  expect(await page.isVisible('#no-challenger')).toBe(false);
  expect(await column(page, 1)).toEqual(['champion', 'canary', 'shadow']);
  expect(await column(page, 2)).toEqual(['v1', 'v2', 'v3']);
  expect(await column(page, 3)).toEqual(['600', '100', '300']);
  // Answered: 600 champion + 100 canary requests; the shadow scored 300 of them again.
  expect(await column(page, 4)).toEqual(['85.71 %', '14.29 %', '42.86 %']);
  expect((await column(page, 5))[0]).toBe('0: 80 %, 1: 20 %');
  expect((await column(page, 6))[2]).toBe('42 / 42 / 42');
  const agreement = await column(page, 7);
  expect(agreement[2]).toBe('75 % of 300 pairs; 0 evicted, 0 unpaired');
  expect(agreement[1]).toBe('other requests (canary)');
  // scipy.spatial.distance.jensenshannon([480, 120], [50, 50]) = 0.2251 (4 significant digits).
  expect((await column(page, 9))[1]).toBe('0.2251');
  // No labelled check yet: no live metrics, and the line says how to get them.
  expect(await column(page, 10)).toEqual(['–', '–', '–']);
  expect(await page.textContent('#challenger-live-source')).toContain('monitor run --labels');
  // The overlay: one bar series per role, each named in the legend, drawn as SVG.
  const texts = await page.locator('#challenger-histogram svg text').allTextContents();
  expect(texts).toEqual(expect.arrayContaining(['champion v1', 'canary v2', 'shadow v3']));
  expect(texts.some((t) => t.startsWith('P(predicted class) by role'))).toBe(true);
  expect(await page.locator('#challenger-histogram svg path').count()).toBeGreaterThan(10);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.locator('#challenger').screenshot({ path: join(ARTIFACTS, 'ui-monitoring-challenger.png') });
  expect(errors).toEqual([]);
});

test('a range without canary or shadow records says there is no challenger traffic', async () => {
  if (!session) throw new Error('no dashboard');
  const { page, errors } = await watchedPage(session.browser);
  await page.goto(`${session.base}/ui/models/churn/monitoring?range=all`);
  await page.waitForSelector('body[data-view="monitoring"]');
  expect(await page.locator('#challenger-roles').count()).toBe(1);
  // Before 05:00 only the champion answered: the custom range's panel is the one line.
  await page.fill('#range-from', '2026-02-01T00:00');
  await page.fill('#range-to', '2026-02-01T04:59');
  await rendered(page, () => page.click('#range-apply'));
  expect(await page.isVisible('#no-challenger')).toBe(true);
  expect(await page.textContent('#no-challenger')).toBe('No challenger traffic in this window.');
  expect(await page.locator('#challenger-roles').count()).toBe(0);
  expect(await page.locator('#challenger-histogram').count()).toBe(0);
  // The serving section still shows the champion's traffic of that range.
  expect(await page.locator('#traffic tbody tr td:nth-child(2)').allTextContents()).toEqual(['300']);
  expect(errors).toEqual([]);
});

test('after a labelled check the panel shows each role’s live metrics beside its test metrics, and names the check', async () => {
  if (!session) throw new Error('no dashboard');
  const stores = await openStores({ home });
  const check = await labelledChallengerCheck(stores, home).finally(() => stores.close());
  const { page, errors } = await watchedPage(session.browser);
  await page.goto(`${session.base}/ui/models/churn/monitoring?range=all`);
  await page.waitForSelector('body[data-view="monitoring"]');
  const live = await column(page, 10);
  // The champion is right on 8 of 10 labelled requests; the canary on half of its 50.
  expect(live[0]).toMatch(/^.*accuracy 0\.8 \([+−±][^)]* vs test\).*; 600 labelled$/);
  expect(live[1]).toMatch(/accuracy 0\.5 \(.* vs test\).*; 50 labelled$/);
  expect(live[2]).toMatch(/; 300 labelled$/);
  expect(await page.textContent('#challenger-live-source')).toContain(
    `report ${basename(dirname(check.report_path))}`,
  );
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page
    .locator('#challenger-roles')
    .screenshot({ path: join(ARTIFACTS, 'ui-monitoring-challenger-live.png') });
  expect(errors).toEqual([]);
});

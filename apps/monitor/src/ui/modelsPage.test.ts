import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type DashboardSession, openDashboard } from '../__tests__/dashboardSession';
import { MARKUP_REASON, modelsHome } from '../__tests__/uiFixture';

// The Models page in headless Debian Chromium, served by `monitor serve` on a registry
// the test kit made: the list, a click into a model, its versions and audit trail.

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

let home: string;
let churnDriftLevel: string;
let session: DashboardSession | undefined;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ home, churnDriftLevel } = await modelsHome('mlops-monitor-ui-page-'));
  session = await openDashboard(home);
  ({ browser, base } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
  rmSync(home, { recursive: true, force: true });
});

/** A page that records console errors, script errors and dialogs (dismissed). */
async function watchedPage(): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { page, errors, dialogs };
}

const cells = (page: Page, row: string) => page.locator(`${row} td`).allTextContents();

test('the models list links to a model page whose versions table and audit trail render, with no console error', async () => {
  const { page, errors, dialogs } = await watchedPage();
  await page.goto(`${base}/ui/models`);
  await page.waitForSelector('body[data-view="models"]');
  expect(await page.locator('#models tbody tr').count()).toBe(2);
  const churn = await cells(page, '#models tbody tr:nth-child(1)');
  expect(churn.slice(0, 6)).toEqual(['churn', 'binary', '3', 'v2', 'production → v2', 'v3']);
  expect(churn[7]).toContain(churnDriftLevel);
  const fraud = await cells(page, '#models tbody tr:nth-child(2)');
  expect(fraud.slice(0, 4)).toEqual(['fraud', 'binary', '1', 'none']);
  expect(fraud[6]).toBe('roc_auc > 0.6');
  expect(fraud[7]).toBe('no report yet');
  // The levels the last column shows are explained under the table.
  expect(await page.locator('#alert-legend dt').allTextContents()).toEqual([
    'stable',
    'watch',
    'retrain',
    'nothing to compare',
  ]);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'ui-models.png'), fullPage: true });

  // The link is routed in the page (no reload), and the address says where we are.
  await page.evaluate(() => {
    (globalThis as unknown as { stayed: boolean }).stayed = true;
  });
  await page.click('#models a:text-is("churn")');
  await page.waitForSelector('body[data-view="model"]');
  expect(new URL(page.url()).pathname).toBe('/ui/models/churn');
  expect(await page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed)).toBe(true);
  expect(await page.textContent('#model-name')).toBe('churn');

  const headers = await page.locator('#versions thead th').allTextContents();
  expect(headers.slice(0, 4)).toEqual(['version', 'aliases', 'kind', 'created']);
  expect(headers).toEqual(expect.arrayContaining(['roc_auc', 'gate', 'archived', 'data', 'params']));
  const rows = page.locator('#versions tbody tr');
  expect(await rows.count()).toBe(3);
  // Newest first; production marked, the archived version said so.
  expect(await rows.nth(0).getAttribute('class')).toBe('archived');
  expect(await rows.nth(1).getAttribute('class')).toBe('production');
  const v2 = await cells(page, '#versions tbody tr:nth-child(2)');
  expect(v2[0]).toBe('v2 production');
  expect(v2[1]).toBe('production');
  expect(Number(v2[headers.indexOf('roc_auc')])).toBeGreaterThan(0.5);
  expect(v2[headers.indexOf('archived')]).toBe('no');
  expect(['passed', 'failed']).toContain(v2[headers.indexOf('gate')]);
  expect(v2[headers.indexOf('data')]).toMatch(/^generated:ch… \(\d+ rows\)$/);
  expect((await cells(page, '#versions tbody tr:nth-child(1)'))[headers.indexOf('archived')]).toBe(
    'archived',
  );
  // v2's gate, evaluated against v1 on its own rows, opens beside production's metrics.
  expect(await page.locator('#comparison-2 thead th').allTextContents()).toEqual([
    'metric',
    'v2',
    'baseline',
    expect.stringMatching(/^production v1 \(same \d+ rows\)$/),
  ]);
  expect(await page.locator('#gate-2 tbody tr').count()).toBeGreaterThan(0);

  const audit = page.locator('#audit tbody tr');
  expect(await audit.count()).toBe(3);
  expect((await cells(page, '#audit tbody tr:nth-child(2)')).slice(2, 6)).toEqual([
    'promote',
    'production',
    'v1 → v2',
    'forced',
  ]);
  // The reason holds markup: it is shown as its characters, and nothing ran.
  expect(await page.locator('#audit tbody tr:nth-child(2) td').last().textContent()).toBe(MARKUP_REASON);
  expect(await page.locator('main img, main script').count()).toBe(0);

  await page.screenshot({ path: join(ARTIFACTS, 'ui-model-page.png'), fullPage: true });

  // Back returns to the list, rendered from the address alone.
  await page.goBack();
  await page.waitForSelector('body[data-view="models"]');
  expect(await page.locator('#models tbody tr').count()).toBe(2);
  expect(errors).toEqual([]);
  expect(dialogs).toEqual([]);
  await page.close();
}, 60_000);

test('a model page opened from its shared address shows the same model', async () => {
  const { page, errors } = await watchedPage();
  await page.goto(`${base}/ui/models/fraud`);
  await page.waitForSelector('body[data-view="model"]');
  expect(await page.textContent('#model-name')).toBe('fraud');
  expect(await page.locator('#versions tbody tr').count()).toBe(1);
  expect(await cells(page, '#audit tbody tr')).toEqual([
    expect.any(String),
    expect.any(String),
    'set-gate',
    'gate',
    '– → –',
    'no',
    '–',
    'fraud needs its own floor',
  ]);
  expect(errors).toEqual([]);
  await page.close();
}, 30_000);

test('a model name holding markup in the address is shown as text in the refusal, and runs nothing', async () => {
  const { page, errors, dialogs } = await watchedPage();
  const name = '<img src=x onerror=alert(1)>';
  await page.goto(`${base}/ui/models/${encodeURIComponent(name)}`);
  await page.waitForSelector('body[data-view="error"]');
  const message = await page.textContent('#error');
  expect(message).toContain(JSON.stringify(name));
  expect(message).toContain('is not a model name');
  expect(await page.locator('main img, main script').count()).toBe(0);
  expect(dialogs).toEqual([]);
  // The one console line is Chromium's own note of the API's 400.
  expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  await page.close();
}, 30_000);

test("with a key, a shared model address goes through the login form and lands back on that model's page", async () => {
  const keyed = await openDashboard(home, [], { MLOPS_API_KEY: 'ui-browser-key' });
  try {
    const page = await keyed.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${keyed.base}/ui/models/churn`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/ui/models/churn');
    await page.fill('input[name="key"]', 'ui-browser-key');
    await page.click('button[type="submit"]');
    await page.waitForSelector('body[data-view="model"]');
    expect(new URL(page.url()).pathname).toBe('/ui/models/churn');
    expect(await page.textContent('#model-name')).toBe('churn');
    expect(await page.locator('#versions tbody tr').count()).toBe(3);
    expect(errors).toEqual([]);
  } finally {
    await keyed.close();
  }
}, 60_000);

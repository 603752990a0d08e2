import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openRegistry } from '@mlops/registry';
import type { Page } from 'playwright-core';
import { type DashboardSession, openDashboard } from '../__tests__/dashboardSession';
import { modelsHome } from '../__tests__/uiFixture';
import { rendered, watchedPage } from '../__tests__/watchedPage';

// Promote and rollback from the model page in headless Debian Chromium, served by
// `monitor serve` on a registry the test kit made; every outcome is checked against
// the registry on disk, read through its own API.

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const KEY = 'ui-actions-browser-key';

let home: string;
let open: DashboardSession | undefined;
let keyed: DashboardSession | undefined;

beforeAll(async () => {
  ({ home } = await modelsHome('mlops-monitor-ui-actions-page-'));
  // A bar no churn version reaches, so promoting one is refused by its gate.
  await openRegistry(home).setGate('churn', 'roc_auc > 0.999', { reason: 'a bar no model reaches' });
  open = await openDashboard(home);
  keyed = await openDashboard(home, [], { MLOPS_API_KEY: KEY });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await open?.close();
  await keyed?.close();
  rmSync(home, { recursive: true, force: true });
});

const registry = () => openRegistry(home);
/** Chromium's own console note of an error status the page then shows: not an error of the page. */
const pageErrors = (errors: string[]) => errors.filter((e) => !/status of 40[1349]/.test(e));

/** Clicks, waits for the page drawn again with the outcome, and returns the refusal it shows. */
async function refusalAfter(page: Page, click: string): Promise<string> {
  await rendered(page, () => page.click(click));
  expect(await page.isHidden('#action-result')).toBe(true);
  return (await page.textContent('#action-error:not([hidden])')) ?? '';
}

test('without the admin key Promote is refused in the page and nothing changes in the registry', async () => {
  const { page, errors } = await watchedPage((open as DashboardSession).browser);
  const audit = await registry().readAudit('fraud');
  await page.goto(`${open?.base}/ui/models/fraud`);
  await page.waitForSelector('body[data-view="model"]');
  expect(await refusalAfter(page, '#versions button.promote[data-version="1"]')).toBe(
    'promote and rollback need the admin key: start monitor serve with MLOPS_API_KEY set, then log in at /login',
  );
  // The buttons come back for another try; nothing moved, and no force is offered without the key.
  expect(await page.isEnabled('#versions button.promote[data-version="1"]')).toBe(true);
  expect(await page.locator('#force-promote').count()).toBe(0);
  expect((await registry().readAliases('fraud')).aliases).toEqual({});
  expect(await registry().readAudit('fraud')).toEqual(audit);
  expect(pageErrors(errors)).toEqual([]);
  await page.close();
}, 60_000);

test('logged in with the key: Promote moves production through the gate and the audit trail shows actor ui; a gate refusal shows its reason; Rollback moves back', async () => {
  const { page, errors } = await watchedPage((keyed as DashboardSession).browser);
  await page.goto(`${keyed?.base}/ui/models/fraud`);
  await page.fill('input[name="key"]', KEY);
  await page.click('button[type="submit"]');
  await page.waitForSelector('body[data-view="model"]');
  expect(new URL(page.url()).pathname).toBe('/ui/models/fraud');

  await page.fill('#action-reason', 'first release');
  await rendered(page, () => page.click('#versions button.promote[data-version="1"]'));
  expect(await page.textContent('#action-result')).toBe('Promoted: production none → v1 (audited as ui).');
  expect(await page.locator('#versions tbody tr.production').count()).toBe(1);
  const lastRow = await page.locator('#audit tbody tr').last().locator('td').allTextContents();
  expect(lastRow.slice(1, 5)).toEqual(['ui', 'promote', 'production', '– → v1']);
  expect(lastRow.at(-1)).toBe('first release');
  expect((await registry().readAliases('fraud')).aliases).toEqual({ production: 1 });
  expect((await registry().readAudit('fraud')).at(-1)).toMatchObject({
    actor: 'ui',
    action: 'promote',
    to: 1,
    reason: 'first release',
    gate: { passed: true },
  });
  await page.screenshot({ path: join(ARTIFACTS, 'ui-model-actions.png'), fullPage: true });

  // churn's gate refuses v1: the page says which rule failed, production stays on v2.
  await page.goto(`${keyed?.base}/ui/models/churn`);
  await page.waitForSelector('body[data-view="model"]');
  // Neither production (v2) nor the archived v3 has a Promote button.
  expect(
    await page.locator('#versions button.promote').evaluateAll((b) => b.map((x) => x.dataset.version)),
  ).toEqual(['1']);
  const refusal = await refusalAfter(page, '#versions button.promote[data-version="1"]');
  expect(refusal).toMatch(
    /^v1 of churn was not promoted: its gate refused it \(roc_auc 0\.\d{4} > 0\.9990: FAILED\)/,
  );
  expect((await registry().readAliases('churn')).aliases).toEqual({ production: 2 });
  expect((await registry().readAudit('churn')).at(-1)).toMatchObject({
    actor: 'ui',
    action: 'promote-refused',
  });
  await page.screenshot({ path: join(ARTIFACTS, 'ui-model-gate-refused.png'), fullPage: true });

  // Rollback points production at the version before (v1), no gate re-run, audited.
  await rendered(page, () => page.click('#rollback'));
  expect(await page.textContent('#action-result')).toBe('Rolled back: production v2 → v1 (audited as ui).');
  expect((await registry().readAliases('churn')).aliases).toEqual({ production: 1 });
  expect((await registry().readAudit('churn')).at(-1)).toMatchObject({
    actor: 'ui',
    action: 'rollback',
    from: 2,
    to: 1,
  });
  // Nothing earlier now: the registry's refusal is shown, nothing moves.
  expect(await refusalAfter(page, '#rollback')).toBe(
    "model 'churn' has no earlier production version to roll back to",
  );
  expect((await registry().readAliases('churn')).aliases).toEqual({ production: 1 });
  expect(pageErrors(errors)).toEqual([]);
  await page.close();
}, 90_000);

test('a gate refusal offers Force promote with a required reason: refused without the key, then forced and audited as forced with the reason', async () => {
  const session = keyed as DashboardSession;
  const { page, errors } = await watchedPage(session.browser);
  const logIn = async () => {
    await page.goto(`${session.base}/ui/models/churn`);
    await page.fill('input[name="key"]', KEY);
    await page.click('button[type="submit"]');
    await page.waitForSelector('body[data-view="model"]');
  };
  await logIn();
  // After the test above production is v1 and churn's gate (roc_auc > 0.999) refuses v2.
  expect((await registry().readAliases('churn')).aliases).toEqual({ production: 1 });
  const refusal = await refusalAfter(page, '#versions button.promote[data-version="2"]');
  expect(refusal).toContain('Force promote here, or mlops models promote churn 2 --force --reason');
  const rules = await page.locator('#gate-refusal-rules li').allTextContents();
  expect(rules).toHaveLength(1);
  expect(rules[0]).toMatch(/^roc_auc 0\.\d{4} > 0\.9990: FAILED/);
  expect(await page.textContent('#force-promote-button')).toBe('Force promote v2');
  await page.screenshot({ path: join(ARTIFACTS, 'ui-model-force-offer.png'), fullPage: true });

  // No reason: refused in the page, no request made.
  const audit = (await registry().readAudit('churn')).length;
  await page.click('#force-promote-button');
  expect(await page.textContent('#force-error')).toBe(
    'a forced promotion needs a reason: say why production moves past its gate',
  );
  expect(await registry().readAudit('churn')).toHaveLength(audit);

  // The session gone (logged out elsewhere): the server refuses without the key, nothing moves, the offer stays.
  await page.context().clearCookies();
  await page.fill('#force-reason', 'v1 leaks memory; v2 fixes it');
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/ui/models/churn/promote'));
  await page.click('#force-promote-button');
  expect((await answer).status()).toBe(401);
  await page.waitForSelector('#force-error:not([hidden])');
  expect(await page.textContent('#force-error')).toBe(
    "refused: this move needs the admin key and this page holds no valid session: log in at /login with the key (MLOPS_API_KEY), then try again. The server said: send 'Authorization: Bearer <MLOPS_API_KEY>', or log in at /login",
  );
  expect(await page.isEnabled('#force-promote-button')).toBe(true);
  expect((await registry().readAliases('churn')).aliases).toEqual({ production: 1 });
  expect(await registry().readAudit('churn')).toHaveLength(audit);

  // Logged in again: refused by the gate, then forced with a reason; the audit says forced and keeps it.
  await logIn();
  await refusalAfter(page, '#versions button.promote[data-version="2"]');
  await page.fill('#force-reason', 'v1 leaks memory; v2 fixes it');
  await rendered(page, () => page.click('#force-promote-button'));
  expect(await page.textContent('#action-result')).toBe(
    'Force-promoted: production v1 → v2 past its gate (audited as ui, forced: v1 leaks memory; v2 fixes it).',
  );
  expect(await page.locator('#force-promote').count()).toBe(0);
  const lastRow = await page.locator('#audit tbody tr').last().locator('td').allTextContents();
  expect(lastRow.slice(1, 8)).toEqual([
    'ui',
    'promote',
    'production',
    'v1 → v2',
    'forced',
    'failed',
    'v1 leaks memory; v2 fixes it',
  ]);
  expect((await registry().readAliases('churn')).aliases).toEqual({ production: 2 });
  expect((await registry().readAudit('churn')).at(-1)).toMatchObject({
    actor: 'ui',
    action: 'promote',
    from: 1,
    to: 2,
    forced: true,
    reason: 'v1 leaks memory; v2 fixes it',
    gate: { passed: false },
  });
  await page.screenshot({ path: join(ARTIFACTS, 'ui-model-force-promoted.png'), fullPage: true });
  expect(pageErrors(errors)).toEqual([]);
  await page.close();
}, 90_000);

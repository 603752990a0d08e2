import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { driftTests } from '@mlops/drift';
import { churnSchema, generateChurn, writeArrowFile } from '@mlops/features';
import { logTraffic, monitor, registeredHome } from './__tests__/fixture';

// Findings of a new user (issue 16): what `--test` does on `run` and `drift`, and what the report shows of it.
let home: string;
let reference: string;
let current: string;
beforeAll(async () => {
  home = await registeredHome('mlops-monitor-tests-');
  await logTraffic(home, { from: new Date('2026-01-01T00:00:00Z'), shift: { monthly_charges: 40 } });
  reference = join(home, 'reference.arrow');
  current = join(home, 'current.arrow');
  await writeArrowFile(reference, generateChurn(800, 1).drop(['churn']));
  await writeArrowFile(current, generateChurn(600, 2).drop(['churn']));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const kinds: Record<string, string> = Object.fromEntries(churnSchema.columns.map((c) => [c.name, c.type]));
const run = (...argv: string[]) => monitor(home, ['run', '--since', '2026-01-01T00:00:00Z', ...argv]);
const drift = (...argv: string[]) =>
  monitor(home, ['drift', '--reference', reference, '--current', current, ...argv]);
type Column = { column: string; kind: string; test: string; requestedTest?: string; pValue?: number };

test('run --test ks runs KS on numeric features and chi-square on categorical ones, and says so per feature', async () => {
  const result = await run('--test', 'ks', '--json');
  expect(result.stderr).toBe('');
  const columns = result.json().drift.columns as Column[];
  expect(new Set(columns.map((c) => kinds[c.column]))).toEqual(new Set(['numeric', 'categorical']));
  for (const column of columns) {
    if (kinds[column.column] === 'categorical')
      expect(column).toMatchObject({ test: 'chi2', requestedTest: 'ks' });
    // The fixture's version stores a reference sample: KS on the real values.
    else expect(column).toMatchObject({ test: 'ks', method: expect.stringMatching(/^(exact|asymp)$/) });
  }
  expect(columns.find((c) => c.column === 'monthly_charges')).toMatchObject({ drifted: true });
});

test('drift --test ks runs KS on numeric columns and chi-square on categorical ones', async () => {
  const result = await drift('--test', 'ks', '--json');
  expect(result.stderr).toBe('');
  const columns = result.json().columns as Column[];
  for (const column of columns) {
    expect(column.test).toBe(column.kind === 'categorical' ? 'chi2' : 'ks');
  }
  const text = await drift('--test', 'ks');
  expect(text.stdout).toMatch(
    /^contract +chi2 for ks +statistic [\d.]+ {2}p [\d.e-]+ {2}threshold 0.05 {2}(ok|DRIFT)$/m,
  );
});

test('run --test takes every test name drift --test takes, from one list, and no name fails on a column kind', async () => {
  const choices = (help: string) =>
    /--test <test>[\s\S]*?\(choices: ([^)]*)\)/.exec(help)?.[1].replace(/\s+/g, ' ');
  const runHelp = await monitor(home, ['run', '--help']);
  const driftHelp = await monitor(home, ['drift', '--help']);
  expect(choices(runHelp.stdout)).toBe(driftTests.map((t) => `"${t}"`).join(', '));
  expect(choices(driftHelp.stdout)).toBe(choices(runHelp.stdout));
  for (const test of driftTests) {
    const checked = await run('--test', test, '--json');
    expect([checked.stderr, checked.code]).toEqual(['', expect.any(Number)]);
    expect(checked.code).toBeLessThan(3);
    const compared = await drift('--test', test, '--json');
    expect([compared.stderr, compared.code < 3]).toEqual(['', true]);
  }
});

test('a --threshold that is no p-value for a p-value test is refused naming the option and the fix', async () => {
  for (const command of [run, drift]) {
    const result = await command('--test', 'ks', '--threshold', '5');
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      'error: --threshold 5 is not a p-value: with --test ks a column drifts when p < threshold; give a value below 1, e.g. 0.05\n',
    );
  }
});

test('the report shows the p-value of every test that has one and says which test ran on each feature', async () => {
  const result = (await run('--test', 'ks', '--json', '--out', join(home, 'out-ks'))).json();
  const html = readFileSync(result.html_path, 'utf8');
  const table = html.split('<h2>Feature drift</h2>')[1].split('</table>')[0];
  // What KS was computed against, above the table.
  expect(table).toMatch(
    /KS on [a-z_, ]+: the version's stored reference sample \(\d+ training rows\) against every logged value \(\d+ rows\)/,
  );
  for (const column of result.drift.columns as Column[]) {
    const row = new RegExp(`<tr[^>]*><td>${column.column}</td>(.*?)</tr>`).exec(table)?.[1] ?? '';
    const cells = [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    // kind, test, statistic, p-value, threshold, verdict
    expect(cells[2]).toMatch(/^[\d.e-]+$/);
    expect(cells[3]).toMatch(/^[\d.e-]+$/);
    expect(Number(cells[3])).toBeCloseTo(column.pValue!, 3);
    expect(cells[1]).toContain(column.kind === 'categorical' ? 'chi2' : 'ks');
    if (column.kind === 'categorical') expect(cells[1]).toContain('--test ks does not fit categorical');
    else expect(cells[1]).toContain('stored reference values');
  }
  // Distance tests have no p-value: the cell says so instead of a bare dash.
  const defaults = (await run('--json', '--out', join(home, 'out-default'))).json();
  const page = readFileSync(defaults.html_path, 'utf8')
    .split('<h2>Feature drift</h2>')[1]
    .split('</table>')[0];
  expect(page).not.toContain('<td>–</td>');
  expect(page).toContain('no p-value');
});

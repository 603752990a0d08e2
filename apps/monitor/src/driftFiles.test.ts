import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  categoricalColumn,
  churnSchema,
  DataTable,
  generateChurn,
  schemaPathFor,
  writeArrowFile,
  writeCsvFile,
  writeSchemaFile,
} from '@mlops/features';
import { monitor } from './__tests__/fixture';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlops-monitor-drift-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `monitor drift --reference <reference> --current <current> …options`, in-process. */
const drift = (reference: string, current: string, ...options: string[]) =>
  monitor(dir, ['drift', '--reference', reference, '--current', current, ...options]);

function writeCsv(path: string, table: DataTable, shift: Record<string, number> = {}): string {
  const names = table.columnNames;
  const lines = [names.join(',')];
  for (let i = 0; i < table.numRows; i += 1) {
    lines.push(
      names
        .map((name) => {
          const value = table.cell(name, i);
          return value === null ? '' : typeof value === 'number' ? value + (shift[name] ?? 0) : value;
        })
        .join(','),
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

test('two CSV files: per-column test, statistic, p-value, threshold and verdict; exit code by level', async () => {
  const reference = writeCsv(join(dir, 'ref.csv'), generateChurn(800, 1));
  const same = writeCsv(join(dir, 'same.csv'), generateChurn(800, 5));
  const shifted = writeCsv(join(dir, 'shifted.csv'), generateChurn(800, 5), { monthly_charges: 25 });
  const stable = await drift(reference, same, '--columns', 'monthly_charges,contract,age', '--json');
  expect(stable.code).toBe(0);
  const json = stable.json();
  expect(json).toMatchObject({ level: 'stable', driftedColumns: 0, driftShare: 0, mode: 'data' });
  expect(json.columns.map((c: { column: string; test: string }) => [c.column, c.test])).toEqual([
    ['monthly_charges', 'ks'],
    ['contract', 'chi2'],
    ['age', 'ks'],
  ]);
  expect(json.columns[0]).toEqual(
    expect.objectContaining({
      statistic: expect.any(Number),
      pValue: expect.any(Number),
      threshold: 0.05,
      drifted: false,
    }),
  );
  const drifted = await drift(reference, shifted, '--columns', 'monthly_charges,contract,age');
  expect(drifted.code).toBe(1);
  expect(drifted.stdout).toMatch(
    /^monthly_charges\s+ks\s+statistic [\d.]+\s+p [\d.e-]+\s+threshold 0.05\s+DRIFT$/m,
  );
  expect(drifted.stdout).toMatch(/^WATCH: 1\/3 columns drifted/m);
});

test('--test applies one test to every column it fits (its counterpart to the others); Arrow files work too; a wrong test is exit 3', async () => {
  const reference = join(dir, 'ref.arrow');
  const current = join(dir, 'cur.arrow');
  await writeArrowFile(reference, generateChurn(3000, 1).drop(['customer_id']));
  await writeArrowFile(current, generateChurn(3000, 2).drop(['customer_id']));
  const psi = await drift(reference, current, '--test', 'psi', '--json');
  expect(psi.code).toBe(0);
  expect(
    psi
      .json()
      .columns.every((c: { test: string; threshold: number }) => c.test === 'psi' && c.threshold === 0.2),
  ).toBe(true);
  // KS does not fit a categorical column: chi-square runs there instead, and the result says so.
  const ks = await drift(reference, current, '--test', 'ks', '--columns', 'contract', '--json');
  expect(ks.code).toBeLessThan(3);
  expect(ks.json().columns[0]).toMatchObject({ column: 'contract', test: 'chi2', requestedTest: 'ks' });
  const unknown = await drift(reference, current, '--test', 'anova');
  expect(unknown.code).toBe(3);
  expect(unknown.stderr).toMatch(/Allowed choices are ks, chi2, wasserstein, psi, jensenshannon, zscore/);
});

/** A churn sample with a sign-up date column, as an export from a CRM would have. */
function churnExport(rows: number, seed: number): DataTable {
  const table = generateChurn(rows, seed);
  const dates = Array.from(
    { length: rows },
    (_, i) =>
      `2025-${String(1 + ((i * 7 + seed) % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  );
  return new DataTable([...table.columns, categoricalColumn('signup_date', dates)]);
}

test.each([
  ['arrow', 'with'],
  ['arrow', 'without'],
  ['csv', 'with'],
  ['csv', 'without'],
])(
  'two samples of one generator (%s, %s schema sidecar) are stable: ids and times are skipped, with the reason',
  async (format, sidecar) => {
    const reference = join(dir, `ref-${format}-${sidecar}.${format}`);
    const current = join(dir, `cur-${format}-${sidecar}.${format}`);
    const write = format === 'arrow' ? writeArrowFile : writeCsvFile;
    // Different sizes: 2,000 of the 3,000 reference ids reappear, so an id column tested would "drift".
    await write(reference, churnExport(3_000, 1));
    await write(current, churnExport(2_000, 2));
    if (sidecar === 'with') await writeSchemaFile(schemaPathFor(reference), churnSchema);
    const run = await drift(reference, current, '--json');
    const json = run.json();
    expect(run.code).toBe(0);
    expect(json.level).toBe('stable');
    expect(json.columns.map((c: { column: string }) => c.column)).not.toContain('customer_id');
    expect(json.columns.map((c: { column: string }) => c.column)).not.toContain('signup_date');
    expect(json.columns).toHaveLength(10); // nine features and the label
    const skipped = Object.fromEntries(
      json.skipped.map((s: { column: string; reason: string }) => [s.column, s.reason]),
    );
    expect(skipped).toEqual({
      customer_id:
        sidecar === 'with'
          ? `id column (ref-${format}-with.schema.json): never drift-tested`
          : 'id column (inferred: named like an identifier): never drift-tested',
      signup_date: "time column (inferred: values parse as dates (e.g. '2025-02-01')): never drift-tested",
    });
    expect(json.schema).toBe(sidecar === 'with' ? schemaPathFor(reference) : null);
    const human = await drift(reference, current);
    expect(human.stdout).toMatch(/^customer_id\s+skipped: id column .*never drift-tested$/m);
    expect(human.stdout).toMatch(
      /^STABLE: 0\/10 columns drifted \(share 0\); 2 not tested: customer_id, signup_date$/m,
    );
    // --columns still wins: the id is tested when asked for (and a fresh sample of ids "drifts").
    const asked = await drift(reference, current, '--columns', 'customer_id', '--json');
    expect(asked.json().columns).toEqual([expect.objectContaining({ column: 'customer_id', drifted: true })]);
    expect(asked.code).toBe(2); // one column of one: half or more drifted is retrain
  },
);

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataTable, generateChurn, numericColumn, writeArrowFile } from '@mlops/features';
import { logTraffic, registeredHome } from './__tests__/fixture';
import { monitorProcess } from './__tests__/monitorProcess';

// Finding 8: "nothing compared" used to exit 0 "stable" (an empty file, a profile without
// columns) or 3 "failed" (too few rows). It is exit 4 with one line naming what was empty,
// and with --json a last line `level: 'nothing-to-compare'`. Real processes of the built CLI.

let home: string;
beforeAll(async () => {
  home = await registeredHome('mlops-monitor-nothing-');
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

test('monitor run on a log with no rows in the window is exit 4, naming the model and the fix', async () => {
  const run = await monitorProcess(home, ['run', '--json']);
  expect(run.code).toBe(4);
  expect(run.stderr).toBe(
    'nothing to compare: no logged predictions of churn v1: send traffic to the API, or widen --since/--window\n',
  );
  expect(run.json).toEqual({
    level: 'nothing-to-compare',
    exit_code: 4,
    error: {
      code: 'nothing-to-compare',
      source: 'monitor',
      message:
        'nothing to compare: no logged predictions of churn v1: send traffic to the API, or widen --since/--window',
      details: { model: 'churn', version: 1, predictions: 0, min_rows: 100 },
    },
  });
});

test('fewer predictions than --min-rows is nothing to compare (exit 4), not a failure', async () => {
  await logTraffic(home, { from: new Date('2026-01-01T00:00:00Z'), rows: 50 });
  const run = await monitorProcess(home, ['run', '--since', '2026-01-01T00:00:00Z', '--json']);
  expect(run.code).toBe(4);
  expect(run.stderr).toMatch(
    /^nothing to compare: only 50 logged predictions of churn v1 since 2026-01-01T00:00:00.000Z: a drift check needs at least 100 \(--min-rows\); wait for more traffic or lower --min-rows\n$/,
  );
  expect(run.json).toMatchObject({ level: 'nothing-to-compare', error: { code: 'too-few-rows' } });
  // Without --json stdout stays empty and stderr has the one line.
  const text = await monitorProcess(home, ['run']);
  expect(text.code).toBe(4);
  expect(text.stdout).toBe('');
  expect(text.stderr.trim().split('\n')).toHaveLength(1);
});

test('a version whose profile has no columns is exit 4, not 0 "stable"', async () => {
  const hollow = await registeredHome('mlops-monitor-hollow-', { hollowProfile: true });
  try {
    await logTraffic(hollow, { from: new Date('2026-01-01T00:00:00Z'), rows: 200 });
    const run = await monitorProcess(hollow, ['run', '--json']);
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      'nothing to compare: the reference profile has no columns: register the version again with a profile of its features\n',
    );
    expect(run.json).toMatchObject({ level: 'nothing-to-compare', error: { source: 'drift' } });
  } finally {
    rmSync(hollow, { recursive: true, force: true });
  }
});

/** `monitor drift --reference <reference> --current <current> …options` as a child process on `home`. */
const driftProcess = (reference: string, current: string, ...options: string[]) =>
  monitorProcess(home, ['drift', '--reference', reference, '--current', current, ...options]);

test('monitor drift on an empty file or on files with no column in common is exit 4', async () => {
  const reference = join(home, 'reference.arrow');
  const empty = join(home, 'empty.arrow');
  const other = join(home, 'other.arrow');
  const table = generateChurn(500, 1).drop(['customer_id']);
  await writeArrowFile(reference, table);
  await writeArrowFile(empty, table.take(new Int32Array(0)));
  await writeArrowFile(other, new DataTable([numericColumn('unrelated', [1, 2, 3])]));

  const noRows = await driftProcess(reference, empty, '--json');
  expect(noRows.code).toBe(4);
  expect(noRows.stderr).toBe(
    `nothing to compare: the current file ${empty} has no rows: point --current at a file with the rows to check\n`,
  );
  expect(noRows.json.level).toBe('nothing-to-compare');
  const emptyReference = await driftProcess(empty, reference);
  expect(emptyReference.code).toBe(4);
  expect(emptyReference.stderr).toMatch(/^nothing to compare: the reference file .*empty\.arrow has no rows/);

  const disjoint = await driftProcess(reference, other, '--json');
  expect(disjoint.code).toBe(4);
  expect(disjoint.stderr).toMatch(
    /^nothing to compare: no column could be tested \(tenure_months: only in the reference data; .*; and \d+ more\): give data that shares at least one column with values on both sides\n$/,
  );
  // Nothing dropped silently: every column left out is in the JSON, with the reason.
  expect(disjoint.json.error.skipped).toContainEqual({
    column: 'unrelated',
    reason: 'only in the current data',
  });
});

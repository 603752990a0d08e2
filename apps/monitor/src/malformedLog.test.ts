import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { storeLayout } from '@mlops/registry';
import { logTraffic, registeredHome } from './__tests__/fixture';
import { monitorProcess } from './__tests__/monitorProcess';

// Finding 8: one well-formed but mis-shaped line among 1,000 aborted `monitor run` with
// "Cannot read properties of null (reading 'timestamp')", naming no file or line. Odd lines
// are now skipped, counted, and named by segment and line in the JSON, the text and the HTML.

let home: string;
let segment: string;
beforeAll(async () => {
  home = await registeredHome('mlops-monitor-malformed-');
  await logTraffic(home, { from: new Date('2026-01-01T00:00:00Z'), rows: 1_000 });
  const dir = join(storeLayout(home).predictions, 'churn');
  [segment] = readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
  const lines = readFileSync(join(dir, segment), 'utf8').trimEnd().split('\n');
  // Line 501 is `null`; line 702 an object without most fields; the last line is torn.
  lines.splice(500, 0, 'null');
  lines.splice(701, 0, JSON.stringify({ timestamp: '2026-01-01T00:05:00.000Z', model_version: 1 }));
  lines.push('{"timestamp":"2026-01-01T01:00:00.000Z","request_');
  writeFileSync(join(dir, segment), `${lines.join('\n')}\n`);
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

test('monitor run skips the odd lines, checks the other 1,000 and names each skipped line', async () => {
  const run = await monitorProcess(home, ['run', '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.json).toMatchObject({ level: 'stable', predictions: 1_000 });
  expect(run.json.skipped_log_lines).toEqual({
    count: 3,
    first: [
      { segment, line: 501, reason: 'the line is null, not a record' },
      { segment, line: 702, reason: 'request_id is missing: it must be a string' },
      { segment, line: 1003, reason: 'not valid JSON' },
    ],
  });
  const report = JSON.parse(readFileSync(run.json.report_path, 'utf8'));
  expect(report.skipped_log_lines.count).toBe(3);
  const html = readFileSync(run.json.html_path, 'utf8');
  expect(html).toContain('<h2>Log lines skipped</h2><p>3 lines of the prediction log');
  expect(html).toContain(`<td>${segment}</td><td>501</td><td>the line is null, not a record</td>`);
});

test("the text output's verdict line counts them and one line names each", async () => {
  const run = await monitorProcess(home, ['run']);
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n');
  expect(lines[0]).toMatch(/^churn v1: STABLE \(.*; 3 malformed log lines skipped\)$/);
  expect(lines).toContain(`  skipped log line ${segment}:501: the line is null, not a record`);
  expect(lines).toContain(`  skipped log line ${segment}:1003: not valid JSON`);
});

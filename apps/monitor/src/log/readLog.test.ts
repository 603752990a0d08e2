import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLog } from './readLog';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlops-monitor-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const record = (i: number) => ({
  timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  request_id: `r-${i}`,
  model_name: 'churn',
  model_version: 1,
  features: { x: i },
  prediction: 0,
  probability: 0.2,
  latency_ms: 1,
});

function segment(name: string, lines: string[]): void {
  const folder = join(dir, 'churn');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, name), `${lines.join('\n')}\n`);
}

test('null, mis-shaped and torn lines are skipped with segment, line and reason; the rest is kept in order', async () => {
  segment('b.jsonl', [
    JSON.stringify(record(3)),
    'null',
    JSON.stringify({ ...record(4), model_version: '1' }),
  ]);
  segment('a.jsonl', [
    JSON.stringify(record(1)),
    JSON.stringify({ timestamp: 5 }),
    '{"torn":',
    '[1,2]',
    JSON.stringify(record(2)),
    JSON.stringify({ ...record(6), features: null }),
  ]);
  const log = await readLog({ dir, model: 'churn' });
  expect(log.records.map((r) => r.request_id)).toEqual(['r-1', 'r-2', 'r-3']);
  expect(log.skipped).toEqual({
    count: 6,
    first: [
      { segment: 'a.jsonl', line: 2, reason: 'timestamp is a number: it must be an ISO 8601 time' },
      { segment: 'a.jsonl', line: 3, reason: 'not valid JSON' },
      { segment: 'a.jsonl', line: 4, reason: 'the line is an array, not a record' },
      { segment: 'a.jsonl', line: 6, reason: 'features is null: it must be an object' },
      { segment: 'b.jsonl', line: 2, reason: 'the line is null, not a record' },
      { segment: 'b.jsonl', line: 3, reason: 'model_version is a string: it must be a number' },
    ],
  });
  // Only the first `keep` are listed; the count is all of them.
  expect((await readLog({ dir, model: 'churn', keep: 2 })).skipped.first).toHaveLength(2);
});

test('a clean log reads whole, from the time asked for', async () => {
  segment('a.jsonl', [JSON.stringify(record(1)), JSON.stringify(record(2))]);
  const log = await readLog({ dir, model: 'churn', since: new Date('2026-01-01T00:00:02Z') });
  expect(log.records.map((r) => r.request_id)).toEqual(['r-2']);
  expect(log.skipped).toEqual({ count: 0, first: [] });
});

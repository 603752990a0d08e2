import { PredictionLogReader, PredictionLogWriter, storeLayout } from '@mlops/registry';
import { useMlopsCli } from '../__tests__/mlopsCli';

const { folders, mlops } = useMlopsCli();
const DAY_MS = 86_400_000;

/** One writer (one segment of churn) holding `ids`, logged `daysAgo` days ago. */
async function writeSegment(daysAgo: number, ids: string[]): Promise<void> {
  const writer = new PredictionLogWriter({ dir: storeLayout(folders.home).predictions, flushIntervalMs: 0 });
  for (const id of ids)
    writer.append({
      timestamp: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
      request_id: id,
      model_name: 'churn',
      model_version: 1,
      features: { tenure_months: 3 },
      prediction: 1,
      probability: 0.7,
      latency_ms: 1,
    });
  await writer.close();
}

async function loggedIds(): Promise<string[]> {
  const ids: string[] = [];
  await new PredictionLogReader(storeLayout(folders.home).predictions).readWindow(
    { model: 'churn' },
    { onRecord: (record) => ids.push(record.request_id) },
  );
  return ids.sort();
}

test('log prune --older-than 30d removes the segments holding only older records, keeps the rest, and says what it removed', async () => {
  await writeSegment(40, ['old1', 'old2']);
  await writeSegment(10, ['recent']);
  const result = await mlops('log', 'prune', '--older-than', '30d', '--json');
  expect(result.code).toBe(0);
  expect(result.json).toMatchObject({
    store: 'filesystem',
    removed: [expect.stringMatching(/^churn\/.+\.jsonl$/)],
  });
  expect(Date.now() - Date.parse(result.json.older_than)).toBeGreaterThanOrEqual(30 * DAY_MS);
  expect(await loggedIds()).toEqual(['recent']);
  // 7d then reaches the 10-day-old segment; the human form lists it.
  const human = await mlops('log', 'prune', '--older-than', '7d');
  expect(human.code).toBe(0);
  expect(human.stdout).toMatch(
    /^removed 1 segment of the prediction log older than \S+:\n {2}churn\/\S+\.jsonl\n$/,
  );
  expect(await loggedIds()).toEqual([]);
});

test('log prune --older-than 12h keeps a segment with a record newer than the cutoff, and says nothing was removed', async () => {
  await writeSegment(0, ['now']);
  const result = await mlops('log', 'prune', '--older-than', '12h');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^nothing in the prediction log is older than \S+: nothing removed\n$/);
  expect(await loggedIds()).toEqual(['now']);
});

test('log prune on a home with no prediction log removes nothing', async () => {
  const result = await mlops('log', 'prune', '--older-than', '30d', '--json');
  expect(result.code).toBe(0);
  expect(result.json.removed).toEqual([]);
});

test.each(['30', '3x', '0d', '-1d', '1.5d', 'd'])(
  "log prune --older-than '%s' is a usage error of one line naming the flag and the forms",
  async (value) => {
    await writeSegment(40, ['kept']);
    const result = await mlops('log', 'prune', '--older-than', value);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: --older-than '${value}' is not an age: write a whole number above 0 followed by h (hours) or d (days), e.g. 12h, 7d or 30d\n`,
    );
    expect(await loggedIds()).toEqual(['kept']);
  },
);

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { requestIdsByWriter } from './predictionSegments';

test('groups request ids by the process that wrote the segment, gzipped segments included', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segments-'));
  try {
    const row = (id: string) => `${JSON.stringify({ request_id: id, model_name: 'churn' })}\n`;
    writeFileSync(
      join(dir, '20260101T000000Z_host_12_ab12cd34_0000.jsonl.gz'),
      gzipSync(row('a1') + row('a2')),
    );
    writeFileSync(join(dir, '20260101T000000Z_host_12_ab12cd34_0001.jsonl'), row('a3'));
    writeFileSync(join(dir, '20260101T000001Z_host_13_ef56ab78_0000.jsonl'), row('b1'));
    writeFileSync(join(dir, 'notes.txt'), 'not a segment');
    const writers = requestIdsByWriter(dir);
    expect([...writers.keys()]).toEqual([
      '20260101T000000Z_host_12_ab12cd34',
      '20260101T000001Z_host_13_ef56ab78',
    ]);
    expect([...(writers.get('20260101T000000Z_host_12_ab12cd34') ?? [])]).toEqual(['a1', 'a2', 'a3']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFERENCE_PREDICTION_COLUMN } from '@mlops/models';
import { churnVersion, tempHome } from '../__tests__/fixtures';
import { openRegistry } from '../openRegistry';
import { storeLayout } from '../storeLayout';

let home: string;
beforeEach(() => {
  home = tempHome();
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const referenceFile = (version: number) =>
  join(storeLayout(home).models, 'churn', 'versions', String(version), 'reference.arrow');

test('a version stores its reference sample with a checksum and reads it back as registered', async () => {
  const registry = openRegistry(home);
  const version = churnVersion();
  const record = await registry.registerVersion('churn', version);
  expect(record.referenceRows).toBe(version.referenceSample?.numRows);
  expect(record.checksums?.['reference.arrow']).toMatch(/^[0-9a-f]{64}$/);
  const sample = await registry.readReferenceSample('churn', record.version);
  expect(sample?.columnNames).toEqual(version.referenceSample?.columnNames);
  expect(sample?.column(REFERENCE_PREDICTION_COLUMN)).toEqual(
    version.referenceSample?.column(REFERENCE_PREDICTION_COLUMN),
  );
});

test('a changed byte of the reference sample is corrupt-version naming the file, on read and on verify', async () => {
  const registry = openRegistry(home);
  const { version } = await registry.registerVersion('churn', churnVersion());
  const bytes = readFileSync(referenceFile(version));
  bytes[bytes.length - 9] ^= 0xff;
  writeFileSync(referenceFile(version), bytes);
  await expect(registry.readReferenceSample('churn', version)).rejects.toMatchObject({
    code: 'corrupt-version',
    message: expect.stringContaining('reference.arrow'),
  });
  await expect(registry.verifyVersion('churn', version)).rejects.toMatchObject({ code: 'corrupt-version' });
});

test('a version registered without a reference sample (before it was stored) reads as undefined', async () => {
  const registry = openRegistry(home);
  const { referenceSample: _, ...older } = churnVersion();
  const record = await registry.registerVersion('churn', older);
  expect(record.referenceRows).toBeUndefined();
  expect(await registry.readReferenceSample('churn', record.version)).toBeUndefined();
});

import { existsSync, readFileSync } from 'node:fs';
import { type BaselineProfile, profilePathFor, profileTable } from '@mlops/features';
import { sha256File } from '../provenance';
import type { LoadedDataset } from './loadDataset';

/**
 * The baseline profile of a training file's features: the one `prepare` wrote
 * beside the file when it was made from these very bytes (same sha256) and holds
 * every feature and the label, restricted to the features; otherwise profiled now.
 */
export function baselineProfile(data: LoadedDataset): BaselineProfile {
  const features = data.features.map((spec) => spec.name);
  const kept = readSidecar(data.dataPath);
  if (
    kept &&
    kept.target?.name === data.target &&
    features.every((name) => kept.columns[name] !== undefined)
  ) {
    return { ...kept, columns: Object.fromEntries(features.map((name) => [name, kept.columns[name]])) };
  }
  const inputs = new Set(features);
  return {
    ...profileTable(data.table, {
      target: data.target,
      exclude: data.table.columnNames.filter((column) => !inputs.has(column)),
    }),
    source: { sha256: sha256File(data.dataPath) },
  };
}

function readSidecar(dataPath: string): BaselineProfile | undefined {
  const path = profilePathFor(dataPath);
  if (!existsSync(path)) return undefined;
  try {
    const profile = JSON.parse(readFileSync(path, 'utf8')) as BaselineProfile;
    // A profile from other bytes (the data was regenerated since) is not this file's baseline.
    return profile.source?.sha256 === sha256File(dataPath) ? profile : undefined;
  } catch {
    return undefined;
  }
}

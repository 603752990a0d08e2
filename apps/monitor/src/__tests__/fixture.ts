import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashSensitiveValue, openRegistry, PredictionLogWriter, storeLayout } from '@mlops/registry';
import {
  captureCli,
  logTraffic as logKitTraffic,
  registerTrained,
  type TrafficOptions,
} from '@mlops/testkit';
import { type CliIo, runCli } from '../cli';

/** The salt the fixture's "API" hashes sensitive values with (`MLOPS_HASH_SALT`). */
export const FIXTURE_SALT = 'fixture-salt';

/** Options of {@link registeredHome}. */
export interface HomeOptions {
  /** Generated dataset, also the model's name. @default 'churn' */
  dataset?: string;
  /** Model kind. @default 'logistic' */
  model?: string;
  /**
   * Store the model's own predictions on its held-out rows in the profile, as training
   * does now; false registers the version as older training did (no `profile.predictions`).
   * @default true
   */
  predictions?: boolean;
  /** Whether the id columns are sensitive (hashed in the log's entity key). @default as the dataset's schema says */
  sensitiveIds?: boolean;
  /** Store a reference sample with the version, as training does now; false registers it as older training did. @default true */
  referenceSample?: boolean;
  /** Register a profile without columns (a hollow baseline the check must refuse to call stable). @default false */
  hollowProfile?: boolean;
}

/**
 * A fresh MLOPS_HOME with `<dataset>` v1 trained on 3,000 generated rows (seed 1) and
 * promoted, registered as the trainer registers it (`@mlops/testkit`): features, id
 * columns in the model document, the profile of the features (and the label), the
 * model's own predictions on the held-out rows in the profile, and those rows.
 */
export async function registeredHome(prefix: string, options: HomeOptions = {}): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const name = options.dataset ?? 'churn';
  const registry = openRegistry(home);
  const version = await registerTrained(registry, name, {
    dataset: name,
    rows: 3_000,
    seed: 1,
    model: options.model ?? 'logistic',
    sensitiveIds: options.sensitiveIds,
    predictions: options.predictions,
    referenceSample: options.referenceSample,
    editProfile: options.hollowProfile
      ? (profile) => {
          profile.columns = {};
        }
      : undefined,
  });
  await registry.promote(name, version);
  return home;
}

/**
 * Options of {@link logTraffic}: the kit's traffic (`from`, `rows`, `seed`, `shift`,
 * `set`, `prediction`, `stepMs`, `sensitive`…), with the model and its profile read
 * from the home.
 */
export type Traffic = Omit<TrafficOptions, 'model' | 'name' | 'version' | 'profile' | 'hash'> & {
  /** The registered dataset/model. @default 'churn' */
  model?: string;
  /** The version that answers. @default 1 */
  version?: number;
};

/** `sha256:<hex>` of salt + NUL + value, as the API hashes a sensitive value. */
export function hashValue(value: number | string, salt = FIXTURE_SALT): string {
  return hashSensitiveValue(salt, value);
}

/**
 * Logs predictions of fresh generated rows into the home's prediction log as the API
 * would (`@mlops/testkit`'s `logTraffic`), hashing with {@link FIXTURE_SALT}.
 * Request ids are `r-<from ms>-<i>`; the entity of row i is the generator's id of row i.
 */
export async function logTraffic(home: string, traffic: Traffic): Promise<void> {
  const { model: name = 'churn', version = 1, ...options } = traffic;
  const registry = openRegistry(home);
  const [document, profile] = await Promise.all([
    registry.readModelDocument(name, version),
    registry.readProfile(name, version),
  ]);
  const writer = new PredictionLogWriter({ dir: storeLayout(home).predictions });
  await logKitTraffic(writer, {
    ...options,
    model: document,
    name,
    version,
    profile,
    hash: (v) => hashValue(v),
  });
  await writer.close();
}

/** Runs the CLI in-process, capturing its output; `json()` parses the last stdout line. */
export async function monitor(
  home: string,
  argv: string[],
  extra: Partial<CliIo> = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read the CLI's JSON by path
): Promise<{ code: number; stdout: string; stderr: string; json: () => any }> {
  const { env, ...rest } = extra;
  const { code, stdout, stderr } = await captureCli((streams) =>
    runCli(argv, { ...streams, ...rest, env: { MLOPS_HOME: home, LOG_LEVEL: 'error', ...env } }),
  );
  return { code, stdout, stderr, json: () => JSON.parse(stdout.trim().split('\n').at(-1)!) };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { getDatasetGenerator } from '@mlops/features';
import { openRegistry } from '@mlops/registry';
import { registerTrained } from '@mlops/testkit';
import { storedReports } from '../ui/monitoring/storedReports';
import { FIXTURE_SALT, logTraffic, monitor, registeredHome } from './fixture';

/** Minute steps: a day of traffic is 1,440 predictions. */
const STEP = 60_000;
export const DAY1 = new Date('2026-01-01T00:00:00Z');
export const DAY2 = new Date('2026-01-02T00:00:00Z');
export const DAY2_NOON = new Date('2026-01-02T12:00:00Z');

/** What {@link monitoringHome} made, for the tests to hold the views against. */
export interface MonitoringHome {
  home: string;
  /** Report folder names of the three checks, oldest first. */
  checks: string[];
  /** Drift levels `monitor run` gave the three checks. */
  levels: string[];
}

/**
 * A store as a month of a real service leaves it, made by the project's generators and
 * CLIs: churn v1 served 2026-01-01 (1,440 predictions, one a minute) and was checked
 * (`monitor run --window 1d`); v2 was promoted and served 2026-01-02, its first half
 * shifted in `tenure_months` (checked, `--window 12h`) and its second half shifted
 * further and in `monthly_charges`, checked with the labels that arrived
 * (`--labels`); fraud v1 is registered, with no traffic and no check.
 */
export async function monitoringHome(prefix: string): Promise<MonitoringHome> {
  const home = await registeredHome(prefix);
  const registry = openRegistry(home);
  const v2 = await registerTrained(registry, 'churn', { dataset: 'churn', rows: 3_000, seed: 2 });
  await registerTrained(registry, 'fraud', { dataset: 'fraud', rows: 2_000, seed: 1 });
  const levels: string[] = [];
  const check = async (args: string[]) => {
    const run = await monitor(home, ['run', '--json', ...args]);
    levels.push(run.json().drift.level);
  };
  await logTraffic(home, { from: DAY1, rows: 1_440, stepMs: STEP, seed: 7 });
  await check(['--window', '1d']);
  await registry.promote('churn', v2, { force: true, reason: 'v2 retrained on December data' });
  await logTraffic(home, {
    version: v2,
    from: DAY2,
    rows: 720,
    stepMs: STEP,
    seed: 8,
    shift: { tenure_months: 6 },
  });
  await check(['--window', '12h']);
  await logTraffic(home, {
    version: v2,
    from: DAY2_NOON,
    rows: 720,
    stepMs: STEP,
    seed: 9,
    shift: { tenure_months: 14, monthly_charges: 30 },
  });
  const churn = getDatasetGenerator('churn').generate(720, 9);
  const lines = ['request_id,churn'];
  for (let i = 0; i < 720; i += 1) lines.push(`r-${DAY2_NOON.getTime()}-${i},${churn.cell('churn', i)}`);
  writeFileSync(join(home, 'labels.csv'), lines.join('\n'));
  await check(['--window', '12h', '--labels', join(home, 'labels.csv')]);
  const checks = (await storedReports(home, 'churn')).map((r) => r.id);
  return { home, checks, levels };
}

/** A real API replica (`apps/api`'s build, a child process) on a free port, and how to stop it. */
export interface ApiReplica {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the built API (`apps/api/dist/main.js`, so `pnpm build` first) on `home` with
 * `PORT=0` and resolves once it logs the address it listens on.
 */
export function startApiReplica(home: string): Promise<ApiReplica> {
  const main = resolve(__dirname, '../../../api/dist/main.js');
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      MLOPS_HOME: home,
      PORT: '0',
      MLOPS_MODEL: 'churn',
      MLOPS_HASH_SALT: FIXTURE_SALT,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((done, fail) => {
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s"]+)/.exec(output);
      if (match)
        done({
          url: match[1].replace(/\/$/, '').replace('localhost', '127.0.0.1'),
          stop: () =>
            new Promise<void>((stopped) => {
              child.once('exit', () => stopped());
              child.kill('SIGTERM');
            }),
        });
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', (code) =>
      fail(new Error(`the API exited with ${code} before listening: ${output.trim()}`)),
    );
  });
}

/** A port nothing listens on (bound, then closed): a replica that is down. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  return typeof address === 'object' && address ? address.port : 0;
}

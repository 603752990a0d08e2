import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { RegistryError } from '../errors';
import { processExists } from '../processExists';
import type { NewRun, RunRecord } from '../runs/RunRecord';
import type { RunEnd, RunQuery, RunStore } from '../runs/RunStore';
import type { Database, Queryable } from './Database';
import { runPageQuery, sortsOnKeyRows } from './runQuerySql';
import { loadRuns } from './runRows';
import { loadBytes, type StoredBytes, storeBytes } from './storedBytes';

const ARTIFACT_NAME = /^[\w.-]+$/;

/**
 * Runs in PostgreSQL (tables `runs`, `run_params`, `run_metrics`, `run_artifacts` of
 * migration 1; run `migrate(db)` first). The same contract as `FileSystemRunStore`:
 * the query language's filters and sort become SQL with every value bound, so a list
 * reads only the page it returns. A running run of this host whose process is gone is
 * saved as `abandoned` when runs are read; runs of other hosts are left as they are.
 */
export class PostgresRunStore implements RunStore {
  constructor(private readonly db: Database) {}

  async start(input: NewRun): Promise<RunRecord> {
    const id = `${Date.now().toString(36).padStart(9, '0')}-${randomBytes(4).toString('hex')}`;
    const params = Object.entries(input.params ?? {});
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO runs (id, experiment, kind, status, parent_id, start_time, tags, pid, host)
         VALUES ($1, $2, $3, 'running', $4, $5, $6, $7, $8)`,
        [
          id,
          input.experiment,
          input.kind,
          input.parentId ?? null,
          new Date(),
          JSON.stringify(input.tags ?? {}),
          process.pid,
          hostname(),
        ],
      );
      await tx.query(
        `INSERT INTO run_params (run_id, key, num, txt)
         SELECT $1, k, n, t FROM unnest($2::text[], $3::float8[], $4::text[]) AS x (k, n, t)`,
        [
          id,
          params.map(([key]) => key),
          params.map(([, value]) => (typeof value === 'number' ? value : null)),
          params.map(([, value]) => String(value)),
        ],
      );
      return (await loadRuns(tx, [id]))[0];
    });
  }

  logMetrics(id: string, metrics: Record<string, number>): Promise<RunRecord> {
    return this.db.transaction(async (tx) => {
      await lockRun(tx, id);
      await upsertMetrics(tx, id, metrics);
      return (await loadRuns(tx, [id]))[0];
    });
  }

  async addArtifact(id: string, name: string, content: string | Uint8Array): Promise<string> {
    if (!ARTIFACT_NAME.test(name) || /^\.+$/.test(name)) {
      throw new RegistryError(
        'bad-name',
        `artifact name '${name}' is not allowed: use letters, digits, '.', '-' or '_' (not only dots)`,
      );
    }
    const stored = await storeBytes(content);
    await this.db.transaction(async (tx) => {
      await lockRun(tx, id);
      // A name added again keeps its place in the run's list, as in the filesystem store.
      await tx.query(
        `INSERT INTO run_artifacts (run_id, name, sha256, size, encoding, bytes) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (run_id, name) DO UPDATE
         SET sha256 = excluded.sha256, size = excluded.size, encoding = excluded.encoding, bytes = excluded.bytes`,
        [id, name, stored.sha256, stored.size, stored.encoding, stored.bytes],
      );
    });
    return `run_artifacts/${id}/${name}`;
  }

  /** An artifact's content as it was added, checked against its sha256 (`storage` error when it does not match). */
  async readArtifact(id: string, name: string): Promise<Uint8Array> {
    const { rows } = await this.db.query<StoredBytes>(
      'SELECT sha256, size, encoding, bytes FROM run_artifacts WHERE run_id = $1 AND name = $2',
      [id, name],
    );
    if (rows.length === 0) {
      await this.get(id); // unknown-run when the run itself is missing
      throw new RegistryError(
        'unknown-run',
        `run '${id}' has no artifact '${name}': see \`mlops runs show ${id}\``,
      );
    }
    return loadBytes(rows[0], `artifact '${name}' of run '${id}'`);
  }

  end(id: string, end: RunEnd): Promise<RunRecord> {
    return this.db.transaction(async (tx) => {
      await lockRun(tx, id);
      await tx.query(
        'UPDATE runs SET status = $2, end_time = $3, error = COALESCE($4, error) WHERE id = $1',
        [id, end.status, new Date(), end.error || null],
      );
      await upsertMetrics(tx, id, end.metrics ?? {});
      return (await loadRuns(tx, [id]))[0];
    });
  }

  async get(id: string): Promise<RunRecord> {
    await this.markAbandoned();
    const [run] = await loadRuns(this.db, [id]);
    if (!run) throw unknownRun(id);
    return run;
  }

  async list(query: RunQuery = {}): Promise<RunRecord[]> {
    if (query.limit !== undefined && !(Number.isSafeInteger(query.limit) && query.limit >= 0))
      throw new RegistryError(
        'bad-query',
        `run limit ${query.limit} is not a whole number of runs (0 or more)`,
      );
    await this.markAbandoned();
    // One snapshot for the page and the records read for it.
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const first = runPageQuery(query, 'present', query.limit);
      const ids = (await tx.query<{ id: string }>(first.sql, first.params)).rows.map((row) => row.id);
      const remaining = query.limit === undefined ? undefined : query.limit - ids.length;
      if (sortsOnKeyRows(query.sort) && remaining !== 0) {
        const rest = runPageQuery(query, 'missing', remaining);
        ids.push(...(await tx.query<{ id: string }>(rest.sql, rest.params)).rows.map((row) => row.id));
      }
      return loadRuns(tx, ids);
    });
  }

  /** This host's running runs whose process is gone become `abandoned`, saved as such. */
  private async markAbandoned(): Promise<void> {
    const { rows } = await this.db.query<{ id: string; pid: number | null }>(
      `SELECT id, pid FROM runs WHERE status = 'running' AND host = $1`,
      [hostname()],
    );
    const dead = rows.filter((row) => row.pid !== null && !processExists(row.pid)).map((row) => row.id);
    if (dead.length === 0) return;
    await this.db.query(
      `UPDATE runs SET status = 'abandoned',
         error = 'the process ' || pid || ' on ' || host || ' ended without finishing the run'
       WHERE id = ANY($1::text[]) AND status = 'running'`,
      [dead],
    );
  }
}

function unknownRun(id: string): RegistryError {
  return new RegistryError('unknown-run', `no run with id '${id}': see \`mlops runs list\``);
}

/** Takes the run's row lock for the rest of the transaction; `unknown-run` when there is no such run. */
async function lockRun(tx: Queryable, id: string): Promise<void> {
  const { rows } = await tx.query('SELECT 1 FROM runs WHERE id = $1 FOR UPDATE', [id]);
  if (rows.length === 0) throw unknownRun(id);
}

/** Adds metrics to a run, replacing earlier values of the same names. */
async function upsertMetrics(tx: Queryable, id: string, metrics: Record<string, number>): Promise<void> {
  const entries = Object.entries(metrics);
  if (entries.length === 0) return;
  await tx.query(
    `INSERT INTO run_metrics (run_id, key, value)
     SELECT $1, k, v FROM unnest($2::text[], $3::float8[]) AS x (k, v)
     ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value`,
    [id, entries.map(([key]) => key), entries.map(([, value]) => value)],
  );
}

import { RegistryError } from '../errors';
import { checkModelName } from '../names/modelName';
import { checkNewest } from '../predictionLog/checkNewest';
import type {
  PredictionLogWindow,
  PredictionLogWindows,
  PruneResult,
  ReadWindowOptions,
  WindowRead,
} from '../predictionLog/PredictionLogWindow';
import type { Database } from './Database';
import { type PredictionRow, RECORD_COLUMNS, RECORD_NAMES, recordFromRow } from './predictionLogRows';

/** Options of {@link PostgresPredictionLogReader}. */
export interface PostgresPredictionLogReaderOptions {
  /**
   * Rows fetched from the cursor at a time: what the reader holds at once.
   * @default 1000
   */
  fetchRows?: number;
  /**
   * How long `prune` waits for a partition's lock (a reader's cursor or a writer's COPY on it)
   * before giving up with `lock-timeout`; waiting longer would hold up the writers behind it.
   * @default 10000
   */
  lockTimeoutMs?: number;
}

const PARTITION = /^prediction_log_(\d{4})(\d{2})(\d{2})$/;

/**
 * The monitor's side of the prediction log on PostgreSQL ({@link PredictionLogWindows}):
 * a window is read through a server-side cursor (`DECLARE … CURSOR`, `FETCH` of
 * `fetchRows` at a time, in one read-only transaction), so memory stays bounded
 * whatever the table holds; the query walks `prediction_log_window` (model, time,
 * version: the version is checked in the index) on the partitions of the window's days only.
 */
export class PostgresPredictionLogReader implements PredictionLogWindows {
  private readonly fetchRows: number;
  private readonly lockTimeoutMs: number;

  constructor(
    private readonly db: Database,
    options: PostgresPredictionLogReaderOptions = {},
  ) {
    this.fetchRows = options.fetchRows ?? 1000;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
    if (!(Number.isInteger(this.fetchRows) && this.fetchRows > 0))
      throw new RangeError(`fetchRows must be a positive whole number, got ${options.fetchRows}`);
  }

  async readWindow(window: PredictionLogWindow, options: ReadWindowOptions): Promise<WindowRead> {
    checkModelName(window.model);
    const params: unknown[] = [window.model, timeOf(window.from, 'from'), timeOf(window.to, 'to')];
    let where = 'model_name = $1 AND logged_at >= $2::timestamptz AND logged_at < $3::timestamptz';
    if (window.version !== undefined) {
      if (!Number.isInteger(window.version) || window.version < 1)
        throw new RangeError(`version must be a whole number from 1, got ${window.version}`);
      params.push(window.version);
      where += ' AND model_version = $4';
    }
    let query = `SELECT ${RECORD_COLUMNS} FROM prediction_log WHERE ${where} ORDER BY logged_at`;
    if (window.newest !== undefined) {
      checkNewest(window.newest);
      // The index read backwards for the newest N, then put back in time order.
      params.push(window.newest);
      query = `SELECT ${RECORD_NAMES} FROM (
        SELECT ${RECORD_COLUMNS}, logged_at FROM prediction_log WHERE ${where}
        ORDER BY logged_at DESC LIMIT $${params.length}) AS newest ORDER BY logged_at`;
    }
    let records = 0;
    await this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      await tx.query(`DECLARE prediction_window NO SCROLL CURSOR FOR ${query}`, params);
      for (;;) {
        const { rows } = await tx.query<PredictionRow>(`FETCH ${this.fetchRows} FROM prediction_window`);
        for (const row of rows) options.onRecord(recordFromRow(row));
        records += rows.length;
        if (rows.length < this.fetchRows) break;
      }
    });
    return { records, skipped: 0 };
  }

  async prune(options: { olderThan: Date }): Promise<PruneResult> {
    const cutoff = options.olderThan.getTime();
    if (Number.isNaN(cutoff)) throw new RangeError('olderThan must be a valid Date');
    const { rows } = await this.db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'prediction_log'::regclass ORDER BY 1`,
    );
    const removed: string[] = [];
    for (const { name } of rows) {
      const day = PARTITION.exec(name);
      // Only the partitions prediction_log_partition made; anything else is someone's own.
      if (!day) continue;
      const end = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1);
      if (end > cutoff) continue;
      try {
        await this.db.transaction(async (tx) => {
          await tx.query("SELECT set_config('lock_timeout', $1, true)", [`${this.lockTimeoutMs}ms`]);
          // The name matched PARTITION, so it is safe to quote into the statement.
          await tx.query(`DROP TABLE IF EXISTS "${name}"`);
        });
      } catch (error) {
        if ((error as { code?: string }).code === '55P03') {
          throw new RegistryError(
            'lock-timeout',
            `prediction log partition ${name} stayed in use (a monitor's read or a writer's COPY) for ${this.lockTimeoutMs} ms: run the prune again (removed before it: ${removed.join(', ') || 'none'})`,
            { cause: error },
          );
        }
        throw new RegistryError(
          'storage',
          `cannot drop prediction log partition ${name}: ${(error as Error).message} (removed before it: ${removed.join(', ') || 'none'})`,
          { cause: error },
        );
      }
      removed.push(name);
    }
    return { removed };
  }
}

function timeOf(time: Date | undefined, field: 'from' | 'to'): string {
  if (time === undefined) return field === 'from' ? '-infinity' : 'infinity';
  if (Number.isNaN(time.getTime())) throw new RangeError(`${field} must be a valid Date`);
  return time.toISOString();
}

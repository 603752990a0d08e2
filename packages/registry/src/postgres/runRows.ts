import type { RunRecord, RunStatus } from '../runs/RunRecord';
import type { Queryable } from './Database';

interface RunRow {
  id: string;
  experiment: string;
  kind: string;
  status: RunStatus;
  parent_id: string | null;
  start_time: Date;
  end_time: Date | null;
  tags: Record<string, string>;
  error: string | null;
  pid: number | null;
  host: string | null;
  params: Array<[string, number | null, string]>;
  metrics: Array<[string, number]>;
  artifacts: string[];
}

// One statement, so a record is read whole: its params, metrics and artifacts as of one snapshot.
const SELECT_RUNS = `
  SELECT r.id, r.experiment, r.kind, r.status, r.parent_id, r.start_time, r.end_time, r.tags, r.error, r.pid, r.host,
    COALESCE((SELECT jsonb_agg(jsonb_build_array(p.key, p.num, p.txt)) FROM run_params p WHERE p.run_id = r.id), '[]') AS params,
    COALESCE((SELECT jsonb_agg(jsonb_build_array(m.key, m.value)) FROM run_metrics m WHERE m.run_id = r.id), '[]') AS metrics,
    COALESCE((SELECT jsonb_agg(a.name ORDER BY a.position) FROM run_artifacts a WHERE a.run_id = r.id), '[]') AS artifacts
  FROM runs r WHERE r.id = ANY($1::text[])`;

/** The records of the runs `ids`, in the order of `ids` (ids without a run are left out). */
export async function loadRuns(db: Queryable, ids: readonly string[]): Promise<RunRecord[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<RunRow>(SELECT_RUNS, [ids]);
  const byId = new Map(rows.map((row) => [row.id, toRecord(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function toRecord(row: RunRow): RunRecord {
  const run: RunRecord = {
    id: row.id,
    experiment: row.experiment,
    kind: row.kind,
    status: row.status,
    startTime: row.start_time.toISOString(),
    params: Object.fromEntries(row.params.map(([key, num, txt]) => [key, num ?? txt])),
    metrics: Object.fromEntries(row.metrics),
    tags: row.tags,
    artifacts: row.artifacts,
  };
  // Optional fields are absent, not undefined, as in a record read back from JSON.
  if (row.parent_id !== null) run.parentId = row.parent_id;
  if (row.end_time !== null) run.endTime = row.end_time.toISOString();
  if (row.error !== null) run.error = row.error;
  if (row.pid !== null) run.pid = row.pid;
  if (row.host !== null) run.host = row.host;
  return run;
}

-- The whole schema of the PostgreSQL store (issue 17), written for PostgreSQL 15 and
-- kept to what PGlite runs too. Names are unqualified: the tables land in the first
-- schema of the connection's search_path. Text that is compared or sorted uses the "C"
-- collation (code-point order), as the filesystem store does, on every machine.

-- Models. A row exists from a model's first registration on.
CREATE TABLE models (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text COLLATE "C" NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  -- The promotion gate as written (`mlops models gate set`); null: the default gate.
  gate       text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The per-model counter of version numbers. Registration runs
--   UPDATE version_counters SET last_version = last_version + 1 WHERE model_id = $1 RETURNING last_version
-- inside the transaction that inserts the version and its artifacts: concurrent
-- registrations of one model queue on this row (no max+1, no retry on a duplicate key),
-- and a registration that fails or is killed rolls its number back, so numbers stay
-- unique and gap-free. It is its own table so that a long registration (large artifacts)
-- does not hold the row that alias moves lock.
CREATE TABLE version_counters (
  model_id     bigint PRIMARY KEY REFERENCES models (id),
  last_version integer NOT NULL DEFAULT 0 CHECK (last_version >= 0)
);

CREATE TABLE versions (
  model_id    bigint NOT NULL REFERENCES models (id),
  version     integer NOT NULL CHECK (version >= 1),
  -- The version's metadata as registered (VersionRecord without its aliases and archived flag).
  record      jsonb NOT NULL,
  archived_at timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (model_id, version)
);

-- Where each alias points. The composite key makes an alias point at a version of its
-- own model. A move locks the model's row (SELECT … FROM models WHERE id = $1 FOR UPDATE)
-- before it reads the alias, so moves of one model (aliases, production history,
-- archive, gate) run one after another, as under the filesystem's per-model lock, and
-- the audit row is written in the same transaction as the move.
CREATE TABLE aliases (
  model_id bigint NOT NULL REFERENCES models (id),
  alias    text COLLATE "C" NOT NULL CHECK (alias ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  version  integer NOT NULL,
  moved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (model_id, alias),
  FOREIGN KEY (model_id, version) REFERENCES versions (model_id, version)
);

-- Versions that were production before the current one; rollback takes the newest.
CREATE TABLE production_history (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  model_id bigint NOT NULL,
  version  integer NOT NULL,
  FOREIGN KEY (model_id, version) REFERENCES versions (model_id, version)
);
CREATE INDEX production_history_by_model ON production_history (model_id, id);

CREATE TABLE audit (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  model_id     bigint NOT NULL REFERENCES models (id),
  time         timestamptz NOT NULL DEFAULT now(),
  actor        text NOT NULL,
  action       text NOT NULL CHECK (
    action IN ('promote', 'promote-refused', 'rollback', 'set-alias', 'remove-alias', 'archive', 'set-gate')
  ),
  alias        text COLLATE "C" NOT NULL,
  from_version integer,
  to_version   integer,
  reason       text NOT NULL,
  forced       boolean NOT NULL DEFAULT false,
  -- Promotions: the gate as evaluated at that moment (GateResult).
  gate         jsonb,
  FOREIGN KEY (model_id, from_version) REFERENCES versions (model_id, version),
  FOREIGN KEY (model_id, to_version) REFERENCES versions (model_id, version)
);
CREATE INDEX audit_by_model ON audit (model_id, id);

-- A version's files (model document, features, profile, metrics, test rows). `sha256`
-- is of the uncompressed bytes and is checked on every read; `bytes` are compressed by
-- the writer (`encoding`), so PostgreSQL is told not to compress them again.
CREATE TABLE artifacts (
  model_id bigint NOT NULL,
  version  integer NOT NULL,
  name     text COLLATE "C" NOT NULL CHECK (name ~ '^[A-Za-z0-9_.-]+$'),
  sha256   text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size     bigint NOT NULL CHECK (size >= 0),
  encoding text NOT NULL CHECK (encoding IN ('identity', 'gzip')),
  bytes    bytea NOT NULL,
  PRIMARY KEY (model_id, version, name),
  FOREIGN KEY (model_id, version) REFERENCES versions (model_id, version)
);
ALTER TABLE artifacts ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- Experiment runs. Params and metrics are typed key/value rows, not JSONB columns.
-- Measured on PostgreSQL 15 (a shared 2-core machine) with 100,000 runs of 8 params and
-- 6 metrics, "params.model = logistic (a third of the runs), sorted by metrics.roc_auc
-- desc, first 100":
--   JSONB columns + GIN (jsonb_path_ops) on params: 55-120 ms warm over repeated runs;
--   the GIN bitmap finds the 33,333 matches, and every one of them is detoasted and
--   sorted. An expression index per metric would fix the sort, but only for metric
--   names known in advance (an index per name, created at run time): rejected.
--   key/value rows: 10-20 ms (PostgresRunStore.list end to end: ~20 ms); the planner
--   walks run_metrics_by_value backwards for the key and stops after 100 runs passing
--   the param filter (an index probe each). A filter on a metric range uses the same
--   index. The rows take ~4x the space of the JSONB layout (234 MB against 53 MB).
CREATE TABLE runs (
  id         text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]+$'),
  experiment text COLLATE "C" NOT NULL,
  kind       text COLLATE "C" NOT NULL,
  status     text COLLATE "C" NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'pruned', 'abandoned')),
  -- Not a foreign key: the filesystem store does not check it either.
  parent_id  text COLLATE "C",
  start_time timestamptz NOT NULL,
  end_time   timestamptz,
  tags       jsonb NOT NULL DEFAULT '{}',
  error      text COLLATE "C",
  pid        integer,
  host       text COLLATE "C"
);
CREATE INDEX runs_by_experiment ON runs (experiment, id);
CREATE INDEX runs_by_parent ON runs (parent_id) WHERE parent_id IS NOT NULL;
-- Reading runs checks this host's running runs for a dead process (abandoned runs).
CREATE INDEX runs_running_by_host ON runs (host) WHERE status = 'running';

-- A param as given: `num` when it is a number (null for text), `txt` its text as
-- String(value) in JavaScript, so both comparisons of the query language are indexable.
CREATE TABLE run_params (
  run_id text COLLATE "C" NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key    text COLLATE "C" NOT NULL,
  num    double precision,
  txt    text COLLATE "C" NOT NULL,
  PRIMARY KEY (run_id, key)
);
CREATE INDEX run_params_by_text ON run_params (key, txt, run_id);
CREATE INDEX run_params_by_number ON run_params (key, num, run_id) WHERE num IS NOT NULL;

CREATE TABLE run_metrics (
  run_id text COLLATE "C" NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key    text COLLATE "C" NOT NULL,
  value  double precision NOT NULL,
  PRIMARY KEY (run_id, key)
);
CREATE INDEX run_metrics_by_value ON run_metrics (key, value, run_id);

-- A run's files, in the order they were first added.
CREATE TABLE run_artifacts (
  position bigint GENERATED ALWAYS AS IDENTITY,
  run_id   text COLLATE "C" NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name     text COLLATE "C" NOT NULL CHECK (name ~ '^[A-Za-z0-9_.-]+$'),
  sha256   text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size     bigint NOT NULL CHECK (size >= 0),
  encoding text NOT NULL CHECK (encoding IN ('identity', 'gzip')),
  bytes    bytea NOT NULL,
  PRIMARY KEY (run_id, name)
);
ALTER TABLE run_artifacts ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- The prediction log (PredictionRecord), one partition per UTC day, so pruning drops
-- whole partitions. No foreign key to models: a logged row must never be refused by
-- the registry's state, and a check per row would slow the API's batch inserts.
CREATE TABLE prediction_log (
  logged_at     timestamptz NOT NULL,
  request_id    text NOT NULL,
  model_name    text COLLATE "C" NOT NULL,
  model_version integer NOT NULL,
  features      jsonb NOT NULL,
  entity        jsonb,
  binned        text[],
  -- A number or a string, as predicted.
  prediction    jsonb NOT NULL,
  probability   double precision,
  latency_ms    double precision NOT NULL
) PARTITION BY RANGE (logged_at);
-- The monitor's windows: one model version's rows between two times, or its newest N
-- rows (the same index read backwards); each partition gets its own copy.
CREATE INDEX prediction_log_window ON prediction_log (model_name, model_version, logged_at);

-- Creates the partition holding `day` (UTC) unless it exists, and returns its name.
-- Writers call it for each day they are about to write; the advisory lock keeps two
-- writers from racing on CREATE TABLE.
CREATE FUNCTION prediction_log_partition(day date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  partition text := 'prediction_log_' || to_char(day, 'YYYYMMDD');
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('prediction_log_partition'));
  EXECUTE format(
    'CREATE TABLE IF NOT EXISTS %I PARTITION OF prediction_log FOR VALUES FROM (%L) TO (%L)',
    partition,
    day::timestamp AT TIME ZONE 'UTC',
    (day + 1)::timestamp AT TIME ZONE 'UTC'
  );
  RETURN partition;
END
$$;

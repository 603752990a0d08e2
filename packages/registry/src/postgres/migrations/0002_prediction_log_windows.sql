-- The prediction log as the writer and reader of @mlops/registry use it (migration 1
-- created the table; no code wrote it before this migration).

-- The monitor's windows without a version (every version of a model between two times,
-- or its newest N rows) walk this index; windows of one version use prediction_log_window
-- (model_name, model_version, logged_at). Each partition gets its own copy.
CREATE INDEX prediction_log_by_time ON prediction_log (model_name, logged_at);

-- A record without latency_ms is a record (predictionRecordProblem accepts it, as the
-- file log does): it comes back without the field instead of being refused.
ALTER TABLE prediction_log ALTER COLUMN latency_ms DROP NOT NULL;

-- Partitions a writer creates are named prediction_log_YYYYMMDD (prediction_log_partition,
-- migration 1); prune finds them through pg_inherits and drops those wholly before its cutoff.

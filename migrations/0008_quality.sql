-- Data-quality gates: one row per gate run, one row per check in it, kept as history (never
-- overwritten), so `quality report` can show trends and a refused `train` can name what failed.
-- migrate:up
CREATE SEQUENCE ops.quality_run_id_seq START 1;

CREATE TABLE ops.quality_runs (
  quality_run_id BIGINT PRIMARY KEY,
  gate           VARCHAR NOT NULL,          -- ingest | training | publish
  sport          VARCHAR,                   -- the --sport filter, null for every sport
  started_at     TIMESTAMPTZ NOT NULL,
  finished_at    TIMESTAMPTZ NOT NULL,
  passed         BOOLEAN NOT NULL,          -- false when an error-severity check found rows
  checks_run     INTEGER NOT NULL,
  errors_failed  INTEGER NOT NULL,          -- error-severity checks that found rows
  warnings_failed INTEGER NOT NULL          -- warn-severity checks that found rows
);
CREATE INDEX quality_runs_gate_idx ON ops.quality_runs (gate, started_at);

CREATE TABLE ops.quality_results (
  quality_run_id  BIGINT NOT NULL,
  check_name      VARCHAR NOT NULL,
  category        VARCHAR NOT NULL,         -- not_null | unique | accepted_values | range | referential | completeness | agreement | duplicates
  severity        VARCHAR NOT NULL,         -- error | warn, as the gate assigned it
  passed          BOOLEAN NOT NULL,
  offending_count BIGINT NOT NULL,
  examples        JSON NOT NULL,            -- up to 5 offending rows, identifying columns only
  duration_ms     DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (quality_run_id, check_name)
);

-- migrate:down
DROP TABLE ops.quality_results;
DROP INDEX ops.quality_runs_gate_idx;
DROP TABLE ops.quality_runs;
DROP SEQUENCE ops.quality_run_id_seq;

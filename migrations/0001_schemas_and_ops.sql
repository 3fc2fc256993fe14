-- Zones as schemas, and the operational tables every run writes.
-- migrate:up
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS staging;
CREATE SCHEMA IF NOT EXISTS curated;
CREATE SCHEMA IF NOT EXISTS analytics;

CREATE SEQUENCE ops.run_id_seq START 1;

-- One row per pipeline run (import, pipeline run, sync-outcomes, rollback).
CREATE TABLE ops.runs (
  run_id        BIGINT PRIMARY KEY,
  command       VARCHAR NOT NULL,
  source_format VARCHAR,
  status        VARCHAR NOT NULL,          -- running | succeeded | failed | rolled_back | aborted
  is_dry_run    BOOLEAN NOT NULL DEFAULT FALSE,
  started_at    TIMESTAMPTZ NOT NULL,
  finished_at   TIMESTAMPTZ,
  rows_in       BIGINT NOT NULL DEFAULT 0,
  loaded        BIGINT NOT NULL DEFAULT 0,
  quarantined   BIGINT NOT NULL DEFAULT 0,
  duplicates    BIGINT NOT NULL DEFAULT 0,
  arguments     JSON,
  error_message VARCHAR
);

-- One row per file a run read; a file whose sha256 was already fully loaded is skipped quickly.
CREATE TABLE ops.run_files (
  run_id        BIGINT NOT NULL,
  source_format VARCHAR NOT NULL,
  file_path     VARCHAR NOT NULL,
  file_sha256   VARCHAR NOT NULL,
  context_key   VARCHAR NOT NULL,          -- season/league hints that change how rows are read
  header        JSON,
  rows_in       BIGINT NOT NULL,
  loaded        BIGINT NOT NULL,
  quarantined   BIGINT NOT NULL,
  duplicates    BIGINT NOT NULL,
  PRIMARY KEY (run_id, file_path)
);
CREATE INDEX run_files_sha_idx ON ops.run_files (source_format, file_sha256, context_key);

-- Rows that could not be parsed or resolved, with the reason; nothing is dropped silently.
CREATE TABLE ops.quarantine (
  source_format VARCHAR NOT NULL,
  content_hash  VARCHAR NOT NULL,
  run_id        BIGINT NOT NULL,
  file_path     VARCHAR NOT NULL,
  row_number    INTEGER NOT NULL,
  reason_code   VARCHAR NOT NULL,          -- snake_case issue code, e.g. unknown_team, invalid_score
  field         VARCHAR,
  reason        VARCHAR NOT NULL,
  payload       JSON,
  quarantined_at TIMESTAMPTZ NOT NULL,
  retried_run_id BIGINT,
  PRIMARY KEY (source_format, content_hash)
);

-- migrate:down
DROP TABLE ops.quarantine;
DROP TABLE ops.run_files;
DROP TABLE ops.runs;
DROP SEQUENCE ops.run_id_seq;
DROP SCHEMA analytics;
DROP SCHEMA curated;
DROP SCHEMA staging;
DROP SCHEMA raw;

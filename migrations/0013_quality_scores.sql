-- Quality scores: per run and per staged table, kept as history (never overwritten) so
-- `quality report` can show how each table's completeness, validity and consistency move over time.
-- The per-row score is not stored: it is computed from the row itself (see src/quality/scores.ts),
-- and these rows summarise it.
-- migrate:up
CREATE SEQUENCE ops.quality_score_id_seq START 1;

CREATE TABLE ops.quality_scores (
  quality_score_id BIGINT PRIMARY KEY,
  measured_at      TIMESTAMPTZ NOT NULL,
  scope            VARCHAR NOT NULL,          -- run (the rows one import run staged) | table (every staged row)
  table_name       VARCHAR NOT NULL,          -- staging.games | staging.quotes | staging.player_game_logs | staging.betting_splits
  run_id           BIGINT,                    -- the import run, for scope = run
  row_count        BIGINT NOT NULL,
  completeness     DOUBLE PRECISION,          -- means over the rows, each 0..1; null when row_count = 0
  validity         DOUBLE PRECISION,
  consistency      DOUBLE PRECISION,
  score            DOUBLE PRECISION,
  min_score        DOUBLE PRECISION,          -- the worst row
  rows_below       BIGINT NOT NULL,           -- rows scoring under the row threshold in force
  row_threshold    DOUBLE PRECISION NOT NULL
);
CREATE INDEX quality_scores_table_idx ON ops.quality_scores (table_name, measured_at);
CREATE INDEX quality_scores_run_idx ON ops.quality_scores (run_id);

-- migrate:down
DROP INDEX ops.quality_scores_run_idx;
DROP INDEX ops.quality_scores_table_idx;
DROP TABLE ops.quality_scores;
DROP SEQUENCE ops.quality_score_id_seq;

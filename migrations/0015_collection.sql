-- Live collection and scheduled jobs: backfill checkpoints per window, source health (persisted
-- circuit breakers, quota), the job-run ledger, alerts, and the MLB Stats API's staging tables that
-- have no generic counterpart (probable pitchers, roster transactions).
-- migrate:up

-- One row per (source, sport, window) a backfill attempted; `--resume` retries the failed ones and
-- skips the succeeded ones. A window's data and its checkpoint commit in the same transaction.
CREATE TABLE ops.collect_checkpoints (
  source        VARCHAR NOT NULL,          -- the-odds-api | mlb-stats-api | espn-scoreboard
  sport         VARCHAR NOT NULL,
  window_start  DATE NOT NULL,             -- first day of the window (inclusive)
  window_end    DATE NOT NULL,             -- last day of the window (inclusive)
  status        VARCHAR NOT NULL,          -- succeeded | failed
  run_id        BIGINT,                    -- the ops.runs row that wrote the window's rows
  requests      INTEGER NOT NULL DEFAULT 0,
  rows_in       BIGINT NOT NULL DEFAULT 0,
  loaded        BIGINT NOT NULL DEFAULT 0,
  quarantined   BIGINT NOT NULL DEFAULT 0,
  duplicates    BIGINT NOT NULL DEFAULT 0,
  error_message VARCHAR,
  updated_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (source, sport, window_start)
);

-- One row per HTTP source: its circuit breaker (cockatiel's toJSON), last success/failure and the
-- provider's quota headers, so every process sees the same breaker and `health sources` can show it.
CREATE TABLE ops.source_health (
  source          VARCHAR PRIMARY KEY,
  breaker_state   VARCHAR NOT NULL,        -- closed | open | half_open | isolated
  breaker_json    VARCHAR,                 -- cockatiel CircuitBreakerPolicy.toJSON(), as JSON text
  opened_at       TIMESTAMPTZ,
  last_success_at TIMESTAMPTZ,
  last_failure_at TIMESTAMPTZ,
  last_error      VARCHAR,
  quota_remaining BIGINT,                  -- x-requests-remaining (The Odds API)
  quota_used      BIGINT,                  -- x-requests-used
  quota_last      BIGINT,                  -- x-requests-last: the cost of the latest request
  updated_at      TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE ops.job_run_id_seq START 1;

-- Every run of a named job (manual, scheduled or from a queue), whatever process ran it.
CREATE TABLE ops.job_runs (
  job_run_id    BIGINT PRIMARY KEY,
  job_name      VARCHAR NOT NULL,
  started_at    TIMESTAMPTZ NOT NULL,
  finished_at   TIMESTAMPTZ,
  status        VARCHAR NOT NULL,          -- running | succeeded | failed
  rows          BIGINT,
  error         VARCHAR,
  triggered_by  VARCHAR NOT NULL,          -- manual | schedule | queue
  scheduled_for TIMESTAMPTZ,               -- the cron tick a scheduled/queued run belongs to
  queue_job_id  VARCHAR,                   -- BullMQ job id, when run by a worker
  host          VARCHAR,
  pid           INTEGER,
  note          VARCHAR
);
CREATE INDEX job_runs_name_idx ON ops.job_runs (job_name, started_at);

CREATE SEQUENCE ops.alert_id_seq START 1;

-- Operational alerts (a collection gap: no data from a source for too long while its sport is in season).
CREATE TABLE ops.alerts (
  alert_id    BIGINT PRIMARY KEY,
  kind        VARCHAR NOT NULL,            -- collection_gap
  source      VARCHAR,
  sport       VARCHAR,
  message     VARCHAR NOT NULL,
  raised_at   TIMESTAMPTZ NOT NULL,
  resolved_at TIMESTAMPTZ
);

-- MLB Stats API schedule `probablePitcher` per side of a game.
CREATE TABLE staging.mlb_stats_api__probable_pitchers (
  source_format   VARCHAR NOT NULL,
  source_key      VARCHAR NOT NULL,        -- content_hash of the raw schedule record
  side            VARCHAR NOT NULL,        -- home | away
  run_id          BIGINT NOT NULL,
  source_game_ref VARCHAR NOT NULL,        -- gamePk
  game_date       DATE NOT NULL,
  team_id         VARCHAR NOT NULL,
  player_ref      VARCHAR NOT NULL,        -- mlbam:<person id>
  player_name     VARCHAR,
  PRIMARY KEY (source_format, source_key, side)
);

-- MLB Stats API /transactions rows; injured-list moves are flagged from the free-text description.
CREATE TABLE staging.mlb_stats_api__transactions (
  source_format    VARCHAR NOT NULL,
  source_key       VARCHAR NOT NULL,
  run_id           BIGINT NOT NULL,
  transaction_ref  VARCHAR NOT NULL,       -- the API's id
  player_ref       VARCHAR,
  player_name      VARCHAR,
  team_id          VARCHAR,                -- canonical id when the club is a big-league team, else null
  team_name        VARCHAR,
  transaction_date DATE NOT NULL,
  effective_date   DATE,
  type_code        VARCHAR NOT NULL,
  description      VARCHAR,
  is_injured_list  BOOLEAN NOT NULL,
  PRIMARY KEY (source_format, source_key)
);

-- migrate:down
DROP TABLE staging.mlb_stats_api__transactions;
DROP TABLE staging.mlb_stats_api__probable_pitchers;
DROP TABLE ops.alerts;
DROP SEQUENCE ops.alert_id_seq;
DROP TABLE ops.job_runs;
DROP SEQUENCE ops.job_run_id_seq;
DROP TABLE ops.source_health;
DROP TABLE ops.collect_checkpoints;

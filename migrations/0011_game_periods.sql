-- Per-period scores (quarters, overtime, innings) as the sources publish them, so models can use
-- them. One row per staged game and period, keyed by the staging game row (like staging.quotes);
-- curated sees the periods of games that reached curated, with their game_id, through a view.
-- period is 1-based; overtime and extra innings come after regulation (NBA overtime = 5, MLB
-- extra innings = 10, each all such periods together when the source gives one column for them).
-- A side's points are NULL when it did not play the period (a home 9th not batted).
-- migrate:up
CREATE TABLE staging.game_periods (
  source_format VARCHAR NOT NULL,
  source_key    VARCHAR NOT NULL,          -- the staging.games row the period belongs to
  run_id        BIGINT NOT NULL,
  period        INTEGER NOT NULL,          -- 1-based; overtime/extra innings after regulation
  period_label  VARCHAR NOT NULL,          -- q1..q4, ot; innings 1..9, extra
  home_points   INTEGER,
  away_points   INTEGER,
  PRIMARY KEY (source_format, source_key, period)
);
CREATE INDEX staging_game_periods_run_idx ON staging.game_periods (run_id);

-- A source row at a neutral site may name the teams the other way round from the curated game
-- (game_sources.is_swapped, see 0009): its points are turned round to the curated orientation.
CREATE VIEW curated.game_periods AS
SELECT p.source_format, p.source_key, gs.game_id, p.run_id, p.period, p.period_label,
       CASE WHEN gs.is_swapped THEN p.away_points ELSE p.home_points END AS home_points,
       CASE WHEN gs.is_swapped THEN p.home_points ELSE p.away_points END AS away_points
FROM staging.game_periods p
JOIN curated.game_sources gs ON gs.source_format = p.source_format AND gs.source_key = p.source_key;

-- migrate:down
DROP VIEW curated.game_periods;
DROP INDEX staging.staging_game_periods_run_idx;
DROP TABLE staging.game_periods;

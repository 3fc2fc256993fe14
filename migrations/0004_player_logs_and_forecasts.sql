-- Player game logs (pitching lines) and forecasts published by outside systems (FiveThirtyEight).
-- migrate:up
CREATE TABLE staging.player_game_logs (
  source_format    VARCHAR NOT NULL,
  source_key       VARCHAR NOT NULL,
  run_id           BIGINT NOT NULL,
  sport            VARCHAR NOT NULL,
  player_ref       VARCHAR NOT NULL,        -- the source's player id, prefixed: retro:kershcl01, mlbam:477132
  player_name      VARCHAR,
  team_id          VARCHAR NOT NULL,
  opponent_team_id VARCHAR NOT NULL,
  is_home          BOOLEAN,
  game_date        DATE NOT NULL,
  game_number      INTEGER NOT NULL,
  source_game_ref  VARCHAR,
  started          BOOLEAN,
  outs             INTEGER,
  batters_faced    INTEGER,
  strikeouts       INTEGER,
  walks            INTEGER,
  hits             INTEGER,
  runs             INTEGER,
  earned_runs      INTEGER,
  home_runs        INTEGER,
  pitches          INTEGER,
  PRIMARY KEY (source_format, source_key)
);
CREATE INDEX staging_player_logs_run_idx ON staging.player_game_logs (run_id);

CREATE TABLE curated.player_game_logs (
  source_format    VARCHAR NOT NULL,
  source_key       VARCHAR NOT NULL,
  run_id           BIGINT NOT NULL,
  game_id          BIGINT,                  -- the curated game, when one matches (date, teams, number)
  sport            VARCHAR NOT NULL,
  player_ref       VARCHAR NOT NULL,
  player_name      VARCHAR,
  team_id          VARCHAR NOT NULL,
  opponent_team_id VARCHAR NOT NULL,
  is_home          BOOLEAN,
  game_date        DATE NOT NULL,
  game_number      INTEGER NOT NULL,
  started          BOOLEAN,
  outs             INTEGER,
  batters_faced    INTEGER,
  strikeouts       INTEGER,
  walks            INTEGER,
  hits             INTEGER,
  runs             INTEGER,
  earned_runs      INTEGER,
  home_runs        INTEGER,
  pitches          INTEGER,
  PRIMARY KEY (source_format, source_key)
);
CREATE INDEX player_logs_player_idx ON curated.player_game_logs (player_ref, game_date);

CREATE TABLE staging.forecasts (
  source_format   VARCHAR NOT NULL,
  source_key      VARCHAR NOT NULL,
  run_id          BIGINT NOT NULL,
  game_source_key VARCHAR NOT NULL,
  system          VARCHAR NOT NULL,         -- e.g. fivethirtyeight-elo, fivethirtyeight-rating
  home_win_prob   DOUBLE PRECISION NOT NULL,
  home_rating     DOUBLE PRECISION,
  away_rating     DOUBLE PRECISION,
  PRIMARY KEY (source_format, source_key, system)
);
CREATE INDEX staging_forecasts_run_idx ON staging.forecasts (run_id);

-- Pre-game forecasts published by others: reference systems to compare ours against.
CREATE TABLE curated.published_forecasts (
  source_format VARCHAR NOT NULL,
  source_key    VARCHAR NOT NULL,
  system        VARCHAR NOT NULL,
  run_id        BIGINT NOT NULL,
  game_id       BIGINT NOT NULL,
  home_win_prob DOUBLE PRECISION NOT NULL,
  home_rating   DOUBLE PRECISION,
  away_rating   DOUBLE PRECISION,
  PRIMARY KEY (source_format, source_key, system)
);
CREATE INDEX published_forecasts_game_idx ON curated.published_forecasts (game_id);
CREATE INDEX games_date_idx ON curated.games (game_date);

-- migrate:down
DROP INDEX curated.games_date_idx;
DROP TABLE curated.published_forecasts;
DROP TABLE staging.forecasts;
DROP TABLE curated.player_game_logs;
DROP TABLE staging.player_game_logs;

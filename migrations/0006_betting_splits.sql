-- Betting splits: the share of bets (and, where a source has it, of money) on each side of a market,
-- observed at a moment, with the line and price shown then. Staging keeps every observation as the
-- source gave it (teams and local game date, no game id); curated attaches it to the ONE games table.
-- A split whose game is not in curated.games yet stays in staging (reported as unmatched) and is
-- curated when that game arrives.
-- migrate:up
CREATE TABLE staging.betting_splits (
  source_format VARCHAR NOT NULL,
  source_key    VARCHAR NOT NULL,          -- content_hash of the raw record behind the row
  split_seq     INTEGER NOT NULL,          -- position among the splits one record yields
  run_id        BIGINT NOT NULL,
  split_key     VARCHAR NOT NULL,          -- the observation: sport:date:home:away:market:side:observed_at
  sport         VARCHAR NOT NULL,
  game_date     DATE NOT NULL,             -- local date at the venue
  start_at      TIMESTAMPTZ,               -- kick-off (UTC) as the source gives it, when it does
  home_team_id  VARCHAR NOT NULL,
  away_team_id  VARCHAR NOT NULL,
  market        VARCHAR NOT NULL,          -- moneyline | spread | total
  side          VARCHAR NOT NULL,          -- home | away | over | under, as the source oriented the game
  team_id       VARCHAR,                   -- the team the side backs; null for totals
  line          DOUBLE PRECISION,          -- spread from the side's view, or the total
  bets_share    DOUBLE PRECISION,          -- 0..1 of bets on this side; null when the source shows none
  money_share   DOUBLE PRECISION,          -- 0..1 of money (handle) on this side; null when the source has none
  price_decimal DOUBLE PRECISION,
  price_text    VARCHAR,                   -- the price as published, e.g. "-110"
  observed_at   TIMESTAMPTZ NOT NULL,      -- when the source showed these numbers (UTC)
  PRIMARY KEY (source_format, source_key, split_seq)
);
CREATE INDEX staging_betting_splits_run_idx ON staging.betting_splits (run_id);
CREATE INDEX staging_betting_splits_game_idx ON staging.betting_splits (sport, game_date);

-- One row per observation (source_format, split_key): the same numbers seen again (a repeated
-- snapshot, the same scrape under other ids) add nothing. `side` is oriented to the curated game
-- (a neutral-site game the source lists the other way round has home/away swapped here).
CREATE TABLE curated.betting_splits (
  source_format VARCHAR NOT NULL,
  split_key     VARCHAR NOT NULL,
  source_key    VARCHAR NOT NULL,          -- the staging row this came from (lineage)
  split_seq     INTEGER NOT NULL,
  run_id        BIGINT NOT NULL,           -- the run that staged it
  game_id       BIGINT NOT NULL,
  market        VARCHAR NOT NULL,
  side          VARCHAR NOT NULL,
  team_id       VARCHAR,
  line          DOUBLE PRECISION,
  bets_share    DOUBLE PRECISION,
  money_share   DOUBLE PRECISION,
  price_decimal DOUBLE PRECISION,
  price_text    VARCHAR,
  observed_at   TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (source_format, split_key)
);
CREATE INDEX betting_splits_game_idx ON curated.betting_splits (game_id, market, observed_at);
CREATE INDEX betting_splits_run_idx ON curated.betting_splits (run_id);

-- migrate:down
DROP TABLE curated.betting_splits;
DROP TABLE staging.betting_splits;

-- Raw keeps every record as received; staging holds typed, normalized rows with their lineage.
-- migrate:up
CREATE TABLE raw.records (
  source_format VARCHAR NOT NULL,
  content_hash  VARCHAR NOT NULL,          -- sha1 of format, context and the row as received
  run_id        BIGINT NOT NULL,
  file_path     VARCHAR NOT NULL,
  row_number    INTEGER NOT NULL,          -- 1-based line in the file (header is line 1)
  context       JSON,                      -- season or league the file name or --season implied
  payload       JSON NOT NULL,             -- header -> cell text, exactly as read
  ingested_at   TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (source_format, content_hash)
);
CREATE INDEX raw_records_run_idx ON raw.records (run_id);

-- Which raw records staging has seen, and what became of them.
CREATE TABLE staging.processed_records (
  source_format VARCHAR NOT NULL,
  content_hash  VARCHAR NOT NULL,
  run_id        BIGINT NOT NULL,
  outcome       VARCHAR NOT NULL,          -- loaded | quarantined
  PRIMARY KEY (source_format, content_hash)
);

CREATE TABLE staging.games (
  source_format   VARCHAR NOT NULL,
  source_key      VARCHAR NOT NULL,        -- content_hash of the raw record behind the row
  run_id          BIGINT NOT NULL,
  source_game_ref VARCHAR,                 -- the source's own id, where it has one
  sport           VARCHAR NOT NULL,
  league          VARCHAR NOT NULL,
  season          INTEGER NOT NULL,
  season_type     VARCHAR NOT NULL,        -- preseason | regular | postseason
  game_date       DATE NOT NULL,           -- local date at the venue
  start_at        TIMESTAMPTZ,             -- UTC, when known
  game_number     INTEGER NOT NULL,        -- 1, or 2 for the second game of a doubleheader
  home_team_id    VARCHAR NOT NULL,
  away_team_id    VARCHAR NOT NULL,
  is_neutral_site BOOLEAN NOT NULL,
  status          VARCHAR NOT NULL,        -- scheduled | final
  home_score      INTEGER,
  away_score      INTEGER,
  PRIMARY KEY (source_format, source_key)
);
CREATE INDEX staging_games_run_idx ON staging.games (run_id);

CREATE TABLE staging.quotes (
  source_format VARCHAR NOT NULL,
  source_key    VARCHAR NOT NULL,
  quote_seq     INTEGER NOT NULL,          -- position among the quotes one record yields
  run_id        BIGINT NOT NULL,
  game_source_key VARCHAR NOT NULL,        -- the staging.games row the quote belongs to
  book          VARCHAR NOT NULL,
  market        VARCHAR NOT NULL,          -- moneyline | spread | total
  side          VARCHAR NOT NULL,          -- home | away | draw | over | under
  line          DOUBLE PRECISION,                    -- spread from the side's view, or the total
  price_decimal DOUBLE PRECISION,          -- null when the source gives a line without its price
  price_text    VARCHAR NOT NULL,          -- the quote as published, e.g. "-110", "+1.5(-116)", "2.10"
  observed_at   TIMESTAMPTZ,
  is_opening    BOOLEAN NOT NULL,
  is_closing    BOOLEAN NOT NULL,
  PRIMARY KEY (source_format, source_key, quote_seq)
);
CREATE INDEX staging_quotes_run_idx ON staging.quotes (run_id);

-- migrate:down
DROP TABLE staging.quotes;
DROP TABLE staging.games;
DROP TABLE staging.processed_records;
DROP TABLE raw.records;

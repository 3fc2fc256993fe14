-- On DuckDB, staging.quotes (millions of rows: one per book, market and side of every game) keeps
-- no primary key or secondary index. DuckDB's ART indexes are updated row by row at commit and
-- scans and hash joins do not use them, so they cost a third of the soccer import and buy nothing:
-- a quote's identity is already enforced upstream (raw.records and staging.processed_records are
-- keyed by content hash, and a record's quotes are written once, in the transaction that stages it).
-- PostgreSQL keeps its primary key and indexes: there they serve per-game lookups and rollbacks.
-- migrate:up
-- if duckdb
CREATE TABLE staging.quotes_heap (
  source_format VARCHAR NOT NULL,
  source_key    VARCHAR NOT NULL,
  quote_seq     INTEGER NOT NULL,
  run_id        BIGINT NOT NULL,
  game_source_key VARCHAR NOT NULL,
  book          VARCHAR NOT NULL,
  market        VARCHAR NOT NULL,
  side          VARCHAR NOT NULL,
  line          DOUBLE PRECISION,
  price_decimal DOUBLE PRECISION,
  price_text    VARCHAR NOT NULL,
  observed_at   TIMESTAMPTZ,
  is_opening    BOOLEAN NOT NULL,
  is_closing    BOOLEAN NOT NULL
);
INSERT INTO staging.quotes_heap SELECT * FROM staging.quotes;
DROP TABLE staging.quotes;
ALTER TABLE staging.quotes_heap RENAME TO quotes;
-- end if
SELECT 1;

-- migrate:down
-- if duckdb
CREATE TABLE staging.quotes_keyed (
  source_format VARCHAR NOT NULL,
  source_key    VARCHAR NOT NULL,
  quote_seq     INTEGER NOT NULL,
  run_id        BIGINT NOT NULL,
  game_source_key VARCHAR NOT NULL,
  book          VARCHAR NOT NULL,
  market        VARCHAR NOT NULL,
  side          VARCHAR NOT NULL,
  line          DOUBLE PRECISION,
  price_decimal DOUBLE PRECISION,
  price_text    VARCHAR NOT NULL,
  observed_at   TIMESTAMPTZ,
  is_opening    BOOLEAN NOT NULL,
  is_closing    BOOLEAN NOT NULL,
  PRIMARY KEY (source_format, source_key, quote_seq)
);
INSERT INTO staging.quotes_keyed SELECT * FROM staging.quotes;
DROP TABLE staging.quotes;
ALTER TABLE staging.quotes_keyed RENAME TO quotes;
CREATE INDEX staging_quotes_run_idx ON staging.quotes (run_id);
CREATE INDEX staging_quotes_game_idx ON staging.quotes (source_format, game_source_key);
-- end if
SELECT 1;

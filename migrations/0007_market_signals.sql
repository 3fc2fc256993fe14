-- Market signals (sharp action, reverse line movement, steam, public-heavy), computed from betting
-- splits and quote histories by `sharpline signals`. Each row keeps the inputs that produced it
-- (`inputs`), so a signal can be explained. A game is named by its natural parts as the source
-- oriented it; game_id is set when the game is in curated.games.
-- migrate:up
CREATE TABLE analytics.market_signals (
  signal        VARCHAR NOT NULL,          -- sharp_action | reverse_line_movement | steam | public_heavy
  sport         VARCHAR NOT NULL,
  game_date     DATE NOT NULL,
  home_team_id  VARCHAR NOT NULL,
  away_team_id  VARCHAR NOT NULL,
  game_id       BIGINT,                    -- curated game, when matched
  market        VARCHAR NOT NULL,          -- moneyline | spread | total
  side          VARCHAR NOT NULL,          -- the side the signal points to
  strength      VARCHAR,                   -- the sharp-action tier; null for the others
  value         DOUBLE PRECISION,          -- gap (points), bets share, line change, or books in the burst
  as_of         TIMESTAMPTZ NOT NULL,      -- the latest observation the signal used
  inputs        JSON NOT NULL,
  source_format VARCHAR NOT NULL,          -- where the observations came from
  run_id        BIGINT NOT NULL,
  computed_at   TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (signal, sport, game_date, home_team_id, away_team_id, market, side, source_format, as_of)
);
CREATE INDEX market_signals_game_idx ON analytics.market_signals (sport, game_date);

-- migrate:down
DROP TABLE analytics.market_signals;

-- Prediction systems: trained parameters, versioned (the registry), and every prediction any system
-- made (the prediction log). A prediction names its system and version, the game (or, for a
-- hypothetical matchup, the teams and date), the market, its probabilities and what it knew: the
-- as-of time and a hash of its inputs, so the same inputs always give the same hash.
-- migrate:up
CREATE TABLE analytics.model_registry (
  system          VARCHAR NOT NULL,          -- elo_v1 | score_v1 | ml_v1 | ml_gbm_v1 | ensemble_v1 …
  version         VARCHAR NOT NULL,          -- the system's code version, e.g. 1
  sport           VARCHAR NOT NULL,
  trained_at      TIMESTAMPTZ NOT NULL,
  trained_until   DATE NOT NULL,             -- the last game date the training saw
  games           INTEGER NOT NULL,          -- real scored games used
  params          JSON NOT NULL,             -- the fitted parameters / state
  metrics         JSON NOT NULL,             -- in-sample and walk-forward figures at training time
  data_hash       VARCHAR NOT NULL,          -- hash of the training games (ids, dates, scores)
  run_id          BIGINT NOT NULL,
  PRIMARY KEY (system, sport, trained_at)
);

CREATE TABLE analytics.predictions (
  system          VARCHAR NOT NULL,
  version         VARCHAR NOT NULL,
  sport           VARCHAR NOT NULL,
  game_id         BIGINT,                    -- the curated game; null for a hypothetical matchup
  game_date       DATE NOT NULL,
  home_team_id    VARCHAR NOT NULL,
  away_team_id    VARCHAR NOT NULL,
  market          VARCHAR NOT NULL,          -- moneyline | spread | total
  line            DOUBLE PRECISION,          -- home handicap or total; null for moneyline
  p_home          DOUBLE PRECISION,          -- moneyline home / spread home cover / total over
  p_draw          DOUBLE PRECISION,          -- moneyline draw / push
  p_away          DOUBLE PRECISION,          -- moneyline away / spread away cover / total under
  as_of           TIMESTAMPTZ NOT NULL,      -- the latest data the prediction could see
  inputs_hash     VARCHAR NOT NULL,
  run_id          BIGINT NOT NULL,
  predicted_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX predictions_game_idx ON analytics.predictions (game_id);
CREATE INDEX predictions_system_idx ON analytics.predictions (system, sport, game_date);

-- migrate:down
DROP TABLE analytics.predictions;
DROP TABLE analytics.model_registry;

-- Player props (pitcher strikeouts): one player registry over the sources' player ids, the
-- strikeout prop lines as typed views over their raw records, the prop prediction log, and the
-- five monitoring views of 0012 for prop systems.
-- migrate:up

-- One row per source player id (retro:kershcl01, mlbam:477132) naming the player it belongs to.
-- Ids are matched on evidence (identical pitching lines on the same day for the same club), not on
-- names; `matched_lines` says how many lines the match rests on (0 for a player one source alone has).
CREATE TABLE curated.players (
  player_ref     VARCHAR NOT NULL,
  player_id      VARCHAR NOT NULL,          -- the canonical id: the MLBAM ref when known, else the source ref
  sport          VARCHAR NOT NULL,
  player_name    VARCHAR,
  matched_lines  INTEGER NOT NULL,
  run_id         BIGINT NOT NULL,
  PRIMARY KEY (player_ref)
);
CREATE INDEX players_player_idx ON curated.players (player_id);

-- Where two sources give the same pitcher's same game different figures: reported, never merged.
CREATE TABLE ops.player_log_disagreements (
  player_id     VARCHAR NOT NULL,
  game_date     DATE NOT NULL,
  field         VARCHAR NOT NULL,
  values_text   VARCHAR NOT NULL,           -- e.g. "retrosheet=7 bref-pitching=6"
  run_id        BIGINT NOT NULL,
  PRIMARY KEY (player_id, game_date, field)
);

-- Strikeout prop lines (format `strikeout-props`): the importer validates every record and
-- quarantines what it cannot read; this view types the loaded records (renames and recasts only).
-- A view over raw rather than a staging table, because the shared StageOutput has no prop-quote kind
-- yet; rows rolled back with their run disappear with their raw records.
CREATE VIEW staging.strikeout_props__lines AS
SELECT r.source_format, r.content_hash AS source_key, r.run_id,
       CAST(r.payload->>'slate_date' AS DATE) AS game_date,
       CAST(r.payload->>'game_time' AS TIMESTAMPTZ) AS start_at,
       r.payload->>'event_id' AS source_game_ref,
       r.payload->>'away_team' AS away_team_name,
       r.payload->>'home_team' AS home_team_name,
       r.payload->>'pitcher_name' AS player_name,
       CAST(r.payload->>'strikeout_line' AS DOUBLE PRECISION) AS line,
       r.payload->>'book' AS book,
       r.payload->>'over_odds' AS over_price_text,
       r.payload->>'under_odds' AS under_price_text,
       CAST(r.payload->>'last_seen' AS TIMESTAMPTZ) AS observed_at
FROM raw.records r
JOIN staging.processed_records p ON p.source_format = r.source_format AND p.content_hash = r.content_hash
WHERE r.source_format = 'strikeout-props' AND p.outcome = 'loaded';

-- Curated prop quotes: one row per side, prices as decimal odds plus the text as published.
CREATE VIEW curated.prop_quotes AS
SELECT q.source_format, q.source_key, q.quote_seq, q.run_id, 'mlb' AS sport, 'player_strikeouts' AS market,
       q.player_name, q.game_date, q.start_at, q.source_game_ref, q.away_team_name, q.home_team_name, q.book, q.side, q.line,
       CASE WHEN CAST(q.price_text AS DOUBLE PRECISION) > 0 THEN 1 + CAST(q.price_text AS DOUBLE PRECISION) / 100
            ELSE 1 + 100 / ABS(CAST(q.price_text AS DOUBLE PRECISION)) END AS price_decimal,
       q.price_text, q.observed_at
FROM (
  SELECT s.*, 0 AS quote_seq, 'over' AS side, s.over_price_text AS price_text FROM staging.strikeout_props__lines s
  UNION ALL
  SELECT s.*, 1 AS quote_seq, 'under' AS side, s.under_price_text AS price_text FROM staging.strikeout_props__lines s
) q;

-- Every prop prediction: system and version, the pitcher and game, the predicted distribution's
-- mean, P(over/push/under) at a line (null line: no line given), red flags, as-of and inputs hash.
CREATE TABLE analytics.prop_predictions (
  system          VARCHAR NOT NULL,          -- k_baseline | k_rolling | k_ensemble | k_naive_poisson
  version         VARCHAR NOT NULL,
  sport           VARCHAR NOT NULL,
  market          VARCHAR NOT NULL,          -- player_strikeouts
  player_id       VARCHAR NOT NULL,
  player_name     VARCHAR,
  game_date       DATE NOT NULL,
  game_number     INTEGER NOT NULL,
  team_id         VARCHAR,
  opponent_team_id VARCHAR,
  mean            DOUBLE PRECISION,          -- null when a red flag blocked the prediction
  line            DOUBLE PRECISION,
  p_over          DOUBLE PRECISION,
  p_push          DOUBLE PRECISION,
  p_under         DOUBLE PRECISION,
  red_flags       VARCHAR NOT NULL,          -- comma-separated codes; '' when none
  is_blocked      BOOLEAN NOT NULL,
  as_of           TIMESTAMPTZ NOT NULL,
  inputs_hash     VARCHAR NOT NULL,
  run_id          BIGINT NOT NULL,
  predicted_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX prop_predictions_system_idx ON analytics.prop_predictions (system, game_date);

-- The latest prediction of each system for a pitcher's game (re-predictions count once).
CREATE VIEW analytics.latest_prop_predictions AS
SELECT system, version, sport, market, player_id, player_name, game_date, game_number, team_id, opponent_team_id,
       mean, line, p_over, p_push, p_under, red_flags, is_blocked, run_id, predicted_at
FROM (
  SELECT p.*, ROW_NUMBER() OVER (PARTITION BY p.system, p.player_id, p.game_date, p.game_number, p.market
                                 ORDER BY p.predicted_at DESC, p.run_id DESC) AS rn
  FROM analytics.prop_predictions p
) ranked
WHERE rn = 1;

-- Predictions with the strikeouts the pitcher then recorded (any source id of the same player;
-- Retrosheet's figure first, as it covers the whole season). A grouped join, so both engines hash it.
CREATE VIEW analytics.prop_prediction_results AS
SELECT l.system, l.version, l.sport, l.player_id, l.game_date, l.game_number, l.mean, l.line, l.p_over, l.p_push, l.p_under,
       o.strikeouts
FROM analytics.latest_prop_predictions l
JOIN (
  SELECT pl.player_id, g.game_date, g.game_number,
         COALESCE(MAX(CASE WHEN g.source_format = 'retrosheet' THEN g.strikeouts END), MAX(g.strikeouts)) AS strikeouts
  FROM curated.player_game_logs g
  JOIN curated.players pl ON pl.player_ref = g.player_ref
  WHERE g.strikeouts IS NOT NULL
  GROUP BY pl.player_id, g.game_date, g.game_number
) o ON o.player_id = l.player_id AND o.game_date = l.game_date AND o.game_number = l.game_number
WHERE NOT l.is_blocked AND l.mean IS NOT NULL;

CREATE VIEW analytics.prop_system_comparison AS
SELECT sport, system,
       COUNT(*) AS starts,
       AVG(ABS(mean - strikeouts)) AS mae,
       AVG(mean - strikeouts) AS bias,
       SUM(CASE WHEN line IS NOT NULL AND strikeouts <> line THEN 1 ELSE 0 END) AS decided_at_line,
       AVG(CASE WHEN line IS NOT NULL AND strikeouts <> line
                THEN (p_over / (p_over + p_under) - CASE WHEN strikeouts > line THEN 1 ELSE 0 END)
                   * (p_over / (p_over + p_under) - CASE WHEN strikeouts > line THEN 1 ELSE 0 END) END) AS over_brier,
       MIN(game_date) AS first_game_date,
       MAX(game_date) AS last_game_date
FROM analytics.prop_prediction_results
GROUP BY sport, system;

-- Rolling windows end at each sport's latest scored prediction (history is judged as of its own end).
CREATE VIEW analytics.prop_system_performance AS
WITH scored AS (
  SELECT r.*, MAX(r.game_date) OVER (PARTITION BY r.sport) AS end_date FROM analytics.prop_prediction_results r
), windows AS (
  SELECT 7 AS days UNION ALL SELECT 30 UNION ALL SELECT 365
)
SELECT s.sport, s.system, w.days AS window_days, MAX(s.end_date) AS end_date,
       COUNT(*) AS starts,
       AVG(ABS(s.mean - s.strikeouts)) AS mae,
       AVG(s.mean - s.strikeouts) AS bias
FROM scored s
CROSS JOIN windows w
WHERE s.game_date > s.end_date - w.days
GROUP BY s.sport, s.system, w.days;

-- Did every system predict every start? Starts per day (any source) against each system's predictions,
-- blocked ones counted apart.
CREATE VIEW analytics.prop_daily_coverage AS
WITH systems AS (
  SELECT DISTINCT sport, system FROM analytics.latest_prop_predictions
), days AS (
  SELECT g.sport, g.game_date, COUNT(DISTINCT COALESCE(pl.player_id, g.player_ref) || ':' || CAST(g.game_number AS VARCHAR)) AS starts
  FROM curated.player_game_logs g
  LEFT JOIN curated.players pl ON pl.player_ref = g.player_ref
  WHERE g.started AND g.game_date >= (SELECT MIN(game_date) FROM analytics.latest_prop_predictions)
    AND g.game_date <= (SELECT MAX(game_date) FROM analytics.latest_prop_predictions)
  GROUP BY g.sport, g.game_date
), predicted AS (
  SELECT sport, game_date, system,
         SUM(CASE WHEN is_blocked THEN 0 ELSE 1 END) AS predicted,
         SUM(CASE WHEN is_blocked THEN 1 ELSE 0 END) AS blocked
  FROM analytics.latest_prop_predictions
  GROUP BY sport, game_date, system
)
SELECT d.sport, d.game_date, s.system, d.starts, COALESCE(p.predicted, 0) AS predicted, COALESCE(p.blocked, 0) AS blocked,
       d.starts - COALESCE(p.predicted, 0) - COALESCE(p.blocked, 0) AS missing
FROM days d
JOIN systems s ON s.sport = d.sport
LEFT JOIN predicted p ON p.sport = d.sport AND p.game_date = d.game_date AND p.system = s.system;

-- How far apart the systems' means are for each start.
CREATE VIEW analytics.prop_system_agreement AS
SELECT sport, player_id, game_date, game_number,
       COUNT(*) AS systems,
       MIN(mean) AS min_mean,
       MAX(mean) AS max_mean,
       MAX(mean) - MIN(mean) AS spread
FROM analytics.latest_prop_predictions
WHERE NOT is_blocked AND mean IS NOT NULL
GROUP BY sport, player_id, game_date, game_number;

-- Today's prop picks: every system's latest view of today's starts at a line (UTC date).
CREATE VIEW analytics.prop_todays_picks AS
SELECT l.sport, l.player_id, l.player_name, l.game_date, l.team_id, l.opponent_team_id, l.system, l.version, l.mean, l.line,
       l.p_over, l.p_push, l.p_under, l.red_flags,
       CASE WHEN l.p_over >= l.p_under THEN 'over' ELSE 'under' END AS pick,
       l.predicted_at
FROM analytics.latest_prop_predictions l
WHERE l.line IS NOT NULL AND NOT l.is_blocked AND l.game_date = CURRENT_DATE;

-- migrate:down
DROP VIEW analytics.prop_todays_picks;
DROP VIEW analytics.prop_system_agreement;
DROP VIEW analytics.prop_daily_coverage;
DROP VIEW analytics.prop_system_performance;
DROP VIEW analytics.prop_system_comparison;
DROP VIEW analytics.prop_prediction_results;
DROP VIEW analytics.latest_prop_predictions;
DROP TABLE analytics.prop_predictions;
DROP VIEW curated.prop_quotes;
DROP VIEW staging.strikeout_props__lines;
DROP TABLE ops.player_log_disagreements;
DROP TABLE curated.players;

-- Monitoring views over the prediction log (the five views the MLB strikeout system ran,
-- generalised to every sport and system): system comparison, rolling performance, daily coverage,
-- agreement between systems, and today's picks. Each reads the LATEST prediction of a system for a
-- game and market (a game predicted again by a later run counts once).
-- migrate:up
CREATE VIEW analytics.latest_predictions AS
SELECT system, version, sport, game_id, game_date, home_team_id, away_team_id, market, line, p_home, p_draw, p_away, as_of, run_id, predicted_at
FROM (
  SELECT p.*, ROW_NUMBER() OVER (PARTITION BY p.system, p.game_id, p.market ORDER BY p.predicted_at DESC, p.run_id DESC) AS rn
  FROM analytics.predictions p
  WHERE p.game_id IS NOT NULL
) ranked
WHERE rn = 1;

-- Moneyline predictions of decided games, scored: P(home) against away (draws and ties left out).
CREATE VIEW analytics.prediction_results AS
SELECT l.system, l.version, l.sport, l.game_id, l.game_date,
       l.p_home / (l.p_home + l.p_away) AS p_home_win,
       CASE WHEN r.margin > 0 THEN 1 ELSE 0 END AS home_won
FROM analytics.latest_predictions l
JOIN curated.game_results r ON r.game_id = l.game_id
WHERE l.market = 'moneyline' AND r.margin IS NOT NULL AND r.margin <> 0 AND l.p_home + l.p_away > 0;

CREATE VIEW analytics.system_comparison AS
SELECT sport, system,
       COUNT(*) AS games,
       AVG((p_home_win - home_won) * (p_home_win - home_won)) AS brier,
       AVG(-(home_won * LN(GREATEST(p_home_win, 1e-15)) + (1 - home_won) * LN(GREATEST(1 - p_home_win, 1e-15)))) AS log_loss,
       AVG(CASE WHEN (p_home_win > 0.5 AND home_won = 1) OR (p_home_win < 0.5 AND home_won = 0) THEN 1.0 ELSE 0.0 END) AS accuracy,
       MIN(game_date) AS first_game_date,
       MAX(game_date) AS last_game_date
FROM analytics.prediction_results
GROUP BY sport, system;

-- Rolling windows end at each sport's latest scored prediction (history is judged as of its own end).
CREATE VIEW analytics.system_performance AS
WITH latest AS (
  SELECT sport, MAX(game_date) AS end_date FROM analytics.prediction_results GROUP BY sport
), windows AS (
  SELECT 7 AS days UNION ALL SELECT 30 UNION ALL SELECT 365
)
SELECT r.sport, r.system, w.days AS window_days, MAX(l.end_date) AS end_date,
       COUNT(*) AS games,
       AVG((r.p_home_win - r.home_won) * (r.p_home_win - r.home_won)) AS brier,
       AVG(-(r.home_won * LN(GREATEST(r.p_home_win, 1e-15)) + (1 - r.home_won) * LN(GREATEST(1 - r.p_home_win, 1e-15)))) AS log_loss
FROM analytics.prediction_results r
JOIN latest l ON l.sport = r.sport
CROSS JOIN windows w
WHERE r.game_date > l.end_date - w.days
GROUP BY r.sport, r.system, w.days;

-- Did every system predict every game? One row per sport, day with games, and system that has ever
-- predicted that sport.
CREATE VIEW analytics.daily_coverage AS
WITH systems AS (
  SELECT DISTINCT sport, system FROM analytics.latest_predictions
), days AS (
  SELECT g.sport, g.game_date, COUNT(*) AS games
  FROM curated.games g
  WHERE g.sport IN (SELECT sport FROM systems) AND g.game_date >= (SELECT MIN(game_date) FROM analytics.latest_predictions)
  GROUP BY g.sport, g.game_date
), predicted AS (
  SELECT sport, game_date, system, COUNT(DISTINCT game_id) AS predicted
  FROM analytics.latest_predictions WHERE market = 'moneyline'
  GROUP BY sport, game_date, system
)
SELECT d.sport, d.game_date, s.system, d.games, COALESCE(p.predicted, 0) AS predicted, d.games - COALESCE(p.predicted, 0) AS missing
FROM days d
JOIN systems s ON s.sport = d.sport
LEFT JOIN predicted p ON p.sport = d.sport AND p.game_date = d.game_date AND p.system = s.system;

-- How far apart the systems are on each game's moneyline.
CREATE VIEW analytics.system_agreement AS
SELECT sport, game_id, game_date,
       COUNT(*) AS systems,
       MIN(p_home / (p_home + p_away)) AS min_p_home,
       MAX(p_home / (p_home + p_away)) AS max_p_home,
       MAX(p_home / (p_home + p_away)) - MIN(p_home / (p_home + p_away)) AS spread,
       SUM(CASE WHEN p_home > p_away THEN 1 ELSE 0 END) AS systems_picking_home
FROM analytics.latest_predictions
WHERE market = 'moneyline' AND p_home + p_away > 0
GROUP BY sport, game_id, game_date;

-- Today's picks: every system's latest moneyline view of today's games (UTC date).
CREATE VIEW analytics.todays_picks AS
SELECT l.sport, l.game_id, l.game_date, l.home_team_id, l.away_team_id, l.system, l.version,
       l.p_home, l.p_draw, l.p_away,
       CASE WHEN l.p_home >= l.p_away AND l.p_home >= COALESCE(l.p_draw, 0) THEN 'home'
            WHEN l.p_away >= COALESCE(l.p_draw, 0) THEN 'away' ELSE 'draw' END AS pick,
       l.predicted_at
FROM analytics.latest_predictions l
WHERE l.market = 'moneyline' AND l.game_date = CURRENT_DATE;

-- migrate:down
DROP VIEW analytics.todays_picks;
DROP VIEW analytics.system_agreement;
DROP VIEW analytics.daily_coverage;
DROP VIEW analytics.system_performance;
DROP VIEW analytics.system_comparison;
DROP VIEW analytics.prediction_results;
DROP VIEW analytics.latest_predictions;

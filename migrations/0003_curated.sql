-- The curated zone: ONE games table for the whole platform, quotes, closing lines, outcomes.
-- migrate:up
CREATE TABLE curated.teams (
  team_id   VARCHAR PRIMARY KEY,             -- e.g. nfl-kc, mlb-chc, soccer-eng-arsenal
  sport     VARCHAR NOT NULL,
  name      VARCHAR NOT NULL
);

CREATE SEQUENCE curated.game_id_seq START 1;

CREATE TABLE curated.games (
  game_id         BIGINT PRIMARY KEY,
  game_key        VARCHAR NOT NULL UNIQUE,  -- sport:date:home:away:number, the natural key
  sport           VARCHAR NOT NULL,
  league          VARCHAR NOT NULL,
  season          INTEGER NOT NULL,
  season_type     VARCHAR NOT NULL,
  game_date       DATE NOT NULL,
  start_at        TIMESTAMPTZ,
  game_number     INTEGER NOT NULL,
  home_team_id    VARCHAR NOT NULL,
  away_team_id    VARCHAR NOT NULL,
  is_neutral_site BOOLEAN NOT NULL,
  status          VARCHAR NOT NULL,
  home_score      INTEGER,
  away_score      INTEGER,
  created_run_id  BIGINT NOT NULL
);
CREATE INDEX games_sport_season_idx ON curated.games (sport, season);

-- Every source row that describes a game, with the score that source reported.
CREATE TABLE curated.game_sources (
  source_format   VARCHAR NOT NULL,
  source_key      VARCHAR NOT NULL,
  game_id         BIGINT NOT NULL,
  run_id          BIGINT NOT NULL,
  source_game_ref VARCHAR,
  home_score      INTEGER,
  away_score      INTEGER,
  PRIMARY KEY (source_format, source_key)
);
CREATE INDEX game_sources_game_idx ON curated.game_sources (game_id);

-- Quotes are typed once, in staging; curated sees those whose game reached curated, with its game_id.
-- (A view, not a copy: millions of soccer quotes are written once.)
CREATE INDEX staging_quotes_game_idx ON staging.quotes (source_format, game_source_key);
CREATE VIEW curated.quotes AS
SELECT q.source_format, q.source_key, q.quote_seq, gs.game_id, q.run_id, q.book, q.market, q.side, q.line,
       q.price_decimal, q.price_text, q.observed_at, q.is_opening, q.is_closing
FROM staging.quotes q
JOIN curated.game_sources gs ON gs.source_format = q.source_format AND gs.source_key = q.game_source_key;

-- Score changes made after a game was first loaded (sync-outcomes), so a rollback can undo them.
CREATE TABLE ops.outcome_changes (
  run_id         BIGINT NOT NULL,
  game_id        BIGINT NOT NULL,
  old_status     VARCHAR,
  old_home_score INTEGER,
  old_away_score INTEGER,
  new_status     VARCHAR NOT NULL,
  new_home_score INTEGER,
  new_away_score INTEGER,
  source_format  VARCHAR NOT NULL,
  changed_at     TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (run_id, game_id)
);

-- Two sources disagree on a final score: reported, never silently overwritten.
CREATE TABLE ops.outcome_conflicts (
  game_id        BIGINT NOT NULL,
  source_format  VARCHAR NOT NULL,
  source_key     VARCHAR NOT NULL,
  run_id         BIGINT NOT NULL,
  kept_home_score  INTEGER,
  kept_away_score  INTEGER,
  other_home_score INTEGER,
  other_away_score INTEGER,
  detected_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (source_format, source_key)
);

-- Derived columns live in the view, so they can never disagree with the scores.
CREATE VIEW curated.game_results AS
SELECT g.*,
       CASE WHEN g.home_score IS NULL OR g.away_score IS NULL THEN NULL
            WHEN g.home_score > g.away_score THEN 'home'
            WHEN g.home_score < g.away_score THEN 'away' ELSE 'draw' END AS winner,
       g.home_score - g.away_score AS margin,
       g.home_score + g.away_score AS total
FROM curated.games g;

-- The closing quote per game, market, book and side: flagged closing, else the last one observed.
CREATE VIEW curated.closing_lines AS
SELECT game_id, book, market, side, line, price_decimal, price_text, observed_at, source_format
FROM (
  SELECT q.*,
         ROW_NUMBER() OVER (PARTITION BY q.game_id, q.book, q.market, q.side
                            ORDER BY CASE WHEN q.is_closing THEN 0 ELSE 1 END,
                                     q.observed_at DESC NULLS LAST, q.source_format, q.source_key) AS rn
  FROM curated.quotes q
  WHERE q.is_closing OR NOT q.is_opening
) ranked
WHERE rn = 1;

-- Outcome facts against each closing line: did the side win, cover, go over; was it a push.
CREATE VIEW curated.line_outcomes AS
SELECT c.game_id, c.book, c.market, c.side, c.line, c.price_decimal,
       CASE
         WHEN r.home_score IS NULL OR r.away_score IS NULL THEN NULL
         WHEN c.market = 'moneyline' AND c.side = 'home' THEN CASE WHEN r.margin > 0 THEN 'win' WHEN r.margin = 0 THEN 'push' ELSE 'loss' END
         WHEN c.market = 'moneyline' AND c.side = 'away' THEN CASE WHEN r.margin < 0 THEN 'win' WHEN r.margin = 0 THEN 'push' ELSE 'loss' END
         WHEN c.market = 'moneyline' AND c.side = 'draw' THEN CASE WHEN r.margin = 0 THEN 'win' ELSE 'loss' END
         WHEN c.market = 'spread' AND c.side = 'home' THEN CASE WHEN r.margin + c.line > 0 THEN 'win' WHEN r.margin + c.line = 0 THEN 'push' ELSE 'loss' END
         WHEN c.market = 'spread' AND c.side = 'away' THEN CASE WHEN -r.margin + c.line > 0 THEN 'win' WHEN -r.margin + c.line = 0 THEN 'push' ELSE 'loss' END
         WHEN c.market = 'total' AND c.side = 'over' THEN CASE WHEN r.total > c.line THEN 'win' WHEN r.total = c.line THEN 'push' ELSE 'loss' END
         WHEN c.market = 'total' AND c.side = 'under' THEN CASE WHEN r.total < c.line THEN 'win' WHEN r.total = c.line THEN 'push' ELSE 'loss' END
       END AS result
FROM curated.closing_lines c
JOIN curated.game_results r ON r.game_id = c.game_id;

-- One row per game: did the home side win, cover the consensus closing spread, did it go over.
CREATE VIEW curated.game_outcomes AS
WITH spread AS (
  SELECT game_id, AVG(line) AS home_spread FROM curated.closing_lines WHERE market = 'spread' AND side = 'home' GROUP BY game_id
), total AS (
  SELECT game_id, AVG(line) AS total_line FROM curated.closing_lines WHERE market = 'total' AND side = 'over' GROUP BY game_id
)
SELECT r.game_id, r.sport, r.season, r.game_date, r.home_team_id, r.away_team_id, r.home_score, r.away_score,
       r.winner, r.margin, r.total,
       CASE WHEN r.margin IS NULL THEN NULL WHEN r.margin > 0 THEN TRUE ELSE FALSE END AS is_home_win,
       s.home_spread,
       CASE WHEN r.margin IS NULL OR s.home_spread IS NULL THEN NULL ELSE r.margin + s.home_spread > 0 END AS is_home_cover,
       CASE WHEN r.margin IS NULL OR s.home_spread IS NULL THEN NULL ELSE r.margin + s.home_spread = 0 END AS is_spread_push,
       t.total_line,
       CASE WHEN r.total IS NULL OR t.total_line IS NULL THEN NULL ELSE r.total > t.total_line END AS is_over,
       CASE WHEN r.total IS NULL OR t.total_line IS NULL THEN NULL ELSE r.total = t.total_line END AS is_total_push
FROM curated.game_results r
LEFT JOIN spread s ON s.game_id = r.game_id
LEFT JOIN total t ON t.game_id = r.game_id;

-- migrate:down
DROP VIEW curated.game_outcomes;
DROP VIEW curated.line_outcomes;
DROP VIEW curated.closing_lines;
DROP VIEW curated.game_results;
DROP TABLE ops.outcome_conflicts;
DROP TABLE ops.outcome_changes;
DROP VIEW curated.quotes;
DROP INDEX staging.staging_quotes_game_idx;
DROP TABLE curated.game_sources;
DROP TABLE curated.games;
DROP SEQUENCE curated.game_id_seq;
DROP TABLE curated.teams;

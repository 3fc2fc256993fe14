-- Neutral sites: sources disagree on which team is the designated home side (538 and spreadspoke
-- list some Super Bowls and London games the other way round from nflverse). A source row at a
-- neutral site now joins the curated game whichever way round it names the teams; game_sources
-- records that it was swapped (its scores are stored oriented to the curated game), and the quotes
-- view turns its home/away sides round. A spread line is from its side's view, so it stays as is.
-- migrate:up
ALTER TABLE curated.game_sources ADD COLUMN is_swapped BOOLEAN DEFAULT FALSE;
DROP VIEW curated.game_outcomes;
DROP VIEW curated.line_outcomes;
DROP VIEW curated.closing_lines;
DROP VIEW curated.quotes;

CREATE VIEW curated.quotes AS
SELECT q.source_format, q.source_key, q.quote_seq, gs.game_id, q.run_id, q.book, q.market,
       CASE WHEN gs.is_swapped AND q.side = 'home' THEN 'away'
            WHEN gs.is_swapped AND q.side = 'away' THEN 'home'
            ELSE q.side END AS side,
       q.line, q.price_decimal, q.price_text, q.observed_at, q.is_opening, q.is_closing
FROM staging.quotes q
JOIN curated.game_sources gs ON gs.source_format = q.source_format AND gs.source_key = q.game_source_key;

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
DROP VIEW curated.quotes;

-- if postgres
ALTER TABLE curated.game_sources DROP COLUMN is_swapped;
-- end if
-- if duckdb
CREATE TABLE curated.game_sources_unswapped AS
SELECT source_format, source_key, game_id, run_id, source_game_ref, home_score, away_score FROM curated.game_sources;
DROP TABLE curated.game_sources;
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
INSERT INTO curated.game_sources SELECT * FROM curated.game_sources_unswapped;
DROP TABLE curated.game_sources_unswapped;
CREATE INDEX game_sources_game_idx ON curated.game_sources (game_id);
-- end if
CREATE VIEW curated.quotes AS
SELECT q.source_format, q.source_key, q.quote_seq, gs.game_id, q.run_id, q.book, q.market, q.side, q.line,
       q.price_decimal, q.price_text, q.observed_at, q.is_opening, q.is_closing
FROM staging.quotes q
JOIN curated.game_sources gs ON gs.source_format = q.source_format AND gs.source_key = q.game_source_key;

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

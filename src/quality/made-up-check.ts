/**
 * @module quality/made-up-check
 * The made-up-data detector (`made-up.ts`) as a gate check: curated games are read per sport and
 * handed to the detector as rows; closing prices, repeated quotes, betting splits and the lineage
 * origins of the raw records are summarised by the engine (millions of quotes stay in it) into the
 * detector's summaries. Each finding becomes an offending row (sport, code, count, message).
 */
import type { Market, Sport } from '../domain/sports.js';
import type { StagedGame } from '../sources/types.js';
import type { Database, Row, SqlValue } from '../store/database.js';
import { describeGame, findingsFromSummaries, MADE_UP_CONFIG, type MadeUpSummaries } from './made-up.js';

type GameRow = {
  game_id: number;
  sport: Sport;
  league: string;
  season: number;
  season_type: StagedGame['seasonType'];
  game_date: string;
  game_number: number;
  home_team_id: string;
  away_team_id: string;
  is_neutral_site: boolean;
  status: StagedGame['status'];
  home_score: number | null;
  away_score: number | null;
};

/** Offending rows: one per finding, per sport. */
export async function madeUpDataRows(db: Database, options: { sport?: string } = {}): Promise<Row[]> {
  const summaries = await curatedSummaries(db, options.sport);
  const out: Row[] = [];
  for (const [sport, summary] of [...summaries].sort(([a], [b]) => a.localeCompare(b))) {
    for (const f of findingsFromSummaries(summary)) out.push({ sport, code: f.code, count: f.count, message: f.message, examples: f.examples.slice(0, 3).join('; ') });
  }
  return out;
}

/** Price steps: decimal prices are compared at `comparePrecision` places, as the detector does. */
const SCALE = 10 ** MADE_UP_CONFIG.comparePrecision;
const roundedPrice = (column: string) => `CAST(FLOOR(${column} * ${SCALE} + 0.5) AS BIGINT)`;

/**
 * The detector's summaries per sport, computed in the engine: closing prices per market (count,
 * distinct prices), quote rows repeated within a game, split shares, and lineage origins.
 */
async function curatedSummaries(db: Database, sport: string | undefined): Promise<Map<string, MadeUpSummaries>> {
  const params: SqlValue[] = sport ? [sport] : [];
  const where = sport ? 'WHERE g.sport = $1' : '';
  const and = where ? `${where} AND` : 'WHERE';
  const min = MADE_UP_CONFIG.minRepeatedCopies;
  const both = 'g.home_score IS NOT NULL AND g.away_score IS NOT NULL';

  const stats = await db.query<{ sport: string; finished: number; distinct_scores: number; first_score: string | null; home_wins: number; distinct_totals: number; first_total: number | null }>(
    `SELECT g.sport,
            SUM(CASE WHEN ${both} THEN 1 ELSE 0 END) AS finished,
            COUNT(DISTINCT CASE WHEN ${both} THEN CAST(g.home_score AS VARCHAR) || '-' || CAST(g.away_score AS VARCHAR) END) AS distinct_scores,
            MIN(CASE WHEN ${both} THEN CAST(g.home_score AS VARCHAR) || '-' || CAST(g.away_score AS VARCHAR) END) AS first_score,
            SUM(CASE WHEN ${both} AND g.home_score > g.away_score THEN 1 ELSE 0 END) AS home_wins,
            COUNT(DISTINCT g.home_score + g.away_score) AS distinct_totals,
            MIN(g.home_score + g.away_score) AS first_total
     FROM curated.games g ${where} GROUP BY g.sport`,
    params,
  );
  const examples = await db.query<GameRow & { rn: number }>(
    `SELECT * FROM (
       SELECT g.game_id, g.sport, g.league, g.season, g.season_type, CAST(g.game_date AS VARCHAR) AS game_date, g.game_number,
              g.home_team_id, g.away_team_id, g.is_neutral_site, g.status, g.home_score, g.away_score,
              ROW_NUMBER() OVER (PARTITION BY g.sport ORDER BY g.game_date, g.game_id) AS rn
       FROM curated.games g ${and} ${both}
     ) x WHERE rn <= ${MADE_UP_CONFIG.maxExamples} ORDER BY sport, rn`,
    params,
  );
  const teams = await db.query<{ sport: string; team: string; n: number }>(
    `SELECT t.sport, t.team, COUNT(*) AS n FROM (
       SELECT g.sport, g.home_team_id AS team FROM curated.games g ${where}
       UNION ALL SELECT g.sport, g.away_team_id AS team FROM curated.games g ${where}
     ) t GROUP BY t.sport, t.team`,
    params,
  );
  // Longest run of a score growing by exactly 1 from game to game (in date order): gaps and islands,
  // both columns in one pass over the games.
  const runs = await db.query<{ sport: string; col: string; len: number; start_rn: number }>(
    `WITH ordered AS (
       SELECT g.sport, g.home_score AS h, g.away_score AS a,
              ROW_NUMBER() OVER w AS rn, LAG(g.home_score) OVER w AS ph, LAG(g.away_score) OVER w AS pa
       FROM curated.games g ${where}
       WINDOW w AS (PARTITION BY g.sport ORDER BY g.game_date, g.game_id)
     ), islands AS (
       SELECT sport, rn, h, a,
              SUM(CASE WHEN h = ph + 1 THEN 0 ELSE 1 END) OVER (PARTITION BY sport ORDER BY rn) AS gh,
              SUM(CASE WHEN a = pa + 1 THEN 0 ELSE 1 END) OVER (PARTITION BY sport ORDER BY rn) AS ga
       FROM ordered
     ), lengths AS (
       SELECT sport, 'home score' AS col, COUNT(*) AS len, MIN(rn) AS start_rn FROM islands WHERE h IS NOT NULL GROUP BY sport, gh
       UNION ALL SELECT sport, 'away score' AS col, COUNT(*) AS len, MIN(rn) AS start_rn FROM islands WHERE a IS NOT NULL GROUP BY sport, ga
     )
     SELECT sport, col, len, start_rn FROM (
       SELECT l.*, ROW_NUMBER() OVER (PARTITION BY sport, col ORDER BY len DESC, start_rn) AS pick FROM lengths l
     ) x WHERE pick = 1`,
    params,
  );
  const repeatedGames = await db.query<{ sport: string; cells: string; copies: number }>(
    `SELECT g.sport, CONCAT(g.sport, '|', g.league, '|', g.season, '|', g.season_type, '|', CAST(g.game_date AS VARCHAR), '|', g.game_number, '|', g.home_team_id, '|', g.away_team_id, '|', g.status, '|', g.home_score, '|', g.away_score) AS cells, COUNT(*) AS copies
     FROM curated.games g ${where}
     GROUP BY g.sport, g.league, g.season, g.season_type, g.game_date, g.game_number, g.home_team_id, g.away_team_id, g.is_neutral_site, g.status, g.home_score, g.away_score
     HAVING COUNT(*) >= ${min}`,
    params,
  );
  const prices = await db.query<{ sport: string; market: Market; n: number; distinct_prices: number; first_price: number }>(
    `SELECT g.sport, q.market, COUNT(*) AS n, COUNT(DISTINCT ${roundedPrice('q.price_decimal')}) AS distinct_prices, MIN(${roundedPrice('q.price_decimal')}) AS first_price
     FROM curated.quotes q JOIN curated.games g ON g.game_id = q.game_id
     ${and} q.price_decimal IS NOT NULL
     GROUP BY g.sport, q.market`,
    params,
  );
  const repeatedQuotes = await db.query<{ sport: string; game_id: number; book: string; market: string; side: string; line: number | null; price_decimal: number | null; observed_at: string | null; is_opening: boolean; is_closing: boolean; copies: number }>(
    `SELECT g.sport, r.* FROM (
       SELECT q.game_id, q.book, q.market, q.side, q.line, q.price_decimal, CAST(q.observed_at AS VARCHAR) AS observed_at, q.is_opening, q.is_closing, COUNT(*) AS copies
       FROM curated.quotes q
       GROUP BY q.game_id, q.book, q.market, q.side, q.line, q.price_decimal, q.observed_at, q.is_opening, q.is_closing
       HAVING COUNT(*) >= ${min}
     ) r JOIN curated.games g ON g.game_id = r.game_id ${where}`,
    params,
  );
  const splits = await db.query<{ sport: string; n: number; distinct_shares: number; first_share: number }>(
    `SELECT g.sport, COUNT(*) AS n, COUNT(DISTINCT ${roundedPrice('s.bets_share')}) AS distinct_shares, MIN(${roundedPrice('s.bets_share')}) AS first_share
     FROM curated.betting_splits s JOIN curated.games g ON g.game_id = s.game_id
     ${and} s.bets_share IS NOT NULL
     GROUP BY g.sport`,
    params,
  );
  const origins = await db.query<{ sport: string; context: string; n: number; ref: string }>(
    `SELECT g.sport, CAST(r.context AS VARCHAR) AS context, COUNT(*) AS n, MIN(r.file_path) AS ref
     FROM curated.game_sources gs
     JOIN curated.games g ON g.game_id = gs.game_id
     JOIN raw.records r ON r.source_format = gs.source_format AND r.content_hash = gs.source_key
     ${and} r.context IS NOT NULL
     GROUP BY g.sport, CAST(r.context AS VARCHAR)`,
    params,
  );

  const text = (steps: number) => (Number(steps) / SCALE).toFixed(MADE_UP_CONFIG.comparePrecision);
  const out = new Map<string, MadeUpSummaries>();
  for (const st of stats) {
    const sp = st.sport;
    const exampleGames = examples.filter((e) => e.sport === sp).map(toStagedGame);
    const sequential: { column: string; length: number; examples: string[] }[] = [];
    for (const run of runs.filter((r) => r.sport === sp)) {
      const length = Number(run.len);
      // Rows of a run long enough to be reported are fetched to show it; short runs are never shown.
      const shown = length >= MADE_UP_CONFIG.minSequentialRun ? await gamesFrom(db, sp, Number(run.start_rn), Math.min(length, MADE_UP_CONFIG.maxExamples)) : [];
      sequential.push({ column: run.col, length, examples: shown.map(describeGame) });
    }
    const split = splits.find((x) => x.sport === sp);
    out.set(sp, {
      games: {
        teamNames: teams.filter((t) => t.sport === sp).map((t) => ({ name: t.team.replace(/^[a-z]+-/, ''), count: Number(t.n) })),
        finished: Number(st.finished ?? 0),
        distinctScores: Number(st.distinct_scores),
        firstScore: st.first_score ?? '',
        homeWins: Number(st.home_wins ?? 0),
        distinctTotals: Number(st.distinct_totals),
        firstTotal: st.first_total === null ? null : Number(st.first_total),
        examples: exampleGames.map(describeGame),
        sequential,
        repeated: repeatedGames.filter((r) => r.sport === sp).map((r) => ({ cells: r.cells, copies: Number(r.copies) })),
      },
      prices: prices.filter((p) => p.sport === sp).map((p) => ({ market: p.market, count: Number(p.n), distinct: Number(p.distinct_prices), price: text(p.first_price), examples: [text(p.first_price)] })),
      repeatedQuotes: repeatedQuotes
        .filter((r) => r.sport === sp)
        .map((r) => ({
          cells: `game ${r.game_id}|${r.book}|${r.market}|${r.side}|${r.line === null ? null : Number(r.line)}|${r.price_decimal === null ? null : Number(r.price_decimal)}|${r.observed_at}|${!!r.is_opening}|${!!r.is_closing}`,
          copies: Number(r.copies),
        })),
      splits: split
        ? { count: Number(split.n), distinct: Number(split.distinct_shares), share: text(split.first_share), examples: [`bets share ${text(split.first_share)}`] }
        : { count: 0, distinct: 0, share: '', examples: [] },
      origins: origins.filter((o) => o.sport === sp).flatMap((o) => {
        const origin = originOf(o.context);
        return origin ? [{ origin, count: Number(o.n), refs: [o.ref] }] : [];
      }),
    });
  }
  return out;
}

/** `count` games of `sport` from position `startRn` in date order. */
async function gamesFrom(db: Database, sport: string, startRn: number, count: number): Promise<StagedGame[]> {
  const rows = await db.query<GameRow>(
    `SELECT * FROM (
       SELECT g.game_id, g.sport, g.league, g.season, g.season_type, CAST(g.game_date AS VARCHAR) AS game_date, g.game_number,
              g.home_team_id, g.away_team_id, g.is_neutral_site, g.status, g.home_score, g.away_score,
              ROW_NUMBER() OVER (ORDER BY g.game_date, g.game_id) AS rn
       FROM curated.games g WHERE g.sport = $1
     ) x WHERE rn >= $2 AND rn < $3 ORDER BY rn`,
    [sport, startRn, startRn + count],
  );
  return rows.map(toStagedGame);
}

/** The `origin` a test or fixture import writes into `raw.records.context` (null when absent). */
function originOf(context: string | null): string | null {
  if (!context) return null;
  try {
    const parsed = JSON.parse(context) as { origin?: unknown };
    return typeof parsed.origin === 'string' ? parsed.origin : null;
  } catch {
    return null;
  }
}

function toStagedGame(g: GameRow): StagedGame {
  return {
    sourceKey: `game-${g.game_id}`,
    // Our own surrogate ids count up by design: not evidence of anything, so not given.
    sourceGameRef: null,
    sport: g.sport,
    league: g.league,
    season: Number(g.season),
    seasonType: g.season_type,
    gameDate: g.game_date,
    startAt: null,
    gameNumber: Number(g.game_number),
    homeTeamId: g.home_team_id,
    awayTeamId: g.away_team_id,
    isNeutralSite: !!g.is_neutral_site,
    status: g.status,
    homeScore: g.home_score === null ? null : Number(g.home_score),
    awayScore: g.away_score === null ? null : Number(g.away_score),
  };
}

/**
 * @module quality/made-up-check
 * The made-up-data detector (`made-up.ts`) as a gate check: curated games, their closing quotes
 * and betting splits, and the lineage origins of the raw records behind them, read per sport and
 * handed to the detector; each finding becomes an offending row (sport, code, count, message).
 */
import type { Market, Side, Sport } from '../domain/sports.js';
import type { StagedGame, StagedQuote } from '../sources/types.js';
import type { Database, Row, SqlValue } from '../store/database.js';
import { detectMadeUpData } from './made-up.js';

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
  const params: SqlValue[] = [];
  let where = '';
  if (options.sport) {
    params.push(options.sport);
    where = 'WHERE g.sport = $1';
  }
  const games = await db.query<GameRow>(
    `SELECT g.game_id, g.sport, g.league, g.season, g.season_type, CAST(g.game_date AS VARCHAR) AS game_date, g.game_number,
            g.home_team_id, g.away_team_id, g.is_neutral_site, g.status, g.home_score, g.away_score
     FROM curated.games g ${where} ORDER BY g.sport, g.game_date, g.game_id`,
    params,
  );
  const quotes = await db.query<{ game_id: number; book: string; market: StagedQuote['market']; side: StagedQuote['side']; line: number | null; price_decimal: number | null }>(
    `SELECT c.game_id, c.book, c.market, c.side, c.line, c.price_decimal FROM curated.closing_lines c
     JOIN curated.games g ON g.game_id = c.game_id ${where}`,
    params,
  );
  const splits = await db.query<{ sport: string; market: Market; side: Side; bets_share: number | null }>(
    `SELECT g.sport, s.market, s.side, s.bets_share FROM curated.betting_splits s JOIN curated.games g ON g.game_id = s.game_id ${where}`,
    params,
  );
  const lineage = await db.query<{ sport: string; ref: string; origin: string | null }>(
    `SELECT DISTINCT g.sport, r.file_path AS ref, CAST(r.context AS VARCHAR) AS origin
     FROM curated.game_sources gs
     JOIN curated.games g ON g.game_id = gs.game_id
     JOIN raw.records r ON r.source_format = gs.source_format AND r.content_hash = gs.source_key
     ${where}`,
    params,
  );

  const sports = [...new Set(games.map((g) => g.sport))].sort();
  const out: Row[] = [];
  for (const sport of sports) {
    const sportGames = games.filter((g) => g.sport === sport);
    const ids = new Set(sportGames.map((g) => Number(g.game_id)));
    const findings = detectMadeUpData({
      games: sportGames.map(toStagedGame),
      quotes: quotes.filter((q) => ids.has(Number(q.game_id))).map((q, i) => toStagedQuote(q, i)),
      splits: splits.filter((s) => s.sport === sport && s.bets_share !== null).map((s) => ({ market: s.market, side: s.side, betsShare: Number(s.bets_share) })),
      lineage: lineage.filter((l) => l.sport === sport).map((l) => ({ ref: l.ref, origin: originOf(l.origin) })),
    });
    for (const f of findings) out.push({ sport, code: f.code, count: f.count, message: f.message, examples: f.examples.slice(0, 3).join('; ') });
  }
  return out;
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

function toStagedQuote(q: { game_id: number; book: string; market: StagedQuote['market']; side: StagedQuote['side']; line: number | null; price_decimal: number | null }, seq: number): StagedQuote {
  return {
    sourceKey: `game-${q.game_id}`,
    quoteSeq: seq,
    gameSourceKey: `game-${q.game_id}`,
    book: q.book,
    market: q.market,
    side: q.side,
    line: q.line === null ? null : Number(q.line),
    priceDecimal: q.price_decimal === null ? null : Number(q.price_decimal),
    priceText: '',
    observedAt: null,
    isOpening: false,
    isClosing: true,
  };
}

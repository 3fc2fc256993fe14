/**
 * @module props/load-lines
 * Pitching lines from `curated.player_game_logs`, one per pitcher and game after the player
 * registry merged the sources: Retrosheet's line when it has one (whole season, batters faced),
 * Baseball-Reference's otherwise; pitch counts (Baseball-Reference only) are kept from either.
 */
import type { Database } from '../store/database.js';
import type { PitchingLine } from './types.js';

type Row = {
  player_id: string;
  player_name: string | null;
  game_date: string;
  game_number: number;
  team_id: string;
  opponent_team_id: string;
  is_home: boolean | null;
  started: boolean | null;
  outs: number | null;
  batters_faced: number | null;
  strikeouts: number | null;
  pitches: number | null;
  source_format: string;
};

/** Every MLB pitching line (optionally only before `before`, exclusive), merged across sources. */
export async function loadPitchingLines(db: Database, options: { before?: string } = {}): Promise<PitchingLine[]> {
  const rows = await db.query<Row>(
    `SELECT player_id, player_name, CAST(game_date AS VARCHAR) AS game_date, game_number, team_id, opponent_team_id, is_home, started,
            outs, batters_faced, strikeouts, pitches, source_format
     FROM (
       SELECT COALESCE(p.player_id, l.player_ref) AS player_id,
              COALESCE(MAX(p.player_name) OVER (PARTITION BY COALESCE(p.player_id, l.player_ref)), l.player_name) AS player_name,
              l.game_date, l.game_number, l.team_id, l.opponent_team_id, l.is_home, l.started, l.outs, l.batters_faced, l.strikeouts,
              MAX(l.pitches) OVER (PARTITION BY COALESCE(p.player_id, l.player_ref), l.game_date, l.game_number) AS pitches,
              l.source_format,
              ROW_NUMBER() OVER (PARTITION BY COALESCE(p.player_id, l.player_ref), l.game_date, l.game_number
                                 ORDER BY CASE WHEN l.source_format = 'retrosheet' THEN 0 ELSE 1 END, l.source_key) AS rn
       FROM curated.player_game_logs l
       LEFT JOIN curated.players p ON p.player_ref = l.player_ref
       WHERE l.sport = 'mlb' ${options.before ? 'AND l.game_date < CAST($1 AS DATE)' : ''}
     ) merged
     WHERE rn = 1
     ORDER BY game_date, game_number, player_id`,
    options.before ? [options.before] : [],
  );
  return rows.map((r) => ({
    playerId: r.player_id,
    playerName: r.player_name,
    date: r.game_date,
    gameNumber: Number(r.game_number),
    teamId: r.team_id,
    opponentTeamId: r.opponent_team_id,
    isHome: r.is_home,
    started: r.started === true,
    outs: r.outs === null ? null : Number(r.outs),
    battersFaced: r.batters_faced === null ? null : Number(r.batters_faced),
    strikeouts: r.strikeouts === null ? null : Number(r.strikeouts),
    pitches: r.pitches === null ? null : Number(r.pitches),
    source: r.source_format,
  }));
}

/**
 * @module serve/data/ratings
 * A team's Elo rating history: the sport's stored games replayed through the trained `elo_v1`
 * profile from the registry (the same rules and constants the system predicts with), up to the
 * date the system was trained until. Ratings are in Elo points; before is the pre-game rating
 * (after any between-season reversion), after the rating the game left.
 */
import { isSport, type Sport } from '../../domain/sports.js';
import { SharplineError } from '../../errors.js';
import { loadGames } from '../../models/load-games.js';
import { EloEngine, type EloSnapshot } from '../../models/ratings/index.js';
import { latestTrainedSystems } from '../../models/registry.js';
import type { Database } from '../../store/database.js';

export interface RatingPoint {
  game_id: number;
  date: string;
  season: number;
  opponent: string;
  is_home: boolean;
  elo_before: number;
  elo_after: number;
  /** The team's points minus the opponent's; null before the game is final. */
  margin: number | null;
}

export interface TeamRatings {
  version: 1;
  team_id: string;
  name: string | null;
  sport: Sport;
  system: 'elo_v1';
  trained_at: string;
  trained_until: string;
  points: RatingPoint[];
  /** Pitcher adjustments (MLB) change single games, not the rating, so they are not in the history. */
  note: string | null;
}

export async function teamRatingHistory(db: Database, teamId: string): Promise<TeamRatings> {
  const [team] = await db.query<{ sport: string; name: string }>(`SELECT sport, name FROM curated.teams WHERE team_id = $1`, [teamId]);
  const sport = team?.sport ?? teamId.split('-')[0] ?? '';
  if (!team || !isSport(sport)) throw new SharplineError('SL_TEAM_NOT_FOUND', `no team "${teamId}" in the store (list them at /v1/teams)`);
  const elo = (await latestTrainedSystems(db, sport)).find((t) => t.system === 'elo_v1');
  if (!elo) throw new SharplineError('SL_MODEL_NOT_TRAINED', `no trained ${sport} elo_v1 in the registry: run sharpline train --sport ${sport}`);
  const profile = (elo.params as { elo: EloSnapshot }).elo.profile;
  const games = await loadGames(db, sport, { until: elo.trainedUntil });
  const engine = new EloEngine(profile);
  const points: RatingPoint[] = [];
  for (const game of games) {
    const point = engine.process(game);
    const isHome = game.home === teamId;
    if (!isHome && game.away !== teamId) continue;
    const after = engine.snapshot().teams[teamId]?.elo ?? (isHome ? point.homeElo : point.awayElo);
    const margin = game.homeScore === null || game.awayScore === null ? null : (game.homeScore - game.awayScore) * (isHome ? 1 : -1);
    points.push({
      game_id: game.gameId,
      date: game.date,
      season: game.season,
      opponent: isHome ? game.away : game.home,
      is_home: isHome,
      elo_before: isHome ? point.homeElo : point.awayElo,
      elo_after: after,
      margin,
    });
  }
  return {
    version: 1,
    team_id: teamId,
    name: team.name,
    sport,
    system: 'elo_v1',
    trained_at: elo.trainedAt,
    trained_until: elo.trainedUntil,
    points,
    note: profile.pitcherAdjustmentWeight ? 'starting-pitcher adjustments change single games, not the rating; they are not in this history' : null,
  };
}

/** Teams in the store, optionally of one sport. */
export async function listTeams(db: Database, sport?: string): Promise<{ team_id: string; sport: string; name: string }[]> {
  const rows = await db.query<{ team_id: string; sport: string; name: string }>(
    `SELECT team_id, sport, name FROM curated.teams ${sport ? 'WHERE sport = $1' : ''} ORDER BY sport, name`,
    sport ? [sport] : [],
  );
  return rows.map((r) => ({ team_id: String(r.team_id), sport: String(r.sport), name: String(r.name) }));
}

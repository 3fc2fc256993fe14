/**
 * @module models/health
 * `sharpline ml health`: what the models can learn from, per sport and season: real scored games
 * (final, with both scores, and not marked synthetic in lineage), how complete the as-of features
 * are (games whose teams both had a game before, so rest and form are known; closing prices for the
 * market comparison), and when each system was last trained. The question the system sharpline
 * replaces could never answer: "does the ML table hold any real rows?"
 */
import type { Database } from '../store/database.js';
import { latestTrainedSystems } from './registry.js';

export interface SeasonHealth {
  sport: string;
  season: number;
  games: number;
  scored: number;
  /** Scored games whose source lineage marks them synthetic (tests); never trained on silently. */
  synthetic: number;
  /** Scored games in which both teams had played before in the store (rest/form features known). */
  with_history: number;
  with_closing_moneyline: number;
}

export interface MlHealthReport {
  version: 1;
  sports: { sport: string; games: number; scored: number; seasons: number; last_trained: string | null; systems_trained: string[] }[];
  seasons?: SeasonHealth[];
  trained: { sport: string; system: string; version: string; trained_at: string; trained_until: string; games: number }[];
}

export async function mlHealth(db: Database, options: { detailed?: boolean; sport?: string } = {}): Promise<MlHealthReport> {
  const params = options.sport ? [options.sport] : [];
  const rows = await db.query<{ sport: string; season: number; games: number; scored: number; synthetic: number; with_history: number; with_closing_moneyline: number }>(
    `WITH g AS (
       SELECT game_id, sport, season, game_date, home_team_id, away_team_id,
              status = 'final' AND home_score IS NOT NULL AND away_score IS NOT NULL AS is_scored
       FROM curated.games ${options.sport ? 'WHERE sport = $1' : ''}
     ), first_game AS (
       SELECT team_id, MIN(game_date) AS first_date FROM (
         SELECT home_team_id AS team_id, game_date FROM g UNION ALL SELECT away_team_id, game_date FROM g
       ) t GROUP BY team_id
     ), synthetic AS (
       SELECT DISTINCT gs.game_id FROM curated.game_sources gs
       JOIN raw.records r ON r.source_format = gs.source_format AND r.content_hash = gs.source_key
       WHERE CAST(r.context AS VARCHAR) LIKE '%synthetic%'
     ), priced AS (
       SELECT DISTINCT game_id FROM curated.closing_lines WHERE market = 'moneyline'
     )
     SELECT g.sport, g.season, COUNT(*) AS games,
            SUM(CASE WHEN g.is_scored THEN 1 ELSE 0 END) AS scored,
            SUM(CASE WHEN g.is_scored AND s.game_id IS NOT NULL THEN 1 ELSE 0 END) AS synthetic,
            SUM(CASE WHEN g.is_scored AND fh.first_date < g.game_date AND fa.first_date < g.game_date THEN 1 ELSE 0 END) AS with_history,
            SUM(CASE WHEN g.is_scored AND p.game_id IS NOT NULL THEN 1 ELSE 0 END) AS with_closing_moneyline
     FROM g
     LEFT JOIN first_game fh ON fh.team_id = g.home_team_id
     LEFT JOIN first_game fa ON fa.team_id = g.away_team_id
     LEFT JOIN synthetic s ON s.game_id = g.game_id
     LEFT JOIN priced p ON p.game_id = g.game_id
     GROUP BY g.sport, g.season ORDER BY g.sport, g.season`,
    params,
  );
  const seasons: SeasonHealth[] = rows.map((r) => ({
    sport: r.sport,
    season: Number(r.season),
    games: Number(r.games),
    scored: Number(r.scored),
    synthetic: Number(r.synthetic),
    with_history: Number(r.with_history),
    with_closing_moneyline: Number(r.with_closing_moneyline),
  }));
  const trained = (await latestTrainedSystems(db, options.sport)).map((t) => ({ sport: t.sport, system: t.system, version: t.version, trained_at: t.trainedAt, trained_until: t.trainedUntil, games: t.games }));
  const sports = [...new Set(seasons.map((s) => s.sport))].map((sport) => {
    const mine = seasons.filter((s) => s.sport === sport);
    const t = trained.filter((x) => x.sport === sport);
    return {
      sport,
      games: mine.reduce((a, s) => a + s.games, 0),
      scored: mine.reduce((a, s) => a + s.scored - s.synthetic, 0),
      seasons: mine.length,
      last_trained: t.length ? t.map((x) => x.trained_at).sort().at(-1)! : null,
      systems_trained: t.map((x) => x.system),
    };
  });
  return { version: 1, sports, ...(options.detailed ? { seasons } : {}), trained };
}

/**
 * SYNTHETIC pitcher seasons for tests that need many starts (a real season is for bench/): 30 real
 * club ids, 5 starters each in a 5-day rotation, every club playing every day, strikeouts drawn as
 * Binomial(batters faced, pitcher rate × opponent factor) from a seeded generator. Lines written to
 * a store carry `source_format = 'synthetic-test'`, so their lineage says they are made up.
 */
import { mulberry32 } from '../../src/models/mulberry32.js';
import type { PitchingLine } from '../../src/props/types.js';
import type { Database } from '../../src/store/database.js';

const CLUBS = ['ari', 'atl', 'bal', 'bos', 'chc', 'cws', 'cin', 'cle', 'col', 'det', 'hou', 'kc', 'laa', 'lad', 'mia', 'mil', 'min', 'nym', 'nyy', 'oak', 'phi', 'pit', 'sd', 'sea', 'sf', 'stl', 'tb', 'tex', 'tor', 'wsh'].map((c) => `mlb-${c}`);

export const SYNTHETIC_FORMAT = 'synthetic-test';

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** `days` days of starts from `first`, deterministic for a seed. */
export function syntheticSeason(options: { seed?: number; first?: string; days?: number } = {}): PitchingLine[] {
  const rng = mulberry32(options.seed ?? 7);
  const first = options.first ?? '2023-04-01';
  const days = options.days ?? 90;
  const pitchers = CLUBS.flatMap((club, c) =>
    Array.from({ length: 5 }, (_, i) => ({ id: `synthetic:p${c * 5 + i}`, name: `Synthetic Pitcher ${c * 5 + i}`, club, rate: 0.15 + 0.17 * rng(), bf: 20 + Math.floor(8 * rng()) })),
  );
  const oppFactor = new Map(CLUBS.map((c) => [c, 0.85 + 0.3 * rng()]));
  const lines: PitchingLine[] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(first, d);
    // A different pairing each day: club i plays club (i + 1 + d mod 29) style rotation.
    const order = [...CLUBS];
    const shift = (d % 29) + 1;
    const used = new Set<string>();
    for (let i = 0; i < order.length; i++) {
      const home = order[i]!;
      if (used.has(home)) continue;
      let j = (i + shift) % order.length;
      while (used.has(order[j]!) || order[j] === home) j = (j + 1) % order.length;
      const away = order[j]!;
      used.add(home).add(away);
      for (const [club, opp, isHome] of [[home, away, true], [away, home, false]] as const) {
        const p = pitchers.filter((x) => x.club === club)[d % 5]!;
        const bf = Math.max(9, p.bf + Math.floor(6 * rng()) - 3);
        const rate = Math.min(0.6, p.rate * oppFactor.get(opp)!);
        let k = 0;
        for (let b = 0; b < bf; b++) if (rng() < rate) k++;
        lines.push({
          playerId: p.id, playerName: p.name, date, gameNumber: 1, teamId: club, opponentTeamId: opp, isHome,
          started: true, outs: Math.round(bf * 0.7), battersFaced: bf, strikeouts: k, pitches: Math.round(bf * 3.9), source: SYNTHETIC_FORMAT,
        });
      }
    }
  }
  return lines;
}

/** Writes lines into curated.player_game_logs as `synthetic-test` rows (run 0). */
export async function loadSyntheticLines(db: Database, lines: readonly PitchingLine[]): Promise<number> {
  return db.bulkLoad(
    'curated.player_game_logs',
    ['source_format', 'source_key', 'run_id', 'game_id', 'sport', 'player_ref', 'player_name', 'team_id', 'opponent_team_id', 'is_home', 'game_date', 'game_number',
      'started', 'outs', 'batters_faced', 'strikeouts', 'walks', 'hits', 'runs', 'earned_runs', 'home_runs', 'pitches'],
    lines.map((l, i) => [SYNTHETIC_FORMAT, `synthetic-${i}`, 0, null, 'mlb', l.playerId, l.playerName, l.teamId, l.opponentTeamId, l.isHome, l.date, l.gameNumber,
      l.started, l.outs, l.battersFaced, l.strikeouts, 0, 0, 0, 0, 0, l.pitches]),
  );
}

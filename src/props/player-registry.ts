/**
 * @module props/player-registry
 * One player registry over the sources' player ids (`curated.players`). Retrosheet's pitching file
 * has ids (retro:coleg001) but no names; Baseball-Reference's logs have MLBAM ids and names. Names
 * are spelt differently across sources (accents, "Jr."), so ids are matched on evidence instead:
 * the two sources' lines of the same club on the same day with identical outs, batters faced,
 * strikeouts, walks and hits are the same pitcher's. Each Retrosheet id takes the MLBAM id it
 * shares most such lines with, when that is mutual (the MLBAM id's best match is the same Retrosheet
 * id); a pitcher one source alone has keeps his own id. Then every game both sources have for a
 * matched player is compared field by field, and each difference is reported in
 * `ops.player_log_disagreements`, never merged away.
 */
import type { Database } from '../store/database.js';

/** What a rebuild found. */
export interface PlayerRegistryReport {
  readonly players: number;
  /** Retrosheet ids matched to an MLBAM id. */
  readonly matched: number;
  readonly retrosheetOnly: number;
  readonly brefOnly: number;
  /** Candidate pairs refused because the best match was not mutual. */
  readonly ambiguous: number;
  readonly disagreements: { readonly field: string; readonly count: number }[];
  readonly examples: { readonly playerId: string; readonly playerName: string | null; readonly gameDate: string; readonly field: string; readonly values: string }[];
}

const COMPARED = ['started', 'outs', 'batters_faced', 'strikeouts', 'walks', 'hits', 'runs', 'earned_runs', 'home_runs', 'opponent_team_id'] as const;

/** Rebuilds `curated.players` and the disagreement report from `curated.player_game_logs` (MLB), under run `runId`. */
export async function rebuildPlayerRegistry(db: Database, runId: number): Promise<PlayerRegistryReport> {
  const pairs = await db.query<{ retro_ref: string; mlbam_ref: string; n: number }>(
    `SELECT r.player_ref AS retro_ref, b.player_ref AS mlbam_ref, COUNT(*) AS n
     FROM curated.player_game_logs r
     JOIN curated.player_game_logs b
       ON b.source_format = 'bref-pitching' AND b.game_date = r.game_date AND b.team_id = r.team_id
      AND b.outs = r.outs AND b.batters_faced = r.batters_faced AND b.strikeouts = r.strikeouts AND b.walks = r.walks AND b.hits = r.hits
     WHERE r.source_format = 'retrosheet' AND r.sport = 'mlb'
     GROUP BY r.player_ref, b.player_ref`,
  );
  const bestOf = (key: 'retro_ref' | 'mlbam_ref') => {
    const best = new Map<string, { other: string; n: number }>();
    for (const p of pairs) {
      const self = p[key];
      const other = key === 'retro_ref' ? p.mlbam_ref : p.retro_ref;
      const n = Number(p.n);
      const cur = best.get(self);
      // Ties break on the id, so the result does not depend on row order.
      if (!cur || n > cur.n || (n === cur.n && other < cur.other)) best.set(self, { other, n });
    }
    return best;
  };
  const retroBest = bestOf('retro_ref');
  const mlbamBest = bestOf('mlbam_ref');
  const names = new Map(
    (await db.query<{ player_ref: string; player_name: string | null }>(
      `SELECT player_ref, MAX(player_name) AS player_name FROM curated.player_game_logs WHERE sport = 'mlb' GROUP BY player_ref`,
    )).map((r) => [r.player_ref, r.player_name]),
  );
  const rows: [string, string, string, string | null, number, number][] = [];
  const matchedMlbam = new Set<string>();
  let matched = 0;
  let ambiguous = 0;
  let retrosheetOnly = 0;
  for (const ref of [...names.keys()].sort()) {
    if (!ref.startsWith('retro:')) continue;
    const best = retroBest.get(ref);
    if (best && mlbamBest.get(best.other)?.other === ref) {
      matched++;
      matchedMlbam.add(best.other);
      rows.push([ref, best.other, 'mlb', names.get(best.other) ?? null, best.n, runId]);
    } else {
      if (best) ambiguous++;
      else retrosheetOnly++;
      rows.push([ref, ref, 'mlb', null, 0, runId]);
    }
  }
  let brefOnly = 0;
  for (const ref of [...names.keys()].sort()) {
    if (ref.startsWith('retro:')) continue;
    const n = matchedMlbam.has(ref) ? retroBest.get(mlbamBest.get(ref)!.other)!.n : 0;
    if (n === 0) brefOnly++;
    rows.push([ref, ref, 'mlb', names.get(ref) ?? null, n, runId]);
  }
  await db.transaction(async (tx) => {
    await tx.execute(`DELETE FROM curated.players WHERE sport = 'mlb'`);
    await tx.bulkLoad('curated.players', ['player_ref', 'player_id', 'sport', 'player_name', 'matched_lines', 'run_id'], rows);
    await tx.execute('DELETE FROM ops.player_log_disagreements');
    // Every field of every game both sources have for one player, compared; one row per difference.
    for (const field of COMPARED) {
      await tx.execute(
        `INSERT INTO ops.player_log_disagreements (player_id, game_date, field, values_text, run_id)
         SELECT pr.player_id, r.game_date, '${field}',
                'retrosheet=' || COALESCE(CAST(r.${field} AS VARCHAR), 'blank') || ' bref-pitching=' || COALESCE(CAST(b.${field} AS VARCHAR), 'blank'), $1
         FROM curated.player_game_logs r
         JOIN curated.players pr ON pr.player_ref = r.player_ref
         JOIN curated.players pb ON pb.player_id = pr.player_id AND pb.player_ref <> pr.player_ref
         JOIN curated.player_game_logs b ON b.player_ref = pb.player_ref AND b.game_date = r.game_date AND b.source_format = 'bref-pitching'
         WHERE r.source_format = 'retrosheet' AND r.${field} IS NOT NULL AND b.${field} IS NOT NULL AND r.${field} <> b.${field}
           AND r.game_number = (SELECT MIN(x.game_number) FROM curated.player_game_logs x WHERE x.player_ref = r.player_ref AND x.game_date = r.game_date)
         ON CONFLICT DO NOTHING`,
        [runId],
      );
    }
  });
  const disagreements = (await db.query<{ field: string; n: number }>(`SELECT field, COUNT(*) AS n FROM ops.player_log_disagreements GROUP BY field ORDER BY field`)).map((r) => ({ field: r.field, count: Number(r.n) }));
  const examples = (await db.query<{ player_id: string; player_name: string | null; game_date: string; field: string; values_text: string }>(
    `SELECT d.player_id, (SELECT MAX(p.player_name) FROM curated.players p WHERE p.player_id = d.player_id) AS player_name,
            CAST(d.game_date AS VARCHAR) AS game_date, d.field, d.values_text
     FROM ops.player_log_disagreements d ORDER BY d.game_date, d.player_id, d.field LIMIT 10`,
  )).map((r) => ({ playerId: r.player_id, playerName: r.player_name, gameDate: r.game_date, field: r.field, values: r.values_text }));
  return { players: new Set(rows.map((r) => r[1])).size, matched, retrosheetOnly, brefOnly, ambiguous, disagreements, examples };
}

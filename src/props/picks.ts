/**
 * @module props/picks
 * `sharpline props picks`: every pitcher with a strikeout prop line on a date (curated.prop_quotes),
 * matched to the registry by name, predicted from earlier days only, decided at every book's two
 * prices; the best recommended side per pitcher is the pick. Red flags skip (block) or keep a pitcher
 * out of the picks (downgrade), each with its reason.
 */
import { teamRegistry } from '../domain/teams/index.js';
import type { VigMethod } from '../domain/vig/index.js';
import { finishRun, startRun } from '../pipeline/runs.js';
import type { Database } from '../store/database.js';
import { overUnder } from './distribution.js';
import { decideProp, type PropSideDecision } from './decisions.js';
import { loadPitchingLines } from './load-lines.js';
import { nameKey } from './names.js';
import { ensurePlayerRegistry, registeredPlayers } from './players.js';
import { logPropPredictions } from './prediction-log.js';
import { decisionSystem, DECISION_SYSTEMS } from './predict.js';
import { predictStart, walkForward, type StartPrediction } from './walk-forward.js';
import type { RedFlag } from './types.js';

export interface PropPicksOptions {
  readonly date: string;
  readonly vigMethod?: VigMethod;
  readonly kellyFraction?: number;
  readonly minEdge?: number;
  readonly dryRun?: boolean;
}

export interface PropPickRow {
  readonly pitcher: string;
  readonly player_id: string | null;
  readonly team_id: string | null;
  readonly opponent_team_id: string | null;
  readonly books: number;
  readonly system: string | null;
  readonly mean: number | null;
  /** The best side over all books (highest EV), recommended or not; null when no prediction. */
  readonly best: (PropSideDecision & { readonly book: string; readonly line: number; readonly price_text: string }) | null;
  readonly recommended: boolean;
  readonly flags: readonly RedFlag[];
}

export interface PropPicksReport {
  readonly version: 1;
  readonly date: string;
  readonly quotes: number;
  readonly pitchers: number;
  readonly picks: number;
  readonly rows: PropPickRow[];
  readonly run_id: number | null;
}

type QuoteRow = { player_name: string; source_game_ref: string; home_team_name: string; away_team_name: string; book: string; line: number; side: string; price_decimal: number; price_text: string };

/** Picks for `date`; see the module comment. */
export async function propPicks(db: Database, options: PropPicksOptions): Promise<PropPicksReport> {
  await ensurePlayerRegistry(db);
  const quotes = await db.query<QuoteRow>(
    `SELECT player_name, source_game_ref, home_team_name, away_team_name, book, line, side, price_decimal, price_text
     FROM curated.prop_quotes WHERE market = 'player_strikeouts' AND game_date = CAST($1 AS DATE)
     ORDER BY player_name, source_game_ref, book, side`,
    [options.date],
  );
  const players = await registeredPlayers(db);
  const byName = new Map<string, string[]>();
  for (const p of players) if (p.playerName) byName.set(nameKey(p.playerName), [...(byName.get(nameKey(p.playerName)) ?? []), p.playerId]);
  const lines = await loadPitchingLines(db, { before: options.date });
  const walk = walkForward(lines, { record: false });
  const teams = teamRegistry();

  // One group per pitcher and event: the books' over/under pairs.
  const groups = new Map<string, QuoteRow[]>();
  for (const q of quotes) groups.set(`${q.player_name}|${q.source_game_ref}`, [...(groups.get(`${q.player_name}|${q.source_game_ref}`) ?? []), q]);
  const rows: PropPickRow[] = [];
  const toLog: { prediction: StartPrediction; line: number | null }[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const ids = byName.get(nameKey(first.player_name)) ?? [];
    const base = { pitcher: first.player_name, books: new Set(group.map((q) => q.book)).size };
    const skip = (reason: string, extra: Partial<PropPickRow> = {}): PropPickRow => ({
      ...base, player_id: null, team_id: null, opponent_team_id: null, system: null, mean: null, best: null, recommended: false,
      flags: [{ code: 'missing_data', severity: 'block', reason }], ...extra,
    });
    if (ids.length !== 1) {
      rows.push(skip(ids.length === 0 ? 'pitcher not in the player registry (no logs under this name)' : `name matches ${ids.length} players`));
      continue;
    }
    const playerId = ids[0]!;
    const home = teams.resolve('mlb', first.home_team_name, options.date);
    const away = teams.resolve('mlb', first.away_team_name, options.date);
    const club = walk.history.byPitcher.get(playerId)?.at(-1)?.teamId ?? null;
    if (!home || !away || !club || (club !== home && club !== away)) {
      rows.push(skip(`club unknown: last logged club ${club ?? 'none'} is neither ${first.home_team_name} nor ${first.away_team_name}`, { player_id: playerId }));
      continue;
    }
    const isHome = club === home;
    const prediction = predictStart(walk.history, walk.params, {
      playerId, playerName: first.player_name, date: options.date, gameNumber: 1, teamId: club, opponentTeamId: isHome ? away : home, isHome,
    });
    const chosen = decisionSystem(prediction);
    // The line most books offer is the one logged with the prediction.
    const lineCounts = new Map<number, number>();
    for (const q of group) if (q.side === 'over') lineCounts.set(Number(q.line), (lineCounts.get(Number(q.line)) ?? 0) + 1);
    const modalLine = [...lineCounts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? null;
    toLog.push({ prediction, line: modalLine });
    let best: PropPickRow['best'] = null;
    if (chosen) {
      for (const book of new Set(group.map((q) => q.book))) {
        const over = group.find((q) => q.book === book && q.side === 'over');
        const under = group.find((q) => q.book === book && q.side === 'under');
        if (!over || !under || Number(over.line) !== Number(under.line)) continue;
        const decision = decideProp(overUnder(chosen.distribution, Number(over.line)), { overDecimal: Number(over.price_decimal), underDecimal: Number(under.price_decimal), vigMethod: options.vigMethod, kellyFraction: options.kellyFraction, minEdge: options.minEdge }, chosen.flags);
        for (const side of decision.sides) {
          if (!best || side.expectedValue > best.expectedValue) best = { ...side, book, line: decision.line, price_text: side.side === 'over' ? over.price_text : under.price_text };
        }
      }
    }
    rows.push({
      ...base,
      player_id: playerId,
      team_id: club,
      opponent_team_id: isHome ? away : home,
      system: chosen?.system ?? null,
      mean: chosen?.distribution.mean ?? null,
      best,
      recommended: best?.recommended ?? false,
      flags: chosen ? chosen.flags : (prediction.systems.find((s) => s.system === DECISION_SYSTEMS[0])?.flags ?? prediction.flags),
    });
  }
  let runId: number | null = null;
  if (!options.dryRun && toLog.length > 0) {
    runId = await startRun(db, 'props picks', { args: { date: options.date } });
    const n = await logPropPredictions(db, runId, toLog);
    await finishRun(db, runId, 'succeeded', { rowsIn: n, loaded: n, quarantined: 0, duplicates: 0 });
  }
  rows.sort((a, b) => Number(b.recommended) - Number(a.recommended) || (b.best?.expectedValue ?? -Infinity) - (a.best?.expectedValue ?? -Infinity) || a.pitcher.localeCompare(b.pitcher));
  return { version: 1, date: options.date, quotes: quotes.length, pitchers: groups.size, picks: rows.filter((r) => r.recommended).length, rows, run_id: runId };
}

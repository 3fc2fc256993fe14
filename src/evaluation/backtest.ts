/**
 * @module evaluation/backtest
 * The walk-forward backtest: the forecast evaluation (every system, the market and the baseline on
 * the same games), then, for each system, bets on the real stored prices of one book wherever the
 * system's probability beats the vig-free market by more than the minimum edge, staked flat or by
 * fractional Kelly, settled on the real result. Per system and market: forecast scores (moneyline:
 * home vs away; spread and total: cover/over given no push) and betting results (bets, ROI, CLV,
 * drawdown, Sharpe). Nothing is NaN: a figure that cannot be measured is null, and `notes` says why.
 */
import type { VigMethod } from '../domain/vig/index.js';
import { closingLines } from '../models/closing-lines.js';
import { calibrationTable } from '../models/ml/metrics.js';
import { logPredictions, type LoggedPrediction } from '../models/prediction-log.js';
import { hashInputs } from '../models/registry.js';
import { isSystemId, SYSTEM_VERSIONS } from '../models/systems/catalog.js';
import { isMarketAwareSystemId, MARKET_AWARE_VERSIONS } from '../models/systems/market-aware.js';
import type { WalkForwardResult } from '../models/systems/walk-forward.js';
import { finishRun, startRun } from '../pipeline/runs.js';
import type { MarketProbabilities, OutcomeProbabilities } from '../models/types.js';
import type { Database } from '../store/database.js';
import { simulateBets, type BetMarket, type BetOpportunity, type BettingResult, type OpportunitySide, type Staking } from './betting/index.js';
import { evaluateForecasts, inWindow, score, type EvaluatedSystemId, type EvaluateOptions, type ForecastEvaluation, type ForecastScore, type SystemPredictions } from './forecast-evaluation.js';
import { loadMarketPrices, type MarketPrices, type PriceKind } from './market-prices.js';
import type { BacktestReportData, SystemReport } from './report/index.js';

export interface BacktestOptions extends Omit<EvaluateOptions, 'lines'> {
  markets: readonly BetMarket[];
  staking: Staking;
  minEdge: number;
  devig: VigMethod;
  price: PriceKind;
  book?: string;
}

/** One row of the stable JSON shape: a system in a market. */
export interface BacktestRow {
  system: string;
  market: BetMarket;
  n: number;
  brier: number | null;
  log_loss: number | null;
  ece: number | null;
  /** Ranked probability score of the three-way moneyline (soccer), draws included; null elsewhere. */
  rps: number | null;
  bets: number;
  /** Bets refunded in full (a whole line landing exactly, a tie where the market refunds). */
  pushes: number;
  /** Opportunities that produced no bet, by reason (no price, a side without a price, no edge, no stake). */
  skipped: Record<string, number>;
  staked: number;
  profit: number;
  roi: number | null;
  /** Profit per unit staked (bettors' "yield"; equal to ROI by definition, quoted under both names). */
  yield: number | null;
  clv: number | null;
  beat_close: number | null;
  max_drawdown: number | null;
  sharpe: number | null;
}

export interface BacktestResult {
  version: 1;
  sport: string;
  league: string | null;
  season_from: number;
  season_to: number;
  /** The date window inside the seasons, when the range was given as dates. */
  date_from: string | null;
  date_to: string | null;
  book: string | null;
  price: PriceKind;
  staking: Staking;
  min_edge: number;
  devig: VigMethod;
  /** Forecast metrics of the moneyline (home vs away), with the market and baseline rows. */
  forecast: Omit<ForecastEvaluation, 'elo_profile'> & { elo_profile: string };
  rows: BacktestRow[];
  /** Every system's bets over all chosen markets together: bankroll curve and edge buckets. */
  /** Per system: the 10-bin reliability table of its moneyline forecast (home vs away). */
  calibration: Record<string, { lower: number; upper: number; n: number; mean_p: number | null; mean_y: number | null }[]>;
  bankroll: Record<string, { bets: number; roi: number | null; max_drawdown: number | null; sharpe: number | null; final_bankroll: number; curve: { date: string; bankroll: number }[]; by_edge: { bucket: string; bets: number; staked: number; profit: number; roi: number | null }[] }>;
  notes: string[];
}

const CLAMP = 1e-6;
const clamp = (p: number) => Math.min(1 - CLAMP, Math.max(CLAMP, p));

/** The walk-forward behind a backtest, with every scored system's predictions (market-aware ones included). */
export type WalkForwardRun = WalkForwardResult & { systemPredictions: SystemPredictions };

const isEvaluated = (s: string): s is EvaluatedSystemId => isSystemId(s) || isMarketAwareSystemId(s);
const VERSIONS: Record<EvaluatedSystemId, string> = { ...SYSTEM_VERSIONS, ...MARKET_AWARE_VERSIONS };

export async function runBacktest(db: Database, options: BacktestOptions): Promise<{ result: BacktestResult; report: BacktestReportData; walk: WalkForwardRun }> {
  await db.refreshStatistics();
  const prices = await loadMarketPrices(db, { sport: options.sport, from: options.from, to: options.to, league: options.league, book: options.book, price: options.price });
  // Every game's closing lines (earlier seasons calibrate the ensemble's line probabilities); in
  // range, the lines of the book that is bet, so the probabilities are for the bet's own line.
  const lines = await closingLines(db, options.sport);
  for (const [gameId, markets] of prices.games) {
    const spread = markets.get('spread')?.line ?? undefined;
    const total = markets.get('total')?.line ?? undefined;
    if (spread !== undefined || total !== undefined) lines.set(gameId, { ...(spread !== undefined ? { spread } : {}), ...(total !== undefined ? { total } : {}) });
  }
  const { walk: walked, systemPredictions, ...forecast } = await evaluateForecasts(db, { ...options, lines });
  const walk: WalkForwardRun = { ...walked, systemPredictions };
  const notes = [...forecast.notes];
  if (!prices.book) notes.push(`no bettable prices for ${options.sport} ${options.from}–${options.to}: forecasts only, no bets`);

  const inRange: number[] = [];
  walk.games.forEach((g, i) => {
    if (inWindow(g, options) && g.homeScore !== null && g.awayScore !== null) inRange.push(i);
  });
  const systems = forecast.scores.map((s) => s.system).filter(isEvaluated);
  const rows: BacktestRow[] = [];
  const bankroll: BacktestResult['bankroll'] = {};
  const betting = new Map<string, BettingResult>();

  for (const system of systems) {
    const all: BetOpportunity[] = [];
    for (const market of options.markets) {
      const opportunities = buildOpportunities(walk, system, market, inRange, prices);
      all.push(...opportunities);
      const bets = prices.book ? simulateBets(opportunities, { staking: options.staking, minEdge: options.minEdge, devig: options.devig }) : null;
      // A system with no view of a market (only the score model and the ensemble price lines) has no row for it.
      if (market !== 'moneyline' && system !== 'score_v1' && system !== 'ensemble_v1') continue;
      rows.push({ system, market, ...marketForecast(walk, system, market, inRange, forecast.scores), ...bettingFigures(bets) });
    }
    if (prices.book) {
      all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      const combined = simulateBets(all, { staking: options.staking, minEdge: options.minEdge, devig: options.devig });
      betting.set(system, combined);
      const m = combined.metrics;
      bankroll[system] = {
        bets: m.bets,
        roi: m.roi,
        max_drawdown: m.maxDrawdown?.fraction ?? null,
        sharpe: m.sharpe,
        final_bankroll: m.finalBankroll,
        curve: m.curve.map((p) => ({ date: p.date, bankroll: p.bankroll })),
        by_edge: m.byEdge.map((b) => ({ bucket: b.label, bets: b.bets, staked: b.staked, profit: b.profit, roi: b.roi })),
      };
    }
  }
  for (const ref of ['market', 'baseline']) {
    const s = forecast.scores.find((x) => x.system === ref);
    if (s) rows.push({ system: ref, market: 'moneyline', n: s.n, brier: s.brier, log_loss: s.log_loss, ece: s.ece, rps: s.rps, ...bettingFigures(null) });
  }
  if (options.markets.some((m) => m !== 'moneyline')) notes.push('spread and total probabilities come from the score model (score_v1); the ensemble uses them recalibrated on earlier seasons; the other systems price moneylines only');

  const result: BacktestResult = {
    version: 1,
    sport: options.sport,
    league: options.league ?? null,
    season_from: options.from,
    season_to: options.to,
    date_from: options.fromDate ?? null,
    date_to: options.toDate ?? null,
    book: prices.book,
    price: options.price,
    staking: options.staking,
    min_edge: options.minEdge,
    devig: options.devig,
    forecast: { ...forecast, elo_profile: forecast.elo_profile.profile.id },
    rows,
    calibration: {},
    bankroll,
    notes,
  };
  const report = reportData(result, walk, inRange, betting);
  result.calibration = Object.fromEntries(report.systems.filter((x) => x.calibration.length > 0).map((x) => [x.system, x.calibration.map(({ bin: _bin, ...b }) => b)]));
  return { result, report, walk };
}

/** A system's opportunity in one market of each game, where the book priced it. */
function buildOpportunities(walk: WalkForwardRun, system: EvaluatedSystemId, market: BetMarket, inRange: readonly number[], prices: MarketPrices): BetOpportunity[] {
  const out: BetOpportunity[] = [];
  for (const i of inRange) {
    const g = walk.games[i]!;
    const quote = prices.games.get(g.gameId)?.get(market);
    if (!quote) continue;
    const side = (name: OpportunitySide['side'], probability: number): OpportunitySide => ({ side: name, probability: clamp(probability), price: quote.sides.get(name)?.price ?? null, closePrice: quote.sides.get(name)?.closePrice ?? null });
    const base = { gameId: g.gameId, date: g.date, season: g.season, market, outcome: { homeScore: g.homeScore!, awayScore: g.awayScore! } };
    if (market === 'moneyline') {
      const p: OutcomeProbabilities | null = walk.systemPredictions[system]?.[i] ?? null;
      if (!p) continue;
      const threeWay = quote.sides.has('draw') || p.draw > 0;
      out.push({ ...base, line: null, pushProbability: 0, sides: threeWay ? [side('home', p.home), side('draw', p.draw), side('away', p.away)] : [side('home', p.home), side('away', p.away)] });
      continue;
    }
    // Spreads and totals: the score model's view, which the ensemble shares.
    if (system !== 'score_v1' && system !== 'ensemble_v1') continue;
    const m: MarketProbabilities | null = (system === 'ensemble_v1' ? walk.ensembleLineMarkets[i] : walk.lineMarkets[i]) ?? null;
    if (market === 'spread' && m?.spread && quote.line !== null && m.spread.line === quote.line) {
      out.push({ ...base, line: quote.line, pushProbability: m.spread.push, sides: [side('home', m.spread.homeCover), side('away', m.spread.awayCover)] });
    } else if (market === 'total' && m?.total && quote.line !== null && m.total.line === quote.line) {
      out.push({ ...base, line: quote.line, pushProbability: m.total.push, sides: [side('over', m.total.over), side('under', m.total.under)] });
    }
  }
  return out;
}

/** Forecast scores of a system in a market: the moneyline's from the evaluation, spread/total by P(win | no push). */
function marketForecast(walk: WalkForwardRun, system: EvaluatedSystemId, market: BetMarket, inRange: readonly number[], scores: readonly ForecastScore[]): Pick<BacktestRow, 'n' | 'brier' | 'log_loss' | 'ece' | 'rps'> {
  const none = { n: 0, brier: null, log_loss: null, ece: null, rps: null };
  if (market === 'moneyline') {
    const s = scores.find((x) => x.system === system);
    return s ? { n: s.n, brier: s.brier, log_loss: s.log_loss, ece: s.ece, rps: s.rps } : none;
  }
  if (system !== 'score_v1' && system !== 'ensemble_v1') return none;
  const p: number[] = [];
  const y: number[] = [];
  const seasons: number[] = [];
  for (const i of inRange) {
    const g = walk.games[i]!;
    const m = system === 'ensemble_v1' ? walk.ensembleLineMarkets[i] : walk.lineMarkets[i];
    const margin = g.homeScore! - g.awayScore!;
    const total = g.homeScore! + g.awayScore!;
    if (market === 'spread' && m?.spread) {
      const v = margin + m.spread.line;
      if (v === 0 || m.spread.push >= 1) continue;
      p.push(m.spread.homeCover / (1 - m.spread.push));
      y.push(v > 0 ? 1 : 0);
      seasons.push(g.season);
    } else if (market === 'total' && m?.total) {
      if (total === m.total.line || m.total.push >= 1) continue;
      p.push(m.total.over / (1 - m.total.push));
      y.push(total > m.total.line ? 1 : 0);
      seasons.push(g.season);
    }
  }
  if (p.length === 0) return none;
  const s = score(system, p, y, seasons);
  return { n: s.n, brier: s.brier, log_loss: s.log_loss, ece: s.ece, rps: null };
}

function bettingFigures(b: BettingResult | null): Pick<BacktestRow, 'bets' | 'pushes' | 'skipped' | 'staked' | 'profit' | 'roi' | 'yield' | 'clv' | 'beat_close' | 'max_drawdown' | 'sharpe'> {
  if (!b) return { bets: 0, pushes: 0, skipped: {}, staked: 0, profit: 0, roi: null, yield: null, clv: null, beat_close: null, max_drawdown: null, sharpe: null };
  const m = b.metrics;
  const r = (x: number | null, d = 4) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);
  return { bets: m.bets, pushes: m.pushes, skipped: { ...b.skipped }, staked: r(m.staked, 2)!, profit: r(m.profit, 2)!, roi: r(m.roi), yield: r(m.yieldPerBet), clv: r(m.averageClvProbability ?? m.averageClvPrice), beat_close: r(m.beatCloseShare), max_drawdown: r(m.maxDrawdown?.fraction ?? null), sharpe: r(m.sharpe, 3) };
}

function reportData(result: BacktestResult, walk: WalkForwardRun, inRange: readonly number[], betting: Map<string, BettingResult>): BacktestReportData {
  const market = new Map(result.forecast.scores.map((s) => [s.system, s]));
  const decided = inRange.filter((i) => walk.games[i]!.homeScore !== walk.games[i]!.awayScore);
  const systems: SystemReport[] = result.forecast.scores.map((s) => {
    let calibration: SystemReport['calibration'] = [];
    if (isEvaluated(s.system)) {
      const predicted = walk.systemPredictions[s.system] ?? [];
      const p: number[] = [];
      const y: number[] = [];
      for (const i of decided) {
        const q = predicted[i];
        if (!q) continue;
        p.push(q.home / (q.home + q.away));
        y.push(walk.games[i]!.homeScore! > walk.games[i]!.awayScore! ? 1 : 0);
      }
      if (p.length > 0) calibration = calibrationTable(p, y).map((b, k) => ({ bin: k, lower: b.lower, upper: b.upper, n: b.n, mean_p: b.meanPredicted, mean_y: b.meanObserved }));
    }
    const b = betting.get(s.system);
    const br = result.bankroll[s.system];
    return {
      system: s.system,
      n: s.n,
      brier: s.brier,
      log_loss: s.log_loss,
      ece: s.ece,
      accuracy: s.accuracy,
      calibration,
      brier_by_season: market.get(s.system)?.by_season ?? {},
      betting:
        b && br
          ? { bets: br.bets, staked: b.metrics.staked, profit: b.metrics.profit, roi: br.roi, clv: b.metrics.averageClvProbability ?? b.metrics.averageClvPrice, max_drawdown: br.max_drawdown, sharpe: br.sharpe, bankroll_curve: br.curve, roi_by_edge: br.by_edge }
          : null,
    };
  });
  return {
    title: `Walk-forward backtest: ${result.sport}${result.league ? ` ${result.league}` : ''} ${result.season_from}–${result.season_to}`,
    generated_at: new Date().toISOString(),
    sport: result.sport,
    league: result.league,
    season_from: result.season_from,
    season_to: result.season_to,
    games: result.forecast.games_scored,
    command: '',
    notes: result.notes,
    systems,
  };
}

/** The walk-forward's predictions in range are what each system said before each game: logged. */
export async function logBacktestPredictions(db: Database, result: BacktestResult, walk: WalkForwardRun): Promise<number> {
  const runId = await startRun(db, 'backtest', { args: { sport: result.sport, from: result.season_from, to: result.season_to, league: result.league } });
  const systems = [...new Set(result.rows.map((r) => r.system))].filter(isEvaluated);
  const logged: LoggedPrediction[] = [];
  walk.games.forEach((g, i) => {
    if (!inWindow(g, { from: result.season_from, to: result.season_to, fromDate: result.date_from ?? undefined, toDate: result.date_to ?? undefined })) return;
    const asOf = `${g.date}T00:00:00.000Z`;
    for (const system of systems) {
      const moneyline = walk.systemPredictions[system]?.[i];
      if (!moneyline) continue;
      const lines = system === 'score_v1' ? walk.lineMarkets[i] : system === 'ensemble_v1' ? walk.ensembleLineMarkets[i] : null;
      const version = VERSIONS[system];
      logged.push({
        system,
        version,
        sport: g.sport,
        gameId: g.gameId,
        gameDate: g.date,
        home: g.home,
        away: g.away,
        probabilities: { moneyline, ...(lines?.spread ? { spread: lines.spread } : {}), ...(lines?.total ? { total: lines.total } : {}) },
        asOf,
        inputsHash: hashInputs({ system, version, game: g.gameId, asOf, lines: lines ? [lines.spread?.line, lines.total?.line] : null }),
      });
    }
  });
  const rows = await logPredictions(db, runId, logged);
  // A run's rows are the prediction rows it wrote (one per system and market), so rows_in = loaded.
  await finishRun(db, runId, 'succeeded', { rowsIn: rows, loaded: rows, quarantined: 0, duplicates: 0 });
  return runId;
}

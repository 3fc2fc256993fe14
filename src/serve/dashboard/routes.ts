/**
 * @module serve/dashboard/routes
 * The dashboard: server-rendered pages over the same services as the API (so the same cache),
 * charts as inline SVG rendered here, one small script for the picks filter. Pages: today's picks,
 * systems (comparison, performance, backtest charts), teams and rating charts, data quality and runs.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { SPORTS, type Sport } from '../../domain/sports.js';
import { latestPricedDay } from '../data/games.js';
import type { PicksReport } from '../data/picks.js';
import type { TeamRatings } from '../data/ratings.js';
import { jobRuns, type PipelineRun, type QualityStatus } from '../data/status.js';
import { trainedSports, type BacktestCharts } from '../data/backtests.js';
import { isoDate, picksQuery, teamParams } from '../schemas.js';
import { DEFAULT_PICK_FILTER, type ServeServices } from '../services.js';
import { PICKS_JS, STYLE_CSS } from './assets.js';
import { cell, escapeHtml, fix, page, pct, table } from './html.js';
import { teamRatingSvg } from './team-chart.js';

const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);
const sportQuery = z.object({ sport: z.enum(SPORTS as unknown as [string, ...string[]]).optional() }).strict();
const picksPageQuery = picksQuery.extend({ date: isoDate.optional() });

export function dashboardRoutes(services: ServeServices) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const hide = { schema: { hide: true } };
    app.get('/assets/picks.js', hide, async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(PICKS_JS));
    app.get('/assets/style.css', hide, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(STYLE_CSS));

    app.get('/', { schema: { hide: true, querystring: picksPageQuery } }, async (req, reply) => {
      const q = req.query as z.output<typeof picksPageQuery>;
      const today = new Date().toISOString().slice(0, 10);
      let date = q.date ?? today;
      let note = '';
      const first = JSON.parse((await services.picks(date, q.sport ?? null, { minEdge: q.min_edge, minConfidence: q.min_confidence, markets: q.markets }, q.kelly)).json) as PicksReport;
      let report = first;
      if (!q.date && first.games === 0) {
        // No games today: show the latest day that has stored prices, and say so.
        const fallback = await latestPricedDay(services.db, today);
        if (fallback) {
          date = fallback;
          note = `No games on ${today}; showing the latest game day with stored prices, ${fallback}.`;
          report = JSON.parse((await services.picks(date, q.sport ?? null, { minEdge: q.min_edge, minConfidence: q.min_confidence, markets: q.markets }, q.kelly)).json) as PicksReport;
        }
      }
      return html(reply, page("Today's picks", '/', picksBody(report, q, note), ['/assets/picks.js']));
    });

    app.get('/systems', { schema: { hide: true, querystring: sportQuery } }, async (req, reply) => {
      const q = req.query as z.output<typeof sportQuery>;
      const sports = await trainedSports(services.db);
      const sport = (q.sport ?? sports[0] ?? 'nfl') as Sport;
      const report = await services.systems(sport);
      let charts: BacktestCharts | null = null;
      let chartNote = '';
      try {
        charts = sports.includes(sport) ? (JSON.parse((await services.backtestCharts(sport)).json) as BacktestCharts) : null;
        if (!charts) chartNote = `No trained ${sport} systems: run sharpline train --sport ${sport}.`;
      } catch (error) {
        chartNote = error instanceof Error ? error.message : String(error);
      }
      return html(reply, page(`Systems · ${sport}`, '/systems', systemsBody(sport, sports, report, charts, chartNote)));
    });

    app.get('/teams', { schema: { hide: true, querystring: sportQuery } }, async (req, reply) => {
      const q = req.query as z.output<typeof sportQuery>;
      const { teams } = JSON.parse((await services.teams(q.sport)).json) as { teams: { team_id: string; sport: string; name: string }[] };
      const rows = teams.map((t) => [cell(t.sport), `<td><a href="/teams/${encodeURIComponent(t.team_id)}">${escapeHtml(t.name)}</a></td>`, cell(t.team_id)]);
      return html(reply, page('Teams', '/teams', sportLinks('/teams', q.sport ?? null) + table(['sport', 'team', 'id'], rows)));
    });

    app.get('/teams/:teamId', { schema: { hide: true, params: teamParams } }, async (req, reply) => {
      const { teamId } = req.params as z.output<typeof teamParams>;
      const ratings = JSON.parse((await services.teamRatings(teamId)).json) as TeamRatings;
      const svg = await services.cache.get('team', `rating-chart:${teamId}`, () => teamRatingSvg(ratings));
      const last = ratings.points.at(-1);
      const rows = ratings.points
        .slice(-20)
        .reverse()
        .map((p) => [cell(p.date), cell(`${p.is_home ? 'vs' : '@'} ${p.opponent}`), cell(p.margin, true), cell(fix(p.elo_before, 1), true), cell(fix(p.elo_after, 1), true)]);
      const body = `<p class="note">Elo ratings replayed with the trained ${escapeHtml(ratings.system)} profile (trained ${escapeHtml(ratings.trained_at.slice(0, 10))}, games up to ${escapeHtml(ratings.trained_until)}).${ratings.note ? ' ' + escapeHtml(ratings.note) : ''}</p>
<p>Current rating: <strong>${last ? fix(last.elo_after, 1) : 'none'}</strong> after ${ratings.points.length} games.</p>
<div class="chart" id="rating-chart">${svg ?? '<p class="note">No games to chart.</p>'}</div><h2>Last 20 games</h2>${table(['date', 'opponent', 'margin', 'Elo before', 'Elo after'], rows)}`;
      return html(reply, page(ratings.name ?? teamId, '/teams', body));
    });

    app.get('/status', hide, async (_req, reply) => {
      const quality = JSON.parse((await services.quality()).json) as QualityStatus;
      const { runs } = JSON.parse((await services.runs({ limit: 25 })).json) as { runs: PipelineRun[] };
      const jobs = await jobRuns(services.db, { limit: 25 });
      return html(reply, page('Data quality and runs', '/status', statusBody(quality, runs, jobs)));
    });
  };
}

function sportLinks(path: string, current: string | null): string {
  return `<p class="note">Sport: ${['', ...SPORTS].map((s) => (s === (current ?? '') ? `<strong>${s || 'all'}</strong>` : `<a href="${path}${s ? `?sport=${s}` : ''}">${s || 'all'}</a>`)).join(' · ')}</p>`;
}

function picksBody(report: PicksReport, q: { sport?: string; min_edge: number; min_confidence: number; markets: readonly string[] }, note: string): string {
  const sportOptions = ['', ...SPORTS].map((s) => `<option value="${s}"${s === (q.sport ?? '') ? ' selected' : ''}>${s || 'all sports'}</option>`).join('');
  const marketBoxes = DEFAULT_PICK_FILTER.markets
    .map((m) => `<label><span>${m}</span><input type="checkbox" name="market" value="${m}"${q.markets.includes(m) ? ' checked' : ''}></label>`)
    .join('');
  const form = `<form id="picks-filter" class="filters">
<label>date<input type="date" name="date" value="${escapeHtml(report.date)}"></label>
<label>sport<select name="sport">${sportOptions}</select></label>
<label>minimum edge (points)<input type="number" name="min_edge" step="0.5" min="-100" max="100" value="${q.min_edge * 100}"></label>
<label>minimum confidence (%)<input type="number" name="min_confidence" step="1" min="0" max="100" value="${q.min_confidence * 100}"></label>
<fieldset>${marketBoxes}</fieldset><button type="submit">apply</button></form>`;
  const rows = report.picks.map((p) => [
    cell(p.sport),
    cell(`${p.away_team_id} @ ${p.home_team_id}`),
    cell(p.market),
    cell(p.side),
    cell(fix(p.price, 2), true),
    cell(pct(p.probability), true),
    cell(fix(p.fair_price, 2), true),
    cell(pct(p.edge), true),
    cell(pct(p.ev), true),
    cell(pct(p.kelly_stake), true),
    cell(p.book),
  ]);
  const skipped = report.skipped.length
    ? `<h2>Left out</h2>${table(['game', 'sport', 'reason'], report.skipped.map((s) => [cell(`${s.away_team_id} @ ${s.home_team_id}`), cell(s.sport), cell(s.reason)]))}`
    : '';
  const hindsight = report.trained_on_games
    ? `<p class="bad" id="hindsight">${report.trained_on_games} of these ${report.games} games were in the systems' training data: these picks look back at games the models learned from; they are not forecasts.</p>`
    : '';
  return `${note ? `<p class="note" id="picks-note">${escapeHtml(note)}</p>` : ''}${hindsight}
<p class="note">Sides where the ensemble's probability beats the vig-free market by at least the minimum edge and the bet has positive expected value, at each game's stored prices (closing, else latest quote). Kelly stake: quarter Kelly, as a share of bankroll.</p>
${form}<p id="picks-count">${report.picks.length} picks on ${escapeHtml(report.date)} (${report.games} games, ${report.skipped.length} skipped)</p>
${table(['sport', 'game', 'market', 'side', 'price', 'model p', 'fair price', 'edge', 'EV', 'Kelly stake', 'book'], rows, 'id="picks-table"').replace('<tbody>', '<tbody id="picks-body">')}${skipped}`;
}

function systemsBody(sport: string, sports: string[], report: Awaited<ReturnType<ServeServices['systems']>>, charts: BacktestCharts | null, chartNote: string): string {
  const links = `<p class="note">Sports with trained systems: ${sports.map((s) => (s === sport ? `<strong>${s}</strong>` : `<a href="/systems?sport=${s}">${s}</a>`)).join(' · ') || 'none'}</p>`;
  const comparison = table(
    ['system', 'games', 'Brier', 'log loss', 'accuracy', 'from', 'to'],
    report.comparison.map((c) => [cell(c.system), cell(c.games, true), cell(fix(c.brier), true), cell(fix(c.log_loss), true), cell(pct(c.accuracy), true), cell(c.first_game_date), cell(c.last_game_date)]),
    'id="comparison"',
  );
  const performance = table(
    ['system', 'window', 'games', 'Brier', 'log loss', 'to'],
    report.performance.map((p) => [cell(p.system), cell(`${p.window_days} days`), cell(p.games, true), cell(fix(p.brier), true), cell(fix(p.log_loss), true), cell(p.end_date)]),
  );
  const agreement = table(
    ['games', 'mean spread of P(home)', 'largest spread', 'unanimous'],
    report.agreement.map((a) => [cell(a.games, true), cell(pct(a.mean_spread), true), cell(pct(a.max_spread), true), cell(pct(a.unanimous_share), true)]),
  );
  const coverage = table(
    ['system', 'days', 'complete days', 'games', 'missed'],
    report.coverage.map((c) => [cell(c.system), cell(c.days, true), cell(c.days_complete, true), cell(c.games, true), cell(c.missing, true)]),
  );
  let chartsHtml = `<p class="note">${escapeHtml(chartNote)}</p>`;
  if (charts) {
    chartsHtml = `<p class="note">Walk-forward backtest of ${escapeHtml(charts.sport)} ${charts.season}: each game predicted from earlier games only; bets at ${escapeHtml(charts.settings)}.</p>
<div class="charts">${charts.charts
      .map((c) => `<div class="chart" data-chart="${escapeHtml(c.id)}"><h2>${escapeHtml(c.title)}</h2>${c.svg ?? `<p class="note">${escapeHtml(c.empty)}</p>`}</div>`)
      .join('')}</div>
<h2>Backtest by system and market</h2>${table(
      ['system', 'market', 'games', 'Brier', 'log loss', 'bets', 'ROI', 'CLV'],
      charts.rows.map((r) => [cell(r.system), cell(r.market), cell(r.n, true), cell(fix(r.brier), true), cell(fix(r.log_loss), true), cell(r.bets || '', true), cell(pct(r.roi, 2), true), cell(pct(r.clv, 2), true)]),
    )}`;
  }
  return `${links}<h2>Comparison on decided games (logged predictions)</h2>${comparison}<h2>Charts</h2>${chartsHtml}<h2>Rolling performance</h2>${performance}<h2>Agreement</h2>${agreement}<h2>Coverage</h2>${coverage}`;
}

function statusBody(quality: QualityStatus, runs: PipelineRun[], jobs: Awaited<ReturnType<typeof jobRuns>>): string {
  const gates = table(
    ['gate', 'sport', 'finished', 'result', 'checks', 'errors', 'warnings', 'failing checks'],
    quality.gates.map((g) => [
      cell(g.gate),
      cell(g.sport ?? 'all'),
      cell(g.finished_at),
      `<td class="${g.passed ? 'good' : 'bad'}">${g.passed ? 'passed' : 'FAILED'}</td>`,
      cell(g.checks_run, true),
      cell(g.errors_failed, true),
      cell(g.warnings_failed, true),
      cell(g.failing.map((f) => `${f.check_name} (${f.severity}, ${f.offending_count})`).join('; ') || 'none'),
    ]),
    'id="quality"',
  );
  const runTable = table(
    ['run', 'command', 'format', 'status', 'started', 'finished', 'rows in', 'loaded', 'quarantined', 'duplicates'],
    runs.map((r) => [cell(r.run_id, true), cell(r.command), cell(r.source_format), cell(r.status), cell(r.started_at), cell(r.finished_at), cell(r.rows_in, true), cell(r.loaded, true), cell(r.quarantined, true), cell(r.duplicates, true)]),
    'id="runs"',
  );
  const jobTable = jobs.available
    ? table(
        ['job run', 'job', 'status', 'started', 'finished', 'rows', 'error'],
        jobs.runs.map((j) => [cell(j.job_run_id, true), cell(j.job_name), cell(j.status), cell(j.started_at), cell(j.finished_at), cell(j.rows, true), cell(j.error)]),
        'id="job-runs"',
      )
    : '<p class="note" id="job-runs">No job runs: the job scheduler\'s table (ops.job_runs) is not in this store yet.</p>';
  return `<h2>Data quality: ${quality.gates.length === 0 ? 'no gate has run' : quality.healthy ? '<span class="good">healthy</span>' : '<span class="bad">failing checks</span>'}</h2>${gates}
<h2>Pipeline runs</h2>${runTable}<h2>Job runs</h2>${jobTable}`;
}

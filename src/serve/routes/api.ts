/**
 * @module serve/routes/api
 * The read API under /v1: games, predictions, picks, teams and ratings, the evaluation views,
 * backtests, data quality, pipeline and job runs. Every input goes through a zod schema.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Sport } from '../../domain/sports.js';
import { PRICE_SIDES, type PriceSide } from '../../models/predict.js';
import { jobRuns } from '../data/status.js';
import * as s from '../schemas.js';
import type { ServeServices } from '../services.js';
import { sendCached } from './reply.js';

type Q<T extends z.ZodType> = z.output<T>;

const today = () => new Date().toISOString().slice(0, 10);

export function apiRoutes(services: ServeServices) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get('/games', { schema: { tags: ['games'], summary: 'Games by date, date range, sport and team', querystring: s.gamesQuery } }, async (req, reply) => {
      const q = req.query as Q<typeof s.gamesQuery>;
      return sendCached(reply, await services.games(q));
    });

    app.get('/games/:gameId', { schema: { tags: ['games'], summary: 'One game', params: s.gameIdParams, querystring: s.emptyQuery } }, async (req) => {
      const { gameId } = req.params as Q<typeof s.gameIdParams>;
      return { version: 1, game: await services.gameOrThrow(gameId) };
    });

    app.get(
      '/games/:gameId/predictions',
      {
        schema: {
          tags: ['predictions'],
          summary: 'Every trained system and the ensemble on a game, with fair odds, edge, EV and Kelly stake at the given prices (price_home=1.91…) or else the stored ones',
          params: s.gameIdParams,
          querystring: s.predictionQuery,
        },
      },
      async (req, reply) => {
        const { gameId } = req.params as Q<typeof s.gameIdParams>;
        const q = req.query as Q<typeof s.predictionQuery>;
        const prices: Partial<Record<PriceSide, number>> = {};
        for (const side of PRICE_SIDES) {
          const v = q[`price_${side}`];
          if (v !== undefined) prices[side] = v;
        }
        return sendCached(reply, await services.prediction(gameId, { kelly: q.kelly, book: q.book, spread: q.spread, total: q.total, prices }));
      },
    );

    app.get(
      '/picks',
      { schema: { tags: ['predictions'], summary: "A day's picks at stored prices (default today, UTC): filters minimum edge, confidence, markets, sport", querystring: s.picksQuery } },
      async (req, reply) => {
        const q = req.query as Q<typeof s.picksQuery>;
        return sendCached(reply, await services.picks(q.date ?? today(), q.sport ?? null, { minEdge: q.min_edge, minConfidence: q.min_confidence, markets: q.markets }, q.kelly));
      },
    );

    app.get('/teams', { schema: { tags: ['teams'], summary: 'Teams in the store', querystring: s.teamsQuery } }, async (req, reply) => {
      const q = req.query as Q<typeof s.teamsQuery>;
      return sendCached(reply, await services.teams(q.sport));
    });

    app.get('/teams/:teamId/ratings', { schema: { tags: ['teams'], summary: "A team's Elo rating history (elo_v1 replayed)", params: s.teamParams, querystring: s.emptyQuery } }, async (req, reply) => {
      const { teamId } = req.params as Q<typeof s.teamParams>;
      return sendCached(reply, await services.teamRatings(teamId));
    });

    const view = (path: string, part: 'comparison' | 'performance' | 'coverage' | 'agreement', summary: string) =>
      app.get(`/systems/${path}`, { schema: { tags: ['evaluation'], summary, querystring: s.sportQuery } }, async (req) => {
        const q = req.query as Q<typeof s.sportQuery>;
        const report = await services.systems(q.sport);
        return { version: 1, sport: q.sport ?? null, [part]: report[part] };
      });
    view('comparison', 'comparison', 'Brier, log loss and accuracy of each system on decided games (analytics.system_comparison)');
    view('performance', 'performance', 'Rolling 7/30/365-day performance (analytics.system_performance)');
    view('coverage', 'coverage', 'Days and games each system predicted or missed (analytics.daily_coverage)');
    view('agreement', 'agreement', 'How far apart the systems are per game (analytics.system_agreement)');

    app.get('/backtests', { schema: { tags: ['evaluation'], summary: 'Logged backtest runs with their moneyline scores', querystring: s.backtestsQuery } }, async (req, reply) => {
      const q = req.query as Q<typeof s.backtestsQuery>;
      return sendCached(reply, await services.backtests(q));
    });

    app.get(
      '/backtests/charts',
      { schema: { tags: ['evaluation'], summary: "A season's walk-forward backtest with the demo's settings: rows and SVG charts (calibration, bankroll, Brier by season)", querystring: s.backtestChartsQuery } },
      async (req, reply) => {
        const q = req.query as Q<typeof s.backtestChartsQuery>;
        return sendCached(reply, await services.backtestCharts(q.sport as Sport, q.season));
      },
    );

    app.get('/quality', { schema: { tags: ['status'], summary: 'Latest data-quality gate runs and their failing checks', querystring: s.emptyQuery } }, async (_req, reply) =>
      sendCached(reply, await services.quality()),
    );

    app.get('/runs', { schema: { tags: ['status'], summary: 'Pipeline runs ledger (ops.runs), newest first', querystring: s.runsQuery } }, async (req, reply) => {
      const q = req.query as Q<typeof s.runsQuery>;
      return sendCached(reply, await services.runs(q));
    });

    app.get('/job-runs', { schema: { tags: ['status'], summary: 'Scheduled job runs (ops.job_runs); an empty list until the jobs migration has run', querystring: s.jobRunsQuery } }, async (req) => {
      const q = req.query as Q<typeof s.jobRunsQuery>;
      return { version: 1, ...(await jobRuns(services.db, q)) };
    });
  };
}

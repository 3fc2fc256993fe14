/**
 * @module serve/dashboard/team-chart
 * A team's Elo rating over its games as a Vega-Lite line chart, rendered to SVG on the server
 * (the same headless renderer as the backtest report's charts).
 */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_WIDTH, renderSvg } from '../../evaluation/report/index.js';
import type { TeamRatings } from '../data/ratings.js';

export function teamRatingSpec(ratings: TeamRatings): TopLevelSpec | null {
  if (ratings.points.length === 0) return null;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: CHART_WIDTH,
    height: 260,
    title: `${ratings.name ?? ratings.team_id}: Elo after each game (${ratings.system})`,
    data: { values: ratings.points.map((p) => ({ date: p.date, elo: Math.round(p.elo_after * 10) / 10, season: String(p.season) })) },
    mark: { type: 'line', point: { size: 25 } },
    encoding: {
      x: { field: 'date', type: 'temporal', title: 'game date' },
      y: { field: 'elo', type: 'quantitative', title: 'Elo rating', scale: { zero: false } },
      color: { field: 'season', type: 'nominal', title: 'season' },
    },
  };
}

export async function teamRatingSvg(ratings: TeamRatings): Promise<string | null> {
  const spec = teamRatingSpec(ratings);
  return spec ? renderSvg(spec) : null;
}

/**
 * @module cli/commands/lines
 * `sharpline lines <game-id>`: how each book's line moved for one game (open → close, moves,
 * size, velocity), after the noise filter.
 */
import type { Command } from 'commander';
import { gameLineMovements } from '../../analytics/line-history.js';
import { SharplineError } from '../../errors.js';
import { printJson, printTable } from '../output.js';
import { withStore } from '../store.js';
import { formatAmerican } from './odds.js';

const price = (d: number | null) => (d === null ? '—' : formatAmerican(d));
const line = (l: number | null) => (l === null ? '' : l > 0 ? `+${l}` : String(l));

export function registerLinesCommand(program: Command): void {
  program
    .command('lines')
    .description("Line movement of one game per market, book and side: open, close, moves, size, velocity")
    .argument('<game-id>', 'a curated game id (see sharpline lineage game <id>)')
    .option('--json', 'print a JSON document')
    .action(async (id: string, opts: { json?: boolean }) => {
      const gameId = Number(id);
      if (!Number.isInteger(gameId) || gameId <= 0) throw new SharplineError('SL_USAGE', `game id must be a positive whole number, got "${id}"`);
      const movements = await withStore(async (db) => {
        const [game] = await db.query('SELECT game_id FROM curated.games WHERE game_id = $1', [gameId]);
        if (!game) throw new SharplineError('SL_GAME_NOT_FOUND', `no curated game has id ${gameId}`);
        return gameLineMovements(db, gameId);
      });
      if (opts.json) return printJson({ version: 1, game_id: gameId, movements });
      printTable(
        ['market', 'book', 'side', 'open', 'close', 'quotes', 'moves', 'line change', 'cents', 'per hour'],
        movements.map((m) => [
          m.market,
          m.book,
          m.side,
          `${line(m.movement.open.line)} ${price(m.movement.open.priceDecimal)}`.trim(),
          `${line(m.movement.close.line)} ${price(m.movement.close.priceDecimal)}`.trim(),
          m.quotes,
          m.movement.moves,
          m.movement.lineChange ?? '',
          m.movement.priceChangeCents === null ? '' : Math.round(m.movement.priceChangeCents * 10) / 10,
          m.movement.velocity === null ? '' : Math.round(m.movement.velocity * 1000) / 1000,
        ]),
        `Line movement · game ${gameId}`,
      );
    });
}

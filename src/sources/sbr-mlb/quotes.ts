/**
 * @module sources/sbr-mlb/quotes
 * One archive row's prices → quotes for its team's side. Each row carries its own team's opening
 * and closing moneyline (`Open`, `Close`), its run line with price (`RL`, the closing line), and a
 * total line with one price, opening (`Open OU`, `_col20`) and closing (`Close OU`, `_col22`).
 * The total price on the VISITOR row is the over, on the HOME row the under: verified on the
 * 2014–2017 files, where the visitor-row price de-vigged as the over predicts overs better than
 * the same price read as the under (9,351 games off the line: Brier 0.2498 vs 0.2509; the over
 * rate is 45% where that price implies 45% and 54% where it implies 55%).
 */
import type { Side } from '../../domain/sports.js';
import { cell, reject } from '../fields.js';
import type { SourceRecord, StagedQuote } from '../types.js';
import { priceCell, runLineCell, totalCell, type Price } from './cells.js';

/** The bookmaker name for the archive's lines. */
export const SBR_BOOK = 'sportsbookreview';

type Timing = 'opening' | 'closing';

/**
 * The quotes of one row, in a fixed order (so `quoteSeq` is stable across re-reads): moneyline
 * opening and closing, run line (closing), total opening and closing. A no-line marker yields no
 * quote; a line without its price keeps a null price; garbage throws a row issue.
 *
 * @param record the row (its content hash keys the quotes)
 * @param side `home` or `away`: the team this row describes
 * @param gameSourceKey the staged game's key (the home row's hash)
 */
export function rowQuotes(record: SourceRecord, side: Extract<Side, 'home' | 'away'>, gameSourceKey: string): StagedQuote[] {
  const quotes: StagedQuote[] = [];
  const add = (market: StagedQuote['market'], quoteSide: Side, line: number | null, price: Price | null, priceText: string, timing: Timing) =>
    quotes.push({
      sourceKey: record.contentHash,
      quoteSeq: quotes.length + 1,
      gameSourceKey,
      book: SBR_BOOK,
      market,
      side: quoteSide,
      line,
      priceDecimal: price?.decimal ?? null,
      priceText,
      observedAt: null,
      isOpening: timing === 'opening',
      isClosing: timing === 'closing',
    });

  for (const [field, timing] of [['Open', 'opening'], ['Close', 'closing']] as const) {
    const price = priceCell(record, field);
    if (price) add('moneyline', side, null, price, price.text, timing);
  }

  const runLine = runLineCell(record, 'RL');
  if (runLine) add('spread', side, runLine.line, runLine.price, runLine.text, 'closing');

  const totalSide: Side = side === 'away' ? 'over' : 'under';
  for (const [lineField, priceField, timing] of [['Open OU', '_col20', 'opening'], ['Close OU', '_col22', 'closing']] as const) {
    const total = totalCell(record, lineField);
    const price = priceCell(record, priceField);
    if (!total) {
      // A price with no line to price is a broken cell pair, not a quote.
      if (price) reject('invalid_line', lineField, `${lineField} is "${cell(record, lineField)}" (no line) but its price column holds ${price.text}`);
      continue;
    }
    add('total', totalSide, total.line, price, price ? `${total.text}(${price.text})` : total.text, timing);
  }
  return quotes;
}

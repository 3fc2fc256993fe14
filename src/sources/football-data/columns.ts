/**
 * @module sources/football-data/columns
 * Which columns of a football-data file are prices, whose, for which market and side, and where
 * their line is. Column sets change from season to season, so the plan is read from each file's
 * header rather than from a fixed list: `<book>[C]<kind>` where
 * - `<book>` is a bookmaker code (B365, BW, IW, PS or P = Pinnacle, WH, VC, …) or an aggregate
 *   (`BbMx`/`Max` = market maximum, `BbAv`/`Avg` = market average; Bb = BetBrain until 2018-19);
 * - `C` marks closing odds ("last odds before match starts"), e.g. `PSCH`, `B365C>2.5`, `AvgCAHH`;
 * - `<kind>` is `H`/`D`/`A` (1X2), `>2.5`/`<2.5` (total goals 2.5), `AHH`/`AHA` (Asian handicap).
 * Asian-handicap prices take their line from the book's own line column when the file has one
 * (`B365AH`, `GBAH`, `LBAH`, 2003–05), else the market line `AHh` (2019-20 on) or `BbAHh`; closing
 * prices take the closing line `AHCh`. Every line is the HOME team's handicap (negative = home gives
 * goals), verified against the 1X2 favourite on every file in the archive.
 */
import type { Market, Side } from '../../domain/sports.js';

/** Bookmaker codes → sharpline book names (lowercase-kebab), per football-data's notes.txt. */
const BOOKS: Readonly<Record<string, string>> = {
  B365: 'bet365',
  BS: 'blue-square',
  BW: 'bwin', // "Bet&Win" in notes.txt, the company now called bwin
  GB: 'gamebookers',
  IW: 'interwetten',
  LB: 'ladbrokes',
  PS: 'pinnacle',
  P: 'pinnacle',
  SO: 'sporting-odds',
  SB: 'sportingbet',
  SJ: 'stan-james',
  SY: 'stanleybet',
  VC: 'vc-bet',
  WH: 'william-hill',
  '1XB': '1xbet',
  BF: 'betfair',
  BFE: 'betfair-exchange',
  BFD: 'betfred',
  BMGM: 'betmgm',
  BV: 'betvictor',
  CL: 'coral',
  BbMx: 'market-max',
  Max: 'market-max',
  BbAv: 'market-average',
  Avg: 'market-average',
};

const KINDS: Readonly<Record<string, { market: Market; side: Side }>> = {
  H: { market: 'moneyline', side: 'home' },
  D: { market: 'moneyline', side: 'draw' },
  A: { market: 'moneyline', side: 'away' },
  '>2.5': { market: 'total', side: 'over' },
  '<2.5': { market: 'total', side: 'under' },
  AHH: { market: 'spread', side: 'home' },
  AHA: { market: 'spread', side: 'away' },
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest codes first, so `BFD` is not read as `BF` + draw when `BFDH` follows; anchoring does the rest.
const PRICE_COLUMN = new RegExp(
  `^(${Object.keys(BOOKS).sort((a, b) => b.length - a.length).map(escape).join('|')})(C?)(${Object.keys(KINDS).map(escape).join('|')})$`,
);

/** The line the totals columns are quoted at: football-data only carries over/under 2.5 goals. */
export const TOTAL_GOALS_LINE = 2.5;

/** One price column and how to read it. */
export interface PriceColumn {
  readonly field: string;
  readonly book: string;
  readonly market: Market;
  readonly side: Side;
  readonly isClosing: boolean;
  /** For spreads: the column holding the home handicap (null when the file has none). */
  readonly lineField: string | null;
}

/** Every price column in `header`, in header order (which fixes each quote's `quoteSeq`). */
export function planPriceColumns(header: readonly string[]): PriceColumn[] {
  const present = new Set(header);
  const marketLine = present.has('AHh') ? 'AHh' : present.has('BbAHh') ? 'BbAHh' : null;
  const plan: PriceColumn[] = [];
  for (const field of header) {
    const match = PRICE_COLUMN.exec(field);
    if (!match) continue;
    const [, code, closing, kind] = match as unknown as [string, string, string, string];
    const { market, side } = KINDS[kind]!;
    const isClosing = closing === 'C';
    let lineField: string | null = null;
    if (market === 'spread') {
      if (isClosing) lineField = present.has('AHCh') ? 'AHCh' : null;
      else lineField = present.has(`${code}AH`) ? `${code}AH` : marketLine;
    }
    plan.push({ field, book: BOOKS[code]!, market, side, isClosing, lineField });
  }
  return plan;
}

/**
 * A home handicap cell → goals, or null when empty, or NaN when unreadable. Besides plain numbers
 * (`-0.75`) a few old files write quarter lines as their two halves (`-0.5,-1`, `-1.5/-2`) or as a
 * fraction (`-1 1/4`); a quarter line is by definition the mean of its halves, so those are read
 * exactly. Valid handicaps are multiples of 0.25 within ±10.
 */
export function parseHandicap(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  let value = Number(t);
  if (!Number.isFinite(value)) value = parseSplitHandicap(t);
  return Number.isFinite(value) && Math.abs(value) <= 10 && Number.isInteger(value * 4) ? value : NaN;
}

function parseSplitHandicap(t: string): number {
  const fraction = /^([+-]?)(\d+) (\d)\/(\d)$/.exec(t);
  if (fraction) {
    const [, sign, whole, num, den] = fraction as unknown as [string, string, string, string, string];
    const magnitude = Number(whole) + Number(num) / Number(den);
    return sign === '-' ? -magnitude : magnitude;
  }
  const split = /^([+-]?\d+(?:\.\d+)?)\s*[,/]\s*([+-]?\d+(?:\.\d+)?)$/.exec(t);
  if (split) {
    const a = Number(split[1]);
    let b = Number(split[2]);
    if (a < 0 && !/^[+-]/.test(split[2]!)) b = -b; // `-1.5/2` carries the sign of its first half
    if (Math.abs(a - b) === 0.5) return (a + b) / 2;
  }
  return NaN;
}

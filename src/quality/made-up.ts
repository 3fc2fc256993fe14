/**
 * @module quality/made-up
 * Made-up data detection: signs that rows were invented (by a test, a mock collector or a
 * placeholder) rather than observed. Pure: it takes rows (staged games, quotes, betting splits, raw
 * team names, lineage origins) and returns findings, so the same code runs over a staged batch
 * before it is written and over curated tables after. A production gate fails on any finding.
 *
 * Rules (codes) and what they look for:
 * - `placeholder_team_name`: a raw team name (as received) or a team id matching
 *   {@link PLACEHOLDER_TEAM_PATTERNS}: `Team_H_00`, `Team A`, `Home Team`, `TEST`, `foo`, `placeholder`, …
 * - `constant_prices`: one market's every quoted price identical (e.g. all −110 = 1.909), over
 *   at least `minConstantRows` priced quotes of that market.
 * - `constant_scores`: every finished game with the same score, over at least `minConstantRows` games.
 * - `constant_split_shares`: every betting split with the same bets share (e.g. all 50/50), over at
 *   least `minConstantRows` splits.
 * - `sequential_values`: scores that grow by exactly 1 row after row for at least
 *   `minSequentialRun` rows; game ids that do so *counting from 0 or 1* (`game_1`, `game_2`, …).
 *   Real ids also run by 1 (NHL's 2018020470, 2018020471, … over a whole schedule in nhl/game.csv),
 *   but no real source numbers its games from 1 without a season or date in the id.
 * - `repeated_rows`: the same cells (every column but the row's own key) at least
 *   `minRepeatedCopies` times.
 * - `impossible_distribution`: over at least `minDistributionGames` finished games, the home team
 *   winning none or all of them, or every game with the same total score.
 * - `synthetic_lineage`: rows whose lineage origin names a test, fixture, sample, mock, … (see
 *   {@link SYNTHETIC_ORIGIN_MARKERS}); `import --synthetic` writes `synthetic-test`.
 */
import type { Market, Side } from '../domain/sports.js';
import type { StagedGame, StagedQuote } from '../sources/types.js';

/** Thresholds for every rule, in one place. Pass a partial override to {@link detectMadeUpData}. */
export const MADE_UP_CONFIG = {
  /** Rows a column needs before "every value identical" means anything (prices per market, scores, split shares). */
  minConstantRows: 20,
  /** Finished games needed before a home win rate of 0 % or 100 %, or one total score for all, is impossible. */
  minDistributionGames: 50,
  /** Consecutive rows growing by exactly 1 (ids or scores) that make a sequence look generated. */
  minSequentialRun: 10,
  /** Copies of one row (same cells) that make it look generated rather than a stray duplicate. */
  minRepeatedCopies: 5,
  /** Decimal places prices and shares are compared at (1.9090909 and 1.909 are the same −110). */
  comparePrecision: 3,
  /** Examples kept per finding. */
  maxExamples: 5,
} as const;

export type MadeUpConfig = { -readonly [K in keyof typeof MADE_UP_CONFIG]: number };

/** A named pattern that matches a team name nobody would give a real team (tested on the trimmed name). */
export interface PlaceholderPattern {
  readonly name: string;
  readonly pattern: RegExp;
}

/**
 * The documented placeholder team names. Each is anchored (the whole name must match), so real
 * names that merely contain a word (`Test Valley`, `Foolad`) are not flagged.
 */
export const PLACEHOLDER_TEAM_PATTERNS: readonly PlaceholderPattern[] = [
  // Team_H_00, Team A, Team 1, team-b-2, TeamH01: "team" with a one/two-character tag and an optional number.
  { name: 'team_tag', pattern: /^team[\s_-]*[a-z0-9]{1,2}(?:[\s_-]*\d+)?$/i },
  // Home Team, Away Team, Visitor Team 2, home_team.
  { name: 'side_team', pattern: /^(?:home|away|visitor|visiting|road)[\s_-]*team(?:[\s_-]*\d+)?$/i },
  // H1, A_02, home-3, away7: a side and a number.
  { name: 'side_number', pattern: /^(?:h|a|home|away)[\s_-]*\d+$/i },
  // Bare "team" / "teams", with or without a number.
  { name: 'team_word', pattern: /^teams?(?:[\s_-]*\d+)?$/i },
  // TEST, test_team, Test 3, testing (not `Test Valley`).
  { name: 'test', pattern: /^(?:test(?:ing)?|tst)(?:[\s_-]*(?:team|club|[a-z]|\d+))?$/i },
  // foo, bar, baz, qux, foobar (metasyntactic variables).
  { name: 'metasyntactic', pattern: /^(?:foo|bar|baz|qux|quux|foobar)(?:[\s_-]*\d+)?$/i },
  // placeholder, dummy, fake, sample, example, mock, lorem ipsum, xxx, ???. Not TBD/TBA: those are
  // Tampa Bay's codes (Retrosheet `TBA`, FiveThirtyEight `TBD` in mlb/retrosheet/*.csv, mlb_elo_*.csv).
  { name: 'placeholder_word', pattern: /^(?:placeholder|dummy|fake|sample|example|mock|lorem(?:\s+ipsum)?|x{2,}|\?+)(?:[\s_-]*(?:team|club|\d+))?$/i },
];

/** Words in a lineage origin that mark a row as not observed (matched as whole tokens, case-insensitive). */
export const SYNTHETIC_ORIGIN_MARKERS: readonly string[] = ['synthetic', 'test', 'tests', 'fixture', 'fixtures', 'sample', 'samples', 'mock', 'fake', 'dummy', 'generated', 'demo', 'seed', 'placeholder'];

/** A betting split as the detector needs it; a full `StagedSplit` fits. */
export interface SplitLike {
  readonly market: Market;
  readonly side: Side;
  readonly betsShare: number | null;
}

/** A row's lineage: its reference (content hash, source key) and `context.origin`, if any. */
export interface LineageRow {
  readonly ref?: string;
  readonly origin?: string | null;
}

export interface MadeUpInput {
  readonly games?: readonly StagedGame[];
  readonly quotes?: readonly StagedQuote[];
  readonly splits?: readonly SplitLike[];
  /** Team names exactly as the source wrote them (raw cells); staged team ids are checked too. */
  readonly teamNames?: readonly string[];
  /** Lineage of the rows: bare origin values or rows with a reference. */
  readonly lineage?: readonly (LineageRow | string | null | undefined)[];
}

export type MadeUpCode =
  | 'placeholder_team_name'
  | 'constant_prices'
  | 'constant_scores'
  | 'constant_split_shares'
  | 'sequential_values'
  | 'repeated_rows'
  | 'impossible_distribution'
  | 'synthetic_lineage';

export interface MadeUpFinding {
  readonly code: MadeUpCode;
  readonly message: string;
  /** A few offending values or rows, as text. */
  readonly examples: string[];
  /** How many rows (or names) the finding covers. */
  readonly count: number;
}

/**
 * What the quote, split and lineage rules need, summarised: the curated check computes these in SQL
 * (millions of quotes never cross into JavaScript), a staged batch computes them here from its rows;
 * the rules themselves ({@link findingsFromSummaries}) are the same for both.
 */
export interface MadeUpSummaries {
  /** Finished-game score statistics, longest sequential runs, repeated game rows, team names. */
  readonly games: GameSummary;
  /** Per market: priced quotes, distinct prices at `comparePrecision`, the first such price, a few price texts. */
  readonly prices: readonly PriceSummary[];
  /** Quote rows (identical cells within one game) that occur at least `minRepeatedCopies` times. */
  readonly repeatedQuotes: readonly RepeatedRow[];
  /** Betting splits that show a bets share. */
  readonly splits: SplitSummary;
  /** Lineage origins, with how many rows carry each and a few references. */
  readonly origins: readonly OriginSummary[];
}

export interface GameSummary {
  /** Team names as received and staged team ids (without the sport prefix), with their occurrences. */
  readonly teamNames: readonly { readonly name: string; readonly count: number }[];
  /** Finished games (both scores known). */
  readonly finished: number;
  readonly distinctScores: number;
  /** The home-away score when `distinctScores` is 1. */
  readonly firstScore: string;
  readonly homeWins: number;
  readonly distinctTotals: number;
  /** The total when `distinctTotals` is 1. */
  readonly firstTotal: number | null;
  /** A few finished games, described. */
  readonly examples: readonly string[];
  /** Per column, the longest run of rows (in order) growing by exactly 1, with the first rows of it. */
  readonly sequential: readonly { readonly column: string; readonly length: number; readonly examples: readonly string[] }[];
  /** Game rows (identical cells) that occur at least `minRepeatedCopies` times. */
  readonly repeated: readonly RepeatedRow[];
}

export interface PriceSummary {
  readonly market: Market;
  readonly count: number;
  readonly distinct: number;
  /** The (rounded) price when `distinct` is 1. */
  readonly price: string;
  readonly examples: readonly string[];
}

export interface RepeatedRow {
  /** The row's cells, as text (identifying the game first). */
  readonly cells: string;
  readonly copies: number;
}

export interface SplitSummary {
  readonly count: number;
  readonly distinct: number;
  /** The (rounded) share when `distinct` is 1. */
  readonly share: string;
  readonly examples: readonly string[];
}

export interface OriginSummary {
  readonly origin: string;
  readonly count: number;
  readonly refs: readonly string[];
}

/** Runs every rule over `input`; no findings means nothing looks made up. */
export function detectMadeUpData(input: MadeUpInput, overrides: Partial<MadeUpConfig> = {}): MadeUpFinding[] {
  const config: MadeUpConfig = { ...MADE_UP_CONFIG, ...overrides };
  return findingsFromSummaries(summarise(input, config), config);
}

/** Every rule, over the summaries of the rows (computed here or by the engine). */
export function findingsFromSummaries(summaries: MadeUpSummaries, overrides: Partial<MadeUpConfig> = {}): MadeUpFinding[] {
  const config: MadeUpConfig = { ...MADE_UP_CONFIG, ...overrides };
  return [
    ...placeholderNames(summaries.games.teamNames, config),
    ...constantPrices(summaries.prices, config),
    ...constantScores(summaries.games, config),
    ...constantSplits(summaries.splits, config),
    ...sequentialValues(summaries.games, config),
    ...repeatedRows(summaries.games.repeated, summaries.repeatedQuotes, config),
    ...impossibleDistributions(summaries.games, config),
    ...syntheticLineage(summaries.origins, config),
  ];
}

/** The summaries of a batch of rows (the JavaScript twin of the curated check's SQL). */
export function summarise(input: MadeUpInput, overrides: Partial<MadeUpConfig> = {}): MadeUpSummaries {
  const config: MadeUpConfig = { ...MADE_UP_CONFIG, ...overrides };
  return {
    games: gameSummary(input.games ?? [], input.teamNames ?? [], config),
    prices: priceSummaries(input.quotes ?? [], config),
    repeatedQuotes: repeatedQuoteRows(input.quotes ?? [], config),
    splits: splitSummary(input.splits ?? [], config),
    origins: originSummaries(input.lineage ?? [], config),
  };
}

/** The name of the first placeholder pattern `name` matches, or null. */
export function placeholderPatternOf(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return null;
  return PLACEHOLDER_TEAM_PATTERNS.find((p) => p.pattern.test(trimmed))?.name ?? null;
}

/** True when `origin` names a test, fixture, sample or other non-observed source. */
export function isSyntheticOrigin(origin: string | null | undefined): boolean {
  if (!origin) return false;
  return origin
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((token) => SYNTHETIC_ORIGIN_MARKERS.includes(token));
}

function gameSummary(games: readonly StagedGame[], teamNames: readonly string[], config: MadeUpConfig): GameSummary {
  const names = new Map<string, number>();
  const count = (name: string) => names.set(name, (names.get(name) ?? 0) + 1);
  for (const name of teamNames) count(name);
  // Staged ids carry the sport prefix (`nfl-kc`); the part after it is what the source named.
  for (const g of games) for (const id of [g.homeTeamId, g.awayTeamId]) count(id.replace(/^[a-z]+-/, ''));
  const done = finished(games);
  const scores = new Set<string>();
  const totals = new Set<number>();
  for (const g of done) {
    if (scores.size < 2) scores.add(`${g.homeScore}-${g.awayScore}`);
    if (totals.size < 2) totals.add(g.homeScore + g.awayScore);
  }
  const gameCells = (g: StagedGame) => `${g.sport}|${g.league}|${g.season}|${g.seasonType}|${g.gameDate}|${g.startAt}|${g.gameNumber}|${g.homeTeamId}|${g.awayTeamId}|${g.isNeutralSite}|${g.status}|${g.homeScore}|${g.awayScore}`;
  return {
    teamNames: [...names].map(([name, n]) => ({ name, count: n })),
    finished: done.length,
    distinctScores: scores.size,
    firstScore: [...scores][0] ?? '',
    homeWins: done.filter((g) => g.homeScore > g.awayScore).length,
    distinctTotals: totals.size,
    firstTotal: [...totals][0] ?? null,
    examples: done.slice(0, config.maxExamples).map(describeGame),
    sequential: sequentialRuns(games, config),
    repeated: repeatsIn(games, gameCells, config.minRepeatedCopies).map(([cells, copies]) => ({ cells, copies })),
  };
}

function placeholderNames(names: GameSummary['teamNames'], config: MadeUpConfig): MadeUpFinding[] {
  const hits = new Map<string, { pattern: string; count: number }>();
  for (const { name, count } of names) {
    const pattern = placeholderPatternOf(name);
    if (!pattern) continue;
    const known = hits.get(name);
    if (known) known.count += count;
    else hits.set(name, { pattern, count });
  }
  if (!hits.size) return [];
  const count = [...hits.values()].reduce((n, h) => n + h.count, 0);
  return [
    {
      code: 'placeholder_team_name',
      message: `${hits.size} team name(s) look like placeholders, not real teams (${count} occurrence(s))`,
      examples: [...hits].slice(0, config.maxExamples).map(([name, h]) => `"${name}" (${h.pattern})`),
      count,
    },
  ];
}

function rounded(value: number, config: MadeUpConfig): string {
  return value.toFixed(config.comparePrecision);
}

function priceSummaries(quotes: readonly StagedQuote[], config: MadeUpConfig): PriceSummary[] {
  const byMarket = new Map<Market, { prices: Set<string>; count: number; text: Set<string> }>();
  for (const q of quotes) {
    if (q.priceDecimal === null) continue;
    let m = byMarket.get(q.market);
    if (!m) byMarket.set(q.market, (m = { prices: new Set(), count: 0, text: new Set() }));
    m.count++;
    // Two distinct prices are enough to know the market moves.
    if (m.prices.size < 2) m.prices.add(rounded(q.priceDecimal, config));
    if (m.text.size < config.maxExamples) m.text.add(q.priceText);
  }
  return [...byMarket].map(([market, m]) => ({ market, count: m.count, distinct: m.prices.size, price: [...m.prices][0]!, examples: [...m.text] }));
}

function constantPrices(prices: readonly PriceSummary[], config: MadeUpConfig): MadeUpFinding[] {
  return prices
    .filter((m) => m.count >= config.minConstantRows && m.distinct === 1)
    .map((m) => ({
      code: 'constant_prices' as const,
      message: `every ${m.market} price is ${m.price} (decimal) across ${m.count} quotes: a real market moves`,
      examples: m.examples.slice(0, config.maxExamples).map((t) => `${m.market} ${t}`),
      count: m.count,
    }));
}

function finished(games: readonly StagedGame[]): (StagedGame & { homeScore: number; awayScore: number })[] {
  return games.filter((g): g is StagedGame & { homeScore: number; awayScore: number } => g.homeScore !== null && g.awayScore !== null);
}

/** A game as a finding shows it: date, teams, score, the source's id. */
export function describeGame(g: StagedGame): string {
  const score = g.homeScore === null || g.awayScore === null ? '' : ` ${g.homeScore}-${g.awayScore}`;
  return `${g.gameDate} ${g.awayTeamId} @ ${g.homeTeamId}${score}${g.sourceGameRef ? ` [${g.sourceGameRef}]` : ''}`;
}

function constantScores(games: GameSummary, config: MadeUpConfig): MadeUpFinding[] {
  if (games.finished < config.minConstantRows || games.distinctScores !== 1) return [];
  return [
    {
      code: 'constant_scores',
      message: `every one of ${games.finished} finished games ended ${games.firstScore} (home-away)`,
      examples: [...games.examples],
      count: games.finished,
    },
  ];
}

function splitSummary(splits: readonly SplitLike[], config: MadeUpConfig): SplitSummary {
  const shown = splits.filter((s) => s.betsShare !== null);
  const shares = new Set<string>();
  for (const s of shown) if (shares.size < 2) shares.add(rounded(s.betsShare!, config));
  return { count: shown.length, distinct: shares.size, share: [...shares][0] ?? '', examples: shown.slice(0, config.maxExamples).map((s) => `${s.market} ${s.side} ${s.betsShare}`) };
}

function constantSplits(splits: SplitSummary, config: MadeUpConfig): MadeUpFinding[] {
  if (splits.count < config.minConstantRows || splits.distinct !== 1) return [];
  return [
    {
      code: 'constant_split_shares',
      message: `every one of ${splits.count} betting splits shows the same bets share ${splits.share}${splits.share === rounded(0.5, config) ? ' (all 50/50)' : ''}`,
      examples: [...splits.examples],
      count: splits.count,
    },
  ];
}

/** A game id split into a text prefix and a trailing integer (`game_12` → `game_`, 12), or null. */
function idNumber(ref: string | null): { prefix: string; n: number } | null {
  if (!ref) return null;
  const m = /^(.*?)(\d{1,15})$/.exec(ref);
  return m ? { prefix: m[1]!, n: Number(m[2]) } : null;
}

/** The longest run of `values` (in row order) where each is the previous plus exactly 1. */
function longestRun<T>(rows: readonly T[], value: (row: T) => { key: string; n: number } | null, startsAtMost = Infinity): { length: number; start: number } {
  let best = { length: 0, start: 0 };
  let length = 0;
  let start = 0;
  let prev: { key: string; n: number } | null = null;
  rows.forEach((row, i) => {
    const v = value(row);
    if (v && prev && length > 0 && v.key === prev.key && v.n === prev.n + 1) {
      length++;
    } else {
      length = v && v.n <= startsAtMost ? 1 : 0;
      start = i;
    }
    if (length > best.length) best = { length, start };
    prev = v;
  });
  return best;
}

/** Per column, the longest run of games growing by exactly 1 (ids only when counting from 0 or 1). */
function sequentialRuns(games: readonly StagedGame[], config: MadeUpConfig): GameSummary['sequential'] {
  const columns: [string, (g: StagedGame) => { key: string; n: number } | null, number][] = [
    ['game id (counting from 0 or 1)', (g) => {
      const id = idNumber(g.sourceGameRef);
      return id ? { key: id.prefix, n: id.n } : null;
    }, 1],
    ['home score', (g) => (g.homeScore === null ? null : { key: '', n: g.homeScore }), Infinity],
    ['away score', (g) => (g.awayScore === null ? null : { key: '', n: g.awayScore }), Infinity],
  ];
  return columns.map(([column, value, startsAtMost]) => {
    const run = longestRun(games, value, startsAtMost);
    return { column, length: run.length, examples: games.slice(run.start, run.start + Math.min(run.length, config.maxExamples)).map(describeGame) };
  });
}

function sequentialValues(games: GameSummary, config: MadeUpConfig): MadeUpFinding[] {
  return games.sequential
    .filter((run) => run.length >= config.minSequentialRun)
    .map((run) => ({
      code: 'sequential_values' as const,
      message: `${run.column} grows by exactly 1 over ${run.length} consecutive games`,
      examples: [...run.examples],
      count: run.length,
    }));
}

/** Rows of `rows` whose cells (`cellsOf`) occur at least `min` times: [cells, copies] pairs. */
function repeatsIn<T>(rows: readonly T[], cellsOf: (row: T) => string, min: number): [string, number][] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = cellsOf(row);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out: [string, number][] = [];
  for (const entry of counts) if (entry[1] >= min) out.push(entry);
  return out;
}

/** The quote cells a repeat is judged on (everything but the row's own key), the game first. */
export function quoteCells(q: StagedQuote): string {
  return `game ${q.gameSourceKey}|${q.book}|${q.market}|${q.side}|${q.line}|${q.priceDecimal}|${q.observedAt}|${q.isOpening}|${q.isClosing}`;
}

function repeatedQuoteRows(quotes: readonly StagedQuote[], config: MadeUpConfig): RepeatedRow[] {
  // Identical quotes must price the same game, so the game is part of the cells.
  return repeatsIn(quotes, quoteCells, config.minRepeatedCopies).map(([cells, copies]) => ({ cells, copies }));
}

function repeatedRows(repeatedGames: readonly RepeatedRow[], repeatedQuotes: readonly RepeatedRow[], config: MadeUpConfig): MadeUpFinding[] {
  const min = config.minRepeatedCopies;
  const findings: MadeUpFinding[] = [];
  for (const [table, rows] of [['games', repeatedGames], ['quotes', repeatedQuotes]] as const) {
    const repeated = rows.filter((r) => r.copies >= min).sort((x, y) => y.copies - x.copies);
    if (!repeated.length) continue;
    const count = repeated.reduce((n, r) => n + r.copies, 0);
    findings.push({
      code: 'repeated_rows',
      message: `${repeated.length} distinct ${table} row(s) appear ${min} or more times each (${count} rows in all)`,
      examples: repeated.slice(0, config.maxExamples).map((r) => `${r.copies}× ${r.cells}`),
      count,
    });
  }
  return findings;
}

function impossibleDistributions(games: GameSummary, config: MadeUpConfig): MadeUpFinding[] {
  if (games.finished < config.minDistributionGames) return [];
  const findings: MadeUpFinding[] = [];
  if (games.homeWins === 0 || games.homeWins === games.finished) {
    findings.push({
      code: 'impossible_distribution',
      message: `the home team won ${games.homeWins === 0 ? 'none' : 'all'} of ${games.finished} finished games (home win rate ${games.homeWins === 0 ? '0' : '100'} %)`,
      examples: [...games.examples],
      count: games.finished,
    });
  }
  if (games.distinctTotals === 1) {
    findings.push({
      code: 'impossible_distribution',
      message: `every one of ${games.finished} finished games has the same total score ${games.firstTotal}`,
      examples: [...games.examples],
      count: games.finished,
    });
  }
  return findings;
}

function originSummaries(lineage: readonly (LineageRow | string | null | undefined)[], config: MadeUpConfig): OriginSummary[] {
  const byOrigin = new Map<string, { count: number; refs: string[] }>();
  for (const entry of lineage) {
    const row: LineageRow = typeof entry === 'string' ? { origin: entry } : (entry ?? {});
    if (!row.origin) continue;
    let o = byOrigin.get(row.origin);
    if (!o) byOrigin.set(row.origin, (o = { count: 0, refs: [] }));
    o.count++;
    if (o.refs.length < config.maxExamples && row.ref) o.refs.push(row.ref);
  }
  return [...byOrigin].map(([origin, o]) => ({ origin, count: o.count, refs: o.refs }));
}

function syntheticLineage(origins: readonly OriginSummary[], config: MadeUpConfig): MadeUpFinding[] {
  const synthetic = origins.filter((o) => isSyntheticOrigin(o.origin));
  const count = synthetic.reduce((n, o) => n + o.count, 0);
  if (!count) return [];
  return [
    {
      code: 'synthetic_lineage',
      message: `${count} row(s) come from a test, fixture or sample, not a real source (origin ${synthetic.map((o) => `"${o.origin}"`).join(', ')})`,
      examples: synthetic.flatMap((o) => (o.refs.length ? o.refs.map((r) => `${r} (origin ${o.origin})`) : [`origin ${o.origin}`])).slice(0, config.maxExamples),
      count,
    },
  ];
}

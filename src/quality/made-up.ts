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

/** Runs every rule over `input`; no findings means nothing looks made up. */
export function detectMadeUpData(input: MadeUpInput, overrides: Partial<MadeUpConfig> = {}): MadeUpFinding[] {
  const config: MadeUpConfig = { ...MADE_UP_CONFIG, ...overrides };
  const games = input.games ?? [];
  const quotes = input.quotes ?? [];
  const splits = input.splits ?? [];
  return [
    ...placeholderNames(input.teamNames ?? [], games, config),
    ...constantPrices(quotes, config),
    ...constantScores(games, config),
    ...constantSplits(splits, config),
    ...sequentialValues(games, config),
    ...repeatedRows(games, quotes, config),
    ...impossibleDistributions(games, config),
    ...syntheticLineage(input.lineage ?? [], config),
  ];
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

function placeholderNames(names: readonly string[], games: readonly StagedGame[], config: MadeUpConfig): MadeUpFinding[] {
  const hits = new Map<string, { pattern: string; count: number }>();
  const clean = new Set<string>(); // names already tested and found real: each is tested once
  const check = (name: string) => {
    if (clean.has(name)) return;
    const known = hits.get(name);
    if (known) {
      known.count++;
      return;
    }
    const pattern = placeholderPatternOf(name);
    if (pattern) hits.set(name, { pattern, count: 1 });
    else clean.add(name);
  };
  for (const name of names) check(name);
  // Staged ids carry the sport prefix (`nfl-kc`); the part after it is what the source named.
  for (const g of games) for (const id of [g.homeTeamId, g.awayTeamId]) check(id.replace(/^[a-z]+-/, ''));
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

function constantPrices(quotes: readonly StagedQuote[], config: MadeUpConfig): MadeUpFinding[] {
  // Per market: the first price, whether any other differs from it (at `comparePrecision`), a few texts.
  const byMarket = new Map<Market, { first: string; varies: boolean; count: number; text: Set<string> }>();
  const tolerance = 0.5 * 10 ** -config.comparePrecision;
  for (const q of quotes) {
    if (q.priceDecimal === null) continue;
    let m = byMarket.get(q.market);
    if (!m) byMarket.set(q.market, (m = { first: rounded(q.priceDecimal, config), varies: false, count: 0, text: new Set() }));
    m.count++;
    if (m.varies) continue;
    if (Math.abs(q.priceDecimal - Number(m.first)) > tolerance && rounded(q.priceDecimal, config) !== m.first) m.varies = true;
    if (m.text.size < config.maxExamples) m.text.add(q.priceText);
  }
  const findings: MadeUpFinding[] = [];
  for (const [market, m] of byMarket) {
    if (m.count < config.minConstantRows || m.varies) continue;
    const price = m.first;
    findings.push({
      code: 'constant_prices',
      message: `every ${market} price is ${price} (decimal) across ${m.count} quotes: a real market moves`,
      examples: [...m.text].map((t) => `${market} ${t}`),
      count: m.count,
    });
  }
  return findings;
}

function finished(games: readonly StagedGame[]): (StagedGame & { homeScore: number; awayScore: number })[] {
  return games.filter((g): g is StagedGame & { homeScore: number; awayScore: number } => g.homeScore !== null && g.awayScore !== null);
}

function describeGame(g: StagedGame): string {
  const score = g.homeScore === null || g.awayScore === null ? '' : ` ${g.homeScore}-${g.awayScore}`;
  return `${g.gameDate} ${g.awayTeamId} @ ${g.homeTeamId}${score}${g.sourceGameRef ? ` [${g.sourceGameRef}]` : ''}`;
}

function constantScores(games: readonly StagedGame[], config: MadeUpConfig): MadeUpFinding[] {
  const done = finished(games);
  if (done.length < config.minConstantRows) return [];
  const scores = new Set(done.map((g) => `${g.homeScore}-${g.awayScore}`));
  if (scores.size !== 1) return [];
  return [
    {
      code: 'constant_scores',
      message: `every one of ${done.length} finished games ended ${[...scores][0]} (home-away)`,
      examples: done.slice(0, config.maxExamples).map(describeGame),
      count: done.length,
    },
  ];
}

function constantSplits(splits: readonly SplitLike[], config: MadeUpConfig): MadeUpFinding[] {
  const shown = splits.filter((s) => s.betsShare !== null);
  if (shown.length < config.minConstantRows) return [];
  const shares = new Set(shown.map((s) => rounded(s.betsShare!, config)));
  if (shares.size !== 1) return [];
  return [
    {
      code: 'constant_split_shares',
      message: `every one of ${shown.length} betting splits shows the same bets share ${[...shares][0]}${[...shares][0] === rounded(0.5, config) ? ' (all 50/50)' : ''}`,
      examples: shown.slice(0, config.maxExamples).map((s) => `${s.market} ${s.side} ${s.betsShare}`),
      count: shown.length,
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

function sequentialValues(games: readonly StagedGame[], config: MadeUpConfig): MadeUpFinding[] {
  const columns: [string, (g: StagedGame) => { key: string; n: number } | null, number][] = [
    ['game id (counting from 0 or 1)', (g) => {
      const id = idNumber(g.sourceGameRef);
      return id ? { key: id.prefix, n: id.n } : null;
    }, 1],
    ['home score', (g) => (g.homeScore === null ? null : { key: '', n: g.homeScore }), Infinity],
    ['away score', (g) => (g.awayScore === null ? null : { key: '', n: g.awayScore }), Infinity],
  ];
  const findings: MadeUpFinding[] = [];
  for (const [column, value, startsAtMost] of columns) {
    const run = longestRun(games, value, startsAtMost);
    if (run.length < config.minSequentialRun) continue;
    const rows = games.slice(run.start, run.start + run.length);
    findings.push({
      code: 'sequential_values',
      message: `${column} grows by exactly 1 over ${run.length} consecutive games`,
      examples: rows.slice(0, config.maxExamples).map(describeGame),
      count: run.length,
    });
  }
  return findings;
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

function repeatedRows(games: readonly StagedGame[], quotes: readonly StagedQuote[], config: MadeUpConfig): MadeUpFinding[] {
  const min = config.minRepeatedCopies;
  const gameCells = (g: StagedGame) => `${g.sport}|${g.league}|${g.season}|${g.seasonType}|${g.gameDate}|${g.startAt}|${g.gameNumber}|${g.homeTeamId}|${g.awayTeamId}|${g.isNeutralSite}|${g.status}|${g.homeScore}|${g.awayScore}`;
  const quoteCells = (q: StagedQuote) => `${q.book}|${q.market}|${q.side}|${q.line}|${q.priceDecimal}|${q.priceText}|${q.observedAt}|${q.isOpening}|${q.isClosing}`;
  // Identical quotes must price the same game: count within each game (small maps, millions of quotes stay cheap).
  const byGame = new Map<string, StagedQuote[]>();
  for (const q of quotes) {
    const list = byGame.get(q.gameSourceKey);
    if (list) list.push(q);
    else byGame.set(q.gameSourceKey, [q]);
  }
  const repeatedQuotes: [string, number][] = [];
  for (const [game, list] of byGame) {
    if (list.length < min) continue;
    for (const [cells, n] of repeatsIn(list, quoteCells, min)) repeatedQuotes.push([`game ${game}|${cells}`, n]);
  }
  const findings: MadeUpFinding[] = [];
  for (const [table, repeated] of [['games', repeatsIn(games, gameCells, min)], ['quotes', repeatedQuotes]] as const) {
    if (!repeated.length) continue;
    repeated.sort((a, b) => b[1] - a[1]);
    const count = repeated.reduce((n, [, c]) => n + c, 0);
    findings.push({
      code: 'repeated_rows',
      message: `${repeated.length} distinct ${table} row(s) appear ${min} or more times each (${count} rows in all)`,
      examples: repeated.slice(0, config.maxExamples).map(([key, n]) => `${n}× ${key}`),
      count,
    });
  }
  return findings;
}

function impossibleDistributions(games: readonly StagedGame[], config: MadeUpConfig): MadeUpFinding[] {
  const done = finished(games);
  if (done.length < config.minDistributionGames) return [];
  const findings: MadeUpFinding[] = [];
  const homeWins = done.filter((g) => g.homeScore > g.awayScore).length;
  if (homeWins === 0 || homeWins === done.length) {
    findings.push({
      code: 'impossible_distribution',
      message: `the home team won ${homeWins === 0 ? 'none' : 'all'} of ${done.length} finished games (home win rate ${homeWins === 0 ? '0' : '100'} %)`,
      examples: done.slice(0, config.maxExamples).map(describeGame),
      count: done.length,
    });
  }
  const totals = new Set(done.map((g) => g.homeScore + g.awayScore));
  if (totals.size === 1) {
    findings.push({
      code: 'impossible_distribution',
      message: `every one of ${done.length} finished games has the same total score ${[...totals][0]}`,
      examples: done.slice(0, config.maxExamples).map(describeGame),
      count: done.length,
    });
  }
  return findings;
}

function syntheticLineage(lineage: readonly (LineageRow | string | null | undefined)[], config: MadeUpConfig): MadeUpFinding[] {
  const byOrigin = new Map<string, string[]>();
  let count = 0;
  for (const entry of lineage) {
    const row: LineageRow = typeof entry === 'string' ? { origin: entry } : (entry ?? {});
    if (!isSyntheticOrigin(row.origin)) continue;
    count++;
    const refs = byOrigin.get(row.origin!) ?? [];
    if (refs.length < config.maxExamples && row.ref) refs.push(row.ref);
    byOrigin.set(row.origin!, refs);
  }
  if (!count) return [];
  return [
    {
      code: 'synthetic_lineage',
      message: `${count} row(s) come from a test, fixture or sample, not a real source (origin ${[...byOrigin.keys()].map((o) => `"${o}"`).join(', ')})`,
      examples: [...byOrigin]
        .flatMap(([origin, refs]) => (refs.length ? refs.map((r) => `${r} (origin ${origin})`) : [`origin ${origin}`]))
        .slice(0, config.maxExamples),
      count,
    },
  ];
}

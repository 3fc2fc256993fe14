/**
 * @module models/features/game-features
 * As-of features for every game, built in one pass in time order: each game's row is read from the
 * teams' state BEFORE the game, and only then does the game's result (if final) update that state.
 * So no feature can see the game itself or anything after it: altering later games leaves earlier
 * rows unchanged (tested). Rating differences come in from the caller (the Elo pass), so this
 * module stays one job: rest, form and season-to-date strength.
 */
import type { Sport } from '../../domain/sports.js';
import type { GameRecord } from '../types.js';

/** Feature names, in column order. Market prices are never among them. */
export const FEATURE_NAMES = [
  'elo_diff', // Elo difference incl. home advantage and adjustments, in Elo points / 100
  'form_margin_diff', // exponentially weighted recent margin, home − away
  'season_margin_diff', // season-to-date margin per game, shrunk toward 0, home − away
  'season_win_pct_diff', // season-to-date win share, shrunk toward .5, home − away
  'rest_home', // days since the home team's last game, capped
  'rest_away',
  'short_rest_home', // 1 when the home team played yesterday (NBA/NHL back-to-backs) or within 5 days (NFL)
  'short_rest_away',
  'games_played_min', // how much the season so far says: min games played by either side, capped
  'neutral',
  'playoff',
  'score_logit', // logit of the score model's P(home win), from its last fit before the game (0 before any fit)
  'starter_edge', // MLB: away starter's shrunk runs allowed in his starts − home starter's (runs); 0 when unknown
  'early_form_diff', // exponentially weighted margin over the early periods (NBA q1–q3, MLB innings 1–5), home − away
  'starter_early_edge', // MLB: as starter_edge, on runs allowed in innings 1–5 (the starter's own innings)
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

interface RestProfile {
  /** Rest above this many days says nothing more (a new season, a bye). */
  cap: number;
  /** At or below this many days' rest is "short". */
  short: number;
  /** Prior games' weight in the season-to-date means (shrinkage). */
  shrinkGames: number;
  /** Weight decay per game of the recent-form average. */
  formDecay: number;
}

const REST: Record<Sport, RestProfile> = {
  nfl: { cap: 14, short: 5, shrinkGames: 3, formDecay: 0.75 },
  nba: { cap: 5, short: 1, shrinkGames: 8, formDecay: 0.9 },
  nhl: { cap: 5, short: 1, shrinkGames: 8, formDecay: 0.9 },
  mlb: { cap: 4, short: 0, shrinkGames: 20, formDecay: 0.95 },
  soccer: { cap: 10, short: 3, shrinkGames: 4, formDecay: 0.85 },
};

export interface TeamState {
  /** Early-period margin form and early runs allowed (optional: only sports with period scores). */
  earlyForm?: number;
  earlyFormWeight?: number;
  earlyAllowed?: number;
  earlyAllowedWeight?: number;
  /** Points/runs allowed, exponentially weighted (the starter record's baseline). */
  allowed: number;
  allowedWeight: number;
  season: number;
  lastDate: number | null;
  form: number;
  formWeight: number;
  seasonMargin: number;
  seasonWins: number;
  seasonGames: number;
}

/** One game's features (in {@link FEATURE_NAMES} order). */
export type FeatureRow = Float64Array;

/**
 * Reads features before a game and learns from its result after. Its state is plain JSON, so a
 * trained system can predict the next game without replaying history.
 */
export class FeatureTracker {
  private readonly teams: Map<string, TeamState>;
  private readonly pitchers: Map<string, PitcherState>;
  /** Pitcher refs that name a pitcher already on record under another ref (see {@link samePitcherName}). */
  private readonly aliases: Map<string, string>;

  constructor(
    readonly sport: Sport,
    teams: Iterable<[string, TeamState]> = [],
    pitchers: Iterable<[string, PitcherState]> = [],
    aliases: Iterable<[string, string]> = [],
  ) {
    this.teams = new Map(teams);
    this.pitchers = new Map(pitchers);
    this.aliases = new Map(aliases);
  }

  /**
   * The ref a starter's record is kept under. The SBR archive writes a pitcher's name differently
   * from season to season (`BUMGARNER` 2014–2015, `MBUMGARNR` 2016, `MBUMGARNER` 2017), and the
   * text is its only id; so a ref with no record of its own is read as the record of one earlier
   * ref of the same team (his team at his last start) whose name is the same pitcher's written
   * another way. Ambiguous (two such refs) or none: his own, new record.
   */
  pitcherKey(ref: string, team: string): string {
    const known = this.aliases.get(ref);
    if (known !== undefined) return known;
    if (this.pitchers.has(ref)) return ref;
    const matches: string[] = [];
    for (const [other, state] of this.pitchers) if (state.team === team && samePitcherName(ref, other)) matches.push(other);
    if (matches.length === 0) return ref;
    // Several (mostly one pitcher's earlier spellings, `JZIMMERMA` and `JZIMMERMN`): the longest record.
    return matches.reduce((best, m) => (this.pitchers.get(m)!.weight > this.pitchers.get(best)!.weight ? m : best));
  }

  /**
   * Game's features from the teams' state now; `eloDiff` is its pre-game Elo difference and
   * `scoreHomeProbability` the score model's pre-game P(home win), when there is one.
   */
  features(g: GameRecord, eloDiff: number, scoreHomeProbability: number | null = null): FeatureRow {
    const profile = REST[this.sport];
    const day = dayNumber(g.date);
    const home = peekState(this.teams, g.home, g.season);
    const away = peekState(this.teams, g.away, g.season);
    const row = new Float64Array(FEATURE_NAMES.length);
    const restHome = rest(home, day, profile);
    const restAway = rest(away, day, profile);
    row[0] = eloDiff / 100;
    row[1] = formOf(home) - formOf(away);
    row[2] = home.seasonMargin / (home.seasonGames + profile.shrinkGames) - away.seasonMargin / (away.seasonGames + profile.shrinkGames);
    row[3] = (home.seasonWins + profile.shrinkGames / 2) / (home.seasonGames + profile.shrinkGames) - (away.seasonWins + profile.shrinkGames / 2) / (away.seasonGames + profile.shrinkGames);
    row[4] = restHome;
    row[5] = restAway;
    row[6] = restHome <= profile.short ? 1 : 0;
    row[7] = restAway <= profile.short ? 1 : 0;
    row[8] = Math.min(home.seasonGames, away.seasonGames, 20);
    row[9] = g.neutral ? 1 : 0;
    row[10] = g.seasonType === 'postseason' ? 1 : 0;
    row[11] = scoreHomeProbability === null ? 0 : logit(scoreHomeProbability);
    row[12] = g.homeStarter && g.awayStarter ? this.starterRuns(this.pitcherKey(g.awayStarter, g.away), away) - this.starterRuns(this.pitcherKey(g.homeStarter, g.home), home) : 0;
    row[13] = earlyFormOf(home) - earlyFormOf(away);
    row[14] = g.homeStarter && g.awayStarter ? this.starterEarlyRuns(this.pitcherKey(g.awayStarter, g.away), away) - this.starterEarlyRuns(this.pitcherKey(g.homeStarter, g.home), home) : 0;
    return row;
  }

  /**
   * The starting pitchers' edge for the home side, in runs allowed per innings 1–5 (away starter's
   * record − home starter's), from starts before this game; 0 when either starter is unknown.
   */
  starterEdge(g: GameRecord): number {
    if (!g.homeStarter || !g.awayStarter) return 0;
    const home = peekState(this.teams, g.home, g.season);
    const away = peekState(this.teams, g.away, g.season);
    return this.starterEarlyRuns(this.pitcherKey(g.awayStarter, g.away), away) - this.starterEarlyRuns(this.pitcherKey(g.homeStarter, g.home), home);
  }

  /**
   * Runs each side is expected to score above its opponent's usual (its team's recent innings 1–5
   * runs allowed) because of the starter it faces: the starter's record in innings 1–5 against his
   * team's, from starts before this game. Zero for a side whose opponent's starter is unknown.
   */
  starterRunShift(g: GameRecord): { home: number; away: number } {
    const home = peekState(this.teams, g.home, g.season);
    const away = peekState(this.teams, g.away, g.season);
    return {
      home: g.awayStarter ? this.starterEarlyRuns(this.pitcherKey(g.awayStarter, g.away), away) - teamEarlyRuns(away) : 0,
      away: g.homeStarter ? this.starterEarlyRuns(this.pitcherKey(g.homeStarter, g.home), home) - teamEarlyRuns(home) : 0,
    };
  }

  /** As {@link starterRuns}, over innings 1–5 only. */
  private starterEarlyRuns(pitcher: string, team: TeamState): number {
    const teamRuns = teamEarlyRuns(team);
    const p = this.pitchers.get(pitcher);
    if (!p || !p.earlyWeight) return teamRuns;
    return (p.early! + STARTER_SHRINK * teamRuns) / (p.earlyWeight + STARTER_SHRINK);
  }

  /**
   * Runs his team allowed in a starter's earlier starts, exponentially weighted and shrunk toward
   * his team's recent runs allowed: a new pitcher is his team's average until his starts say more.
   */
  private starterRuns(pitcher: string, team: TeamState): number {
    const teamRuns = team.allowedWeight === 0 ? LEAGUE_RUNS : team.allowed / team.allowedWeight;
    const p = this.pitchers.get(pitcher);
    if (!p) return teamRuns;
    return (p.allowed + STARTER_SHRINK * teamRuns) / (p.weight + STARTER_SHRINK);
  }

  /** Records that the game was played (rest) and, when final, its result (form, season totals). */
  observe(g: GameRecord): void {
    const profile = REST[this.sport];
    const day = dayNumber(g.date);
    const home = teamState(this.teams, g.home, g.season);
    const away = teamState(this.teams, g.away, g.season);
    home.lastDate = day;
    away.lastDate = day;
    if (g.homeScore !== null && g.awayScore !== null) {
      const margin = g.homeScore - g.awayScore;
      learn(home, margin, profile);
      learn(away, -margin, profile);
      allowed(home, g.awayScore);
      allowed(away, g.homeScore);
      if (g.homeStarter) this.starterAllowed(this.recordKey(g.homeStarter, g.home), g.awayScore);
      if (g.awayStarter) this.starterAllowed(this.recordKey(g.awayStarter, g.away), g.homeScore);
      if (g.homeEarly !== null && g.homeEarly !== undefined && g.awayEarly !== null && g.awayEarly !== undefined) {
        learnEarly(home, g.homeEarly - g.awayEarly, g.awayEarly, profile);
        learnEarly(away, g.awayEarly - g.homeEarly, g.homeEarly, profile);
        if (g.homeStarter) this.starterEarlyAllowed(this.recordKey(g.homeStarter, g.home), g.awayEarly);
        if (g.awayStarter) this.starterEarlyAllowed(this.recordKey(g.awayStarter, g.away), g.homeEarly);
      }
    }
  }

  /** {@link pitcherKey}, remembered (an alias once made stays), with the pitcher's team now his. */
  private recordKey(ref: string, team: string): string {
    const key = this.pitcherKey(ref, team);
    if (key !== ref) this.aliases.set(ref, key);
    const p = this.pitchers.get(key) ?? { allowed: 0, weight: 0 };
    p.team = team;
    this.pitchers.set(key, p);
    return key;
  }

  private starterEarlyAllowed(pitcher: string, runs: number): void {
    const p = this.pitchers.get(pitcher) ?? { allowed: 0, weight: 0 };
    p.early = (p.early ?? 0) * STARTER_DECAY + runs;
    p.earlyWeight = (p.earlyWeight ?? 0) * STARTER_DECAY + 1;
    this.pitchers.set(pitcher, p);
  }

  private starterAllowed(pitcher: string, runs: number): void {
    const p = this.pitchers.get(pitcher) ?? { allowed: 0, weight: 0 };
    p.allowed = p.allowed * STARTER_DECAY + runs;
    p.weight = p.weight * STARTER_DECAY + 1;
    this.pitchers.set(pitcher, p);
  }

  snapshot(): FeatureSnapshot {
    return {
      format: 'sharpline.features',
      version: 1,
      sport: this.sport,
      teams: Object.fromEntries([...this.teams].map(([t, s]) => [t, { ...s }])),
      pitchers: Object.fromEntries([...this.pitchers].map(([p, s]) => [p, { ...s }])),
      aliases: Object.fromEntries(this.aliases),
    };
  }

  static fromSnapshot(snapshot: FeatureSnapshot): FeatureTracker {
    return new FeatureTracker(
      snapshot.sport,
      Object.entries(snapshot.teams).map(([t, s]) => [t, { ...s }]),
      Object.entries(snapshot.pitchers ?? {}).map(([p, s]) => [p, { ...s }]),
      Object.entries(snapshot.aliases ?? {}),
    );
  }
}

export interface FeatureSnapshot {
  format: 'sharpline.features';
  version: 1;
  sport: Sport;
  teams: Record<string, TeamState>;
  pitchers?: Record<string, PitcherState>;
  /** Pitcher refs read as another ref's record (see {@link FeatureTracker.pitcherKey}). */
  aliases?: Record<string, string>;
}

/** A starting pitcher's record: runs his team allowed in his starts, exponentially weighted. */
export interface PitcherState {
  allowed: number;
  weight: number;
  /** Runs allowed in innings 1–5 of his starts, exponentially weighted. */
  early?: number;
  earlyWeight?: number;
  /** His team at his last start (finds the same pitcher under another ref). */
  team?: string;
}

/** Fewer letters than this and names are not compared (too many pitchers share a short one). */
const MIN_NAME_LETTERS = 7;

/**
 * Whether two SBR refs are one pitcher's name written two ways: the archive's first initial may be
 * there or not (`VERLANDER`, `JVERLANDER`), and a long surname is cut short or loses letters
 * (`JZIMMERMA`, `JZIMMERMN`, `MBUMGARNR`). So: with or without the first letter, one name's letters
 * appear in order in the other's, starting with the same letter, both at least
 * {@link MIN_NAME_LETTERS} long.
 */
export function samePitcherName(a: string, b: string): boolean {
  const x = letters(a);
  const y = letters(b);
  if (x === y) return true;
  // One side's first letter dropped at most: two initials dropped would leave two pitchers of one surname.
  for (const [u, v] of [[x, y], [x.slice(1), y], [x, y.slice(1)]] as const) {
    if (Math.min(u.length, v.length) < MIN_NAME_LETTERS || u[0] !== v[0]) continue;
    if (u.length <= v.length ? isSubsequence(u, v) : isSubsequence(v, u)) return true;
  }
  return false;
}

function letters(ref: string): string {
  return ref.replace(/^[a-z]+:/, '').toUpperCase().replace(/[^A-Z]/g, '');
}

function isSubsequence(short: string, long: string): boolean {
  let j = 0;
  for (let i = 0; i < long.length && j < short.length; i++) if (long[i] === short[j]) j++;
  return j === short.length;
}

/** Weight decay per start (a starter makes ~32 a season: the last season or so counts). */
const STARTER_DECAY = 0.95;
/** Starts' worth of his team's average a starter's record is shrunk toward. */
const STARTER_SHRINK = 4;
/** Runs allowed per game before a team has any record (MLB's long-run average). */
const LEAGUE_RUNS = 4.4;
/** Runs allowed in innings 1–5 before a team has any record (5/9 of a game's). */
const LEAGUE_EARLY_RUNS = 2.45;

/** A team's recent runs allowed in innings 1–5 per game (the league's before it has a record). */
function teamEarlyRuns(team: TeamState): number {
  return !team.earlyAllowedWeight ? LEAGUE_EARLY_RUNS : team.earlyAllowed! / team.earlyAllowedWeight;
}

function earlyFormOf(state: TeamState): number {
  return !state.earlyFormWeight ? 0 : state.earlyForm! / (state.earlyFormWeight + 1);
}

function learnEarly(state: TeamState, margin: number, allowedEarly: number, profile: RestProfile): void {
  state.earlyForm = (state.earlyForm ?? 0) * profile.formDecay + margin;
  state.earlyFormWeight = (state.earlyFormWeight ?? 0) * profile.formDecay + 1;
  state.earlyAllowed = (state.earlyAllowed ?? 0) * TEAM_ALLOWED_DECAY + allowedEarly;
  state.earlyAllowedWeight = (state.earlyAllowedWeight ?? 0) * TEAM_ALLOWED_DECAY + 1;
}

/** Weight decay per game of a team's runs-allowed average. */
const TEAM_ALLOWED_DECAY = 0.98;

function allowed(state: TeamState, runs: number): void {
  state.allowed = state.allowed * TEAM_ALLOWED_DECAY + runs;
  state.allowedWeight = state.allowedWeight * TEAM_ALLOWED_DECAY + 1;
}

/**
 * The feature matrix of `games` (time order). `eloDiff[i]` is game i's pre-game Elo difference
 * (home − away, with home advantage), from the ratings pass over the same games.
 */
export function buildFeatures(games: readonly GameRecord[], eloDiff: ArrayLike<number>, tracker?: FeatureTracker): FeatureRow[] {
  if (games.length === 0) return [];
  const t = tracker ?? new FeatureTracker(games[0]!.sport);
  const rows: FeatureRow[] = [];
  for (let i = 0; i < games.length; i++) {
    rows.push(t.features(games[i]!, eloDiff[i]!));
    t.observe(games[i]!);
  }
  return rows;
}

/** The team's state as a game in `season` would see it, without changing what is stored. */
function peekState(teams: Map<string, TeamState>, team: string, season: number): TeamState {
  const state = teams.get(team);
  if (!state) return freshState(season);
  return state.season === season ? state : rolledOver(state, season);
}

function freshState(season: number): TeamState {
  return { season, lastDate: null, form: 0, formWeight: 0, seasonMargin: 0, seasonWins: 0, seasonGames: 0, allowed: 0, allowedWeight: 0 };
}

function rolledOver(state: TeamState, season: number): TeamState {
  // A new season: season-to-date resets; recent form carries over at half weight (rosters change).
  return {
    ...state,
    season,
    seasonMargin: 0,
    seasonWins: 0,
    seasonGames: 0,
    form: state.form / 2,
    formWeight: state.formWeight / 2,
    ...(state.earlyFormWeight ? { earlyForm: state.earlyForm! / 2, earlyFormWeight: state.earlyFormWeight / 2 } : {}),
  };
}

function teamState(teams: Map<string, TeamState>, team: string, season: number): TeamState {
  const state = teams.get(team);
  const current = !state ? freshState(season) : state.season === season ? state : rolledOver(state, season);
  teams.set(team, current);
  return current;
}

function rest(state: TeamState, day: number, profile: RestProfile): number {
  return state.lastDate === null ? profile.cap : Math.min(profile.cap, day - state.lastDate);
}

function formOf(state: TeamState): number {
  return state.formWeight === 0 ? 0 : state.form / (state.formWeight + 1);
}

function learn(state: TeamState, margin: number, profile: RestProfile): void {
  state.form = state.form * profile.formDecay + margin;
  state.formWeight = state.formWeight * profile.formDecay + 1;
  state.seasonMargin += margin;
  state.seasonWins += margin > 0 ? 1 : margin === 0 ? 0.5 : 0;
  state.seasonGames += 1;
}

function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

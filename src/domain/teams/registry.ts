/**
 * @module domain/teams/registry
 * Canonical team ids with the aliases sources use for them. An alias may hold only for a period
 * (STL meant the Rams from 1995 until 2016) or only in one source (538 writes OAK for the Raiders
 * even after the move), so resolution takes the game date and the source format.
 */
import type { Sport } from '../sports.js';

/** One name or code a source uses for a team. Dates are ISO `YYYY-MM-DD`; `until` is exclusive. */
export interface TeamAlias {
  readonly alias: string;
  readonly from?: string;
  readonly until?: string;
  /** Source formats this alias belongs to; all sources when absent. */
  readonly sources?: readonly string[];
}

/** A franchise: one stable id across moves and renames, so ratings carry over. */
export interface TeamDefinition {
  readonly id: string;
  readonly sport: Sport;
  readonly name: string;
  readonly aliases: readonly TeamAlias[];
}

/** Resolves source codes to canonical team ids; built once from definitions. */
export class TeamRegistry {
  private readonly byKey = new Map<string, { team: TeamDefinition; alias: TeamAlias }[]>();
  private readonly byId = new Map<string, TeamDefinition>();

  constructor(definitions: readonly TeamDefinition[]) {
    for (const team of definitions) {
      if (this.byId.has(team.id)) throw new Error(`team id ${team.id} is defined twice`);
      this.byId.set(team.id, team);
      for (const alias of [{ alias: team.id }, ...team.aliases]) {
        const key = `${team.sport}|${normaliseAlias(alias.alias)}`;
        const list = this.byKey.get(key) ?? [];
        list.push({ team, alias });
        this.byKey.set(key, list);
      }
    }
  }

  /** Every team, for seeding `curated.teams`. */
  teams(): TeamDefinition[] {
    return [...this.byId.values()];
  }

  /** The team with this canonical id, if any. */
  findTeam(id: string): TeamDefinition | undefined {
    return this.byId.get(id);
  }

  /**
   * The canonical id for `code` on `date` (ISO) as written by `source`, or undefined when no alias
   * matches. Source-specific aliases win over general ones; ambiguity returns undefined.
   */
  resolve(sport: Sport, code: string, date: string, source?: string): string | undefined {
    const candidates = this.byKey.get(`${sport}|${normaliseAlias(code)}`);
    if (!candidates) return undefined;
    const valid = candidates.filter(
      ({ alias }) =>
        (!alias.from || date >= alias.from) &&
        (!alias.until || date < alias.until) &&
        (!alias.sources || (source !== undefined && alias.sources.includes(source))),
    );
    const specific = valid.filter(({ alias }) => alias.sources);
    const pick = specific.length ? specific : valid;
    const ids = new Set(pick.map(({ team }) => team.id));
    return ids.size === 1 ? [...ids][0] : undefined;
  }
}

/** Aliases compare case-insensitively, ignoring accents, punctuation and repeated spaces. */
export function normaliseAlias(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.'’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Shorthand for an alias valid in every source and period. */
export function always(...aliases: string[]): TeamAlias[] {
  return aliases.map((alias) => ({ alias }));
}

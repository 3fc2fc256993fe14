/**
 * @module domain/scores
 * What a final score may look like per sport: whole, non-negative, and below a ceiling no real
 * game has reached (NFL record 73, NBA 186, MLB 30, NHL 16, soccer 13 in top flights).
 */
import type { Sport } from './sports.js';

/** The highest score sharpline accepts per side; above it a row is quarantined as implausible. */
export const MAX_PLAUSIBLE_SCORE: Readonly<Record<Sport, number>> = { nfl: 100, nba: 200, mlb: 40, nhl: 20, soccer: 20 };

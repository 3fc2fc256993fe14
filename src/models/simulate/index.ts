/**
 * @module models/simulate
 * Seeded random streams and Monte Carlo pricing of a game. Other layers import only this file.
 */
export { createRng, Rng } from './rng.js';
export { analyticMarkets, gridForSpec, simulateGame } from './monte-carlo.js';
export type { GameSpec, MarketStandardErrors, SimulationOptions, SimulationResult } from './monte-carlo.js';

/**
 * Benchmark: de-vig 1,000,000 seeded random two-way markets with every method. Prints ONE JSON line.
 *
 *   node --import tsx bench/devig.ts            # 1,000,000 markets
 *   node --import tsx bench/devig.ts --markets 100000
 *
 * Markets: a fair probability p uniform in [0.05, 0.95] and a margin uniform in [0, 5%] spread
 * multiplicatively, so decimal odds run from about 1.0 to 20. They are built before timing (their
 * arrays are not part of the measurement); each method gets a warm-up pass on the first 50,000 first.
 */
import { removeVig, VIG_METHODS } from '../src/domain/vig/index.js';
import { mulberry32 } from '../src/models/mulberry32.js';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const MARKETS = Number(arg('--markets') ?? 1_000_000);
const SEED = 20_240_601;
const WARMUP = Math.min(50_000, MARKETS);

function buildMarkets(count: number): number[][] {
  const random = mulberry32(SEED);
  const markets: number[][] = [];
  for (let i = 0; i < count; i++) {
    const p = 0.05 + 0.9 * random();
    const booksum = 1 + 0.05 * random();
    markets.push([1 / (p * booksum), 1 / ((1 - p) * booksum)]);
  }
  return markets;
}

function main(): void {
  const markets = buildMarkets(MARKETS);
  const methods: Record<string, { seconds: number; markets_per_second: number }> = {};
  let checksum = 0; // consumed below so the calls cannot be optimised away
  for (const method of VIG_METHODS) {
    for (let i = 0; i < WARMUP; i++) checksum += removeVig(markets[i]!, method).probabilities[0]!;
    const start = process.hrtime.bigint();
    for (let i = 0; i < MARKETS; i++) checksum += removeVig(markets[i]!, method).probabilities[0]!;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    methods[method] = { seconds: Number(seconds.toFixed(4)), markets_per_second: Math.round(MARKETS / seconds) };
  }
  if (!Number.isFinite(checksum)) process.exitCode = 1;
  process.stdout.write(
    `${JSON.stringify({ bench: 'devig', node: process.version, date: new Date().toISOString(), markets: MARKETS, methods })}\n`,
  );
}

main();

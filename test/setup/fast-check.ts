/**
 * Property tests are reproducible: one seed for every run (FC_SEED to explore others). A failure
 * prints its seed and counterexample; CI never turns red by the luck of the draw.
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261126) });

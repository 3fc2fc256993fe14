/**
 * @module cli/run
 * Entry for running the CLI straight from TypeScript (`node --import tsx src/cli/run.ts …`), as
 * tests do; the installed `sharpline` bin runs the compiled `dist/cli/main.js` instead.
 */
import { main } from './main.js';

await main(process.argv);

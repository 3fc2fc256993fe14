#!/usr/bin/env -S node --max-semi-space-size=64
// A larger young generation: imports make millions of short-lived rows, and at Node's default
// semi-space size the garbage collector took a third of the soccer import.
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('sharpline: dist/ is missing. Run `npm install` (or `npm run build`) in the project root first.\n');
  process.exitCode = 3;
} else {
  const { main } = await import(entry.href);
  await main(process.argv);
}

#!/usr/bin/env node
/** The `mnc` executable. */
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`mnc: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(70);
  },
);

#!/usr/bin/env node
/** The `mnc` executable. */
import { tuneV8 } from './tuneV8.js';
import { exitWhenFlushed } from '../util/exitWhenFlushed.js';

// before the rest of mnc is loaded, so that every function gets the budget (tuneV8.ts)
tuneV8();
const { main } = await import('./main.js');

main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (e: unknown) => {
    process.stderr.write(`mnc: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    exitWhenFlushed(70);
  },
);

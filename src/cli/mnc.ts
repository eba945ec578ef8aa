#!/usr/bin/env node
/** The `mnc` executable. */
import { main } from './main.js';
import { exitWhenFlushed } from '../util/exitWhenFlushed.js';

main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (e: unknown) => {
    process.stderr.write(`mnc: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    exitWhenFlushed(70);
  },
);

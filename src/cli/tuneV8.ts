import { setFlagsFromString } from 'node:v8';

/**
 * V8's tier-up budget for `mnc`, four times V8's default (67,584 in Node 20's
 * V8 11.3): a function is optimized by TurboFan after four times as much
 * interpreted and baseline work. V8's default suits long-running programs;
 * an mnc run is many short explorations (`mnc check`: 233 scenarios of ~400
 * states each), and with the default about 30 % of `mnc check`'s CPU went to
 * optimizing compilations on V8's background threads (with
 * `--no-concurrent-recompilation` the wall time grew by as much), many of
 * them for code that ran a few more milliseconds. bench/RESULTS.md
 * ("Session 6: V8's tier-up budget"): `mnc check --jobs 1` CPU −22 %, the
 * four-thread input's long run unchanged within noise.
 *
 * A flag given on node's command line wins (`node --interrupt-budget=N
 * dist/src/cli/mnc.js`): it is only set here when absent there. It applies
 * process-wide, worker threads included; it changes no result, only when
 * code is optimized.
 */
export const INTERRUPT_BUDGET = 4 * 67_584;

/** `--interrupt-budget` or `--interrupt_budget`, with or without `=N` (not `--interrupt-budget-for-feedback-allocation`, another flag). */
const BUDGET_FLAG = /^--interrupt[-_]budget(=|$)/;

export function tuneV8(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((a) => BUDGET_FLAG.test(a))) return;
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

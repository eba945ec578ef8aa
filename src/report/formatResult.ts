import chalk from 'chalk';
import type { ExploreResult, Violation } from '../engine/ExploreResult.js';
import type { ReadableTrace } from './TraceStep.js';
import { TRACE_WIDTH, formatTrace } from './formatTrace.js';
import { wrapWords } from './wrapWords.js';

/** The stable one-block summary of an exploration. */
export function formatSummary(title: string, r: ExploreResult): string {
  const s = r.stats;
  const status = r.status === 'ok' ? chalk.green('ok') : r.status === 'incomplete' ? chalk.yellow(`incomplete (${r.reason})`) : chalk.red(r.status);
  return [
    `${title}: ${status}`,
    `  distinct states ${s.distinctStates}, transitions ${s.transitions}, max depth ${s.maxDepth}`,
    `  ${s.seconds.toFixed(2)} s, ${Math.round(s.statesPerSecond)} states/s, ${s.bytesPerState.toFixed(1)} bytes/state`,
    ...(s.por && s.por.note === undefined // a note (not applicable) is said once, by src/cli/inapplicableFlags.ts
      ? [
          `  partial-order reduction: ${s.por.reducedStates} states expanded with an ample set, ${s.por.prunedTransitions} transitions pruned, ` +
            `${s.por.provisoRefusals} refused by the cycle proviso` +
            (s.por.sleptTransitions !== undefined
              ? `; sleep sets: ${s.por.sleptTransitions} transitions slept, ${s.por.reexpansions} states expanded again, ${s.por.lateStates} found late`
              : ''),
        ]
      : []),
  ].join('\n');
}

/** A violation and its trace: the header (wrapped), then the steps in aligned columns within TRACE_WIDTH characters. */
export function formatViolation(v: Violation, trace: ReadableTrace | undefined, prefix = ''): string {
  const head = wrapWords(`${prefix}violation of ${v.property} (${v.kind}): ${v.message}`, TRACE_WIDTH, 4);
  const lines = [chalk.red(head.join('\n'))];
  if (trace) lines.push(...formatTrace(trace));
  return lines.join('\n');
}

/** A model error (the scenario misused the model) and the trace to the step that raised it. */
export function formatModelError(message: string, trace: ReadableTrace | undefined, prefix = ''): string {
  const head = wrapWords(`${prefix}model error (the scenario misused the model): ${message}`, TRACE_WIDTH, 4);
  return [chalk.red(head.join('\n')), ...(trace ? formatTrace(trace) : [])].join('\n');
}

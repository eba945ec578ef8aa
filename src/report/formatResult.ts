import chalk from 'chalk';
import type { ExploreResult, Violation } from '../engine/ExploreResult.js';
import type { ReadableTrace } from './TraceStep.js';

/** The stable one-block summary of an exploration. */
export function formatSummary(title: string, r: ExploreResult): string {
  const s = r.stats;
  const status =
    r.status === 'ok'
      ? chalk.green('ok')
      : r.status === 'incomplete'
        ? chalk.yellow(`incomplete (${r.reason})`)
        : chalk.red(r.status);
  return [
    `${title}: ${status}`,
    `  distinct states ${s.distinctStates}, transitions ${s.transitions}, max depth ${s.maxDepth}`,
    `  ${s.seconds.toFixed(2)} s, ${Math.round(s.statesPerSecond)} states/s, ${s.bytesPerState.toFixed(1)} bytes/state`,
  ].join('\n');
}

/** A violation and its trace, one line per step with the state change. */
export function formatViolation(v: Violation, trace: ReadableTrace | undefined): string {
  const lines = [chalk.red(`violation of ${v.property} (${v.kind}): ${v.message}`)];
  if (!trace) return lines.join('\n');
  lines.push(`  trace: ${trace.steps.length} steps`);
  for (const st of trace.steps) {
    const ch = Object.entries(st.changes)
      .filter(([k]) => !k.endsWith('.pc')) // the label already says where the thread is
      .map(([k, [a, b]]) => `${k}: ${a ?? '-'} -> ${b ?? '-'}`)
      .join(', ');
    lines.push(`  ${String(st.step).padStart(3)}. ${chalk.bold(st.thread)} ${st.label}${ch ? `  ${chalk.dim(ch)}` : ''}`);
  }
  return lines.join('\n');
}

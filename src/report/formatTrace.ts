import { stripVTControlCharacters } from 'node:util';
import chalk from 'chalk';
import type { ReadableTrace, TraceStep } from './TraceStep.js';
import { wrapWords } from './wrapWords.js';

/** Text traces fit in this many columns; `--json` keeps every step's full label and values. */
export const TRACE_WIDTH = 120;
/** The changes column gets at least this many characters; a longer step label pushes its changes to the next line. */
const MIN_CHANGES = 36;
const GAP = '  ';

type Value = string | number | boolean;

/**
 * The steps of a readable trace in aligned columns: step number, thread,
 * step (its brief label), and the state changes, one per line, each within
 * `width` characters (long values lose the words they share before and
 * after the change, then wrap). Thread program counters are left out: the
 * step label already says where the thread is.
 */
export function formatTraceSteps(steps: readonly TraceStep[], indent = '    ', width = TRACE_WIDTH): string[] {
  if (steps.length === 0) return [];
  const numW = String(steps[steps.length - 1]!.step).length + 1;
  const threadW = Math.min(24, Math.max(...steps.map((s) => s.thread.length)));
  const lead = indent.length + numW + 1 + threadW + GAP.length;
  const labelW = Math.max(16, Math.min(Math.max(...steps.map((s) => labelOf(s).length)), width - lead - GAP.length - MIN_CHANGES));
  const changesAt = lead + labelW + GAP.length;
  const room = width - changesAt;
  const out: string[] = [];
  for (const st of steps) {
    const head = `${indent}${`${st.step}.`.padStart(numW)} ${chalk.bold(st.thread)}${' '.repeat(Math.max(0, threadW - st.thread.length))}${GAP}`;
    const labelLines = wrapWords(labelOf(st), width - lead);
    const changes = Object.entries(st.changes)
      .filter(([k]) => !k.endsWith('.pc'))
      .flatMap(([k, [a, b]]) => wrapWords(changeText(k, a, b, room), room, 2));
    const sameLine = labelLines.length === 1 && labelLines[0]!.length <= labelW && changes.length > 0;
    out.push(head + (sameLine ? `${labelLines[0]!.padEnd(labelW)}${GAP}${chalk.dim(changes[0]!)}` : labelLines[0]!));
    for (const l of labelLines.slice(1)) out.push(' '.repeat(lead) + l);
    for (const c of sameLine ? changes.slice(1) : changes) out.push(' '.repeat(changesAt) + chalk.dim(c));
  }
  return out;
}

function labelOf(st: TraceStep): string {
  return st.brief ?? st.label;
}

/**
 * `name: before -> after`, absent values as `-`; when it does not fit in
 * `room`, the words both values share at their start and end are elided
 * (`…`), keeping what changed.
 */
export function changeText(name: string, a: Value | null, b: Value | null, room: number): string {
  const before = a === null ? '-' : String(a);
  const after = b === null ? '-' : String(b);
  const full = `${name}: ${before} -> ${after}`;
  if (full.length <= room || a === null || b === null) return full;
  const x = before.split(' ');
  const y = after.split(' ');
  let p = 0;
  while (p < x.length - 1 && p < y.length - 1 && x[p] === y[p]) p++;
  let q = 0;
  while (q < x.length - 1 - p && q < y.length - 1 - p && x[x.length - 1 - q] === y[y.length - 1 - q]) q++;
  if (p === 0 && q === 0) return full;
  const part = (w: string[]) => [...(p > 0 ? ['…'] : []), ...w.slice(p, w.length - q), ...(q > 0 ? ['…'] : [])].join(' ');
  return `${name}: ${part(x)} -> ${part(y)}`;
}

/** The whole trace block: a `trace: N steps` line, then the steps (and the step that raised a model error). */
export function formatTrace(trace: ReadableTrace, indent = '  ', width = TRACE_WIDTH): string[] {
  if (trace.failing === undefined) return [`${indent}trace: ${trace.steps.length} steps`, ...formatTraceSteps(trace.steps, `${indent}  `, width)];
  const lines = formatTraceSteps([...trace.steps, { ...trace.failing, changes: {} }], `${indent}  `, width);
  const mark = '  <- raised the model error';
  const last = lines.length - 1;
  if (plainLength(lines[last]!) + mark.length <= width) lines[last] += chalk.red(mark);
  else lines.push(chalk.red(`${indent}  ${mark.trim()}`));
  return [`${indent}trace: ${trace.steps.length} steps, then the step that raised the model error`, ...lines];
}

const plainLength = (s: string): number => stripVTControlCharacters(s).length;

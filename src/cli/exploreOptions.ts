import type { Command } from 'commander';
import type { BfsOptions } from '../engine/bfs.js';
import { Checkpointer } from '../engine/Checkpointer.js';
import { UsageError } from './UsageError.js';
import { writeAtomic } from '../util/writeAtomic.js';
import { positiveInteger } from './positiveInteger.js';
import { positiveNumber } from './positiveNumber.js';

export interface BudgetFlags {
  maxStates?: number;
  maxDepth?: number;
  maxSeconds?: number;
  por?: boolean;
  porCheck?: boolean;
  sleepSets?: boolean;
  symmetry?: boolean;
  allViolations?: boolean;
  checkpoint?: string;
  checkpointEvery?: number;
  resume?: boolean;
  progress?: number;
}

/** Budgets, reductions and checkpoints, shared by the commands that explore. */
export const exploreOptions = {
  addTo(cmd: Command): Command {
    return cmd
      .option('--max-states <n>', 'stop after n distinct states (incomplete, exit 3)', positiveInteger)
      .option('--max-depth <n>', 'do not expand beyond depth n', positiveInteger)
      .option('--max-seconds <n>', 'stop after n seconds', positiveNumber)
      .option('--por', 'partial-order reduction (ample sets from recorded footprints)')
      .option(
        '--por-check',
        "with --por: check on every state that what it pruned commutes with what it kept, and the model's local hints and bounds (slow; debug)",
      )
      .option('--sleep-sets', 'with --por (implied): sleep sets too, fewer transitions and states at a higher cost per state (not with --checkpoint)')
      .option('--symmetry', 'symmetry reduction, where the model defines it')
      .option('--all-violations', 'keep going after a violation: the first of each property')
      .option('--checkpoint <file>', 'checkpoint the BFS at level boundaries (every --checkpoint-every seconds) and when a budget ends it')
      .option('--checkpoint-every <seconds>', 'seconds between checkpoints (default 300)', positiveNumber)
      .option('--resume', 'resume from --checkpoint')
      .option('--progress <seconds>', 'print a progress line to stderr every n seconds', positiveNumber);
  },
  /**
   * `model` names the model explored (scenario, parameters, mm options, the
   * scenario as built); a checkpoint resumes only a run of the same model with
   * the same options that change its result (the reductions, `--all-violations`).
   * Budgets may differ: a resume may go further than the run that wrote it.
   */
  parse(f: BudgetFlags, model: string): BfsOptions {
    const por = !!f.por || !!f.porCheck || !!f.sleepSets;
    const runId = model + JSON.stringify([por, !!f.symmetry, !!f.allViolations]);
    const cp = f.checkpoint !== undefined ? new Checkpointer(f.checkpoint, runId, writeAtomic, f.checkpointEvery ?? 300) : undefined;
    if (f.resume && !cp) throw new UsageError('--resume needs --checkpoint FILE');
    if (f.sleepSets && cp) throw new UsageError('--sleep-sets does not compose with --checkpoint: the sleep sets of expanded states are not saved');
    let resume: BfsOptions['resume'];
    if (f.resume && cp) {
      const snap = cp.load();
      if (typeof snap === 'string') throw new UsageError(snap);
      resume = snap;
    }
    // No SIGINT handler: the exploration is one synchronous loop, so a handler would never run and Ctrl-C
    // would be ignored. Ctrl-C ends the process; the last checkpoint (atomic, at a level boundary or at a
    // budget's end) stays, and --resume goes on from it.
    return {
      ...(f.maxStates !== undefined ? { maxStates: f.maxStates } : {}),
      ...(f.maxDepth !== undefined ? { maxDepth: f.maxDepth } : {}),
      ...(f.maxSeconds !== undefined ? { maxSeconds: f.maxSeconds } : {}),
      por,
      ...(f.sleepSets ? { sleepSets: true } : {}),
      porCheck: !!f.porCheck,
      symmetry: !!f.symmetry,
      allViolations: !!f.allViolations,
      ...(cp ? { checkpointer: cp } : {}),
      ...(resume ? { resume } : {}),
      ...(f.progress !== undefined
        ? {
            progressSeconds: f.progress,
            onProgress: (p) =>
              process.stderr.write(
                `progress: ${p.distinctStates} distinct, ${p.transitions} transitions, depth ${p.depth}, queue ${p.queued}, ${Math.round(p.statesPerSecond)}/s, ${p.seconds.toFixed(0)} s\n`,
              ),
          }
        : {}),
    };
  },
};

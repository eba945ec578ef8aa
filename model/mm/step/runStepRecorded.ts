/**
 * One transition run once more on a recorded copy of the state (model/mm/
 * footprint/): what it read (its enabledness included: guard and outcome
 * count), walked and wrote, as a whole and per chained local step. Only the
 * partial-order reduction and its checks call it (MmModel.ts por), so an
 * exploration without them pays nothing.
 */
import { ModelError } from '../../../src/engine/Model.js';
import { addFootprint, emptyFootprint, SEP, type Footprint } from '../footprint/Footprint.js';
import { Recorder } from '../footprint/recordingProxy.js';
import { exitMmapClaims, foreignWalkClaims } from '../footprint/chainedReads.js';
import type { MmState } from '../MmState.js';
import type { ProgramRegistry } from './ProgramRegistry.js';
import { currentStep, sectionOf } from './currentStep.js';
import { watchGranted } from '../locks.js';
import { enabledOutcomes, stepBody } from './runStep.js';

export interface RecordedSegment {
  /** `program:label` of the step. */
  readonly step: string;
  /** True when the step is marked `local` (the first one: as the engine's hint; chained ones always). */
  readonly local: boolean;
  readonly fp: Footprint;
  /** The locks the thread held when the step began (Thread.held). */
  readonly held: readonly string[];
}

/** A path the transition wrote, with the locks its thread held at that moment and those the transition had found free (watchGranted). */
export interface HeldWrite {
  readonly path: string;
  readonly held: readonly string[];
  /** `program:label` of the step that wrote it. */
  readonly step: string;
}

export interface RecordedStep {
  /** Everything the transition touched. */
  readonly fp: Footprint;
  /** The first step (with the enabledness of the action) and each chained local step. */
  readonly segments: readonly RecordedSegment[];
  /** Every recorded write of the transition, with the locks held, in effect, as it was made (model/mm/footprint/chainedReads.ts). */
  readonly writes: readonly HeldWrite[];
  /** The successor, built on the copy (for the differential check against runStep). */
  readonly next: MmState;
}

export function runStepRecorded(reg: ProgramRegistry, s: MmState, tid: number, outcome: number): RecordedStep {
  // the step runs on copies of what it reaches (recordingProxy.ts Copying: as on a deep copy, without copying the rest)
  const { rec, root: d, plain: copy } = Recorder.copyOnAccess(s);
  const segments: RecordedSegment[] = [];
  const writes: HeldWrite[] = [];
  /** The locks thread tid holds now, read on the plain copy (nothing recorded), and its exit_mmap and walk claims (chainedReads.ts). */
  const heldNow = (): readonly string[] => [...copy.threads[tid]!.held, ...exitMmapClaims(copy.threads[tid]!), ...foreignWalkClaims(copy, tid)];
  /** The locks found free so far in this atomic transition (a guard's canTake, a trylock inside one step): held for it, in effect. */
  const granted: string[] = [];
  let step = '';
  rec.onWrite = (path) => writes.push({ path, held: [...heldNow(), ...granted], step });
  const outerGranted = watchGranted(granted);
  try {
    rec.run(() => {
      const t = d.threads[tid];
      if (!t) throw new ModelError(`no thread ${tid}`);
      const first = currentStep(reg, t);
      if (!first) throw new ModelError(`thread ${s.cfg.threads[tid]?.name ?? tid} has ended`);
      if (outcome >= enabledOutcomes(reg, d, tid)) throw new ModelError(`${s.cfg.threads[tid]!.name}: outcome ${outcome} is not enabled`);
      step = `${first.prog.name}:${first.step.label}`;
      let local = first.step.local === true;
      let held = heldNow();
      let before = standing(reg, copy, tid, rec);
      /** Closes the running segment (the section standing it changed counts as a write). */
      const close = (): void => {
        const after = standing(reg, copy, tid, rec);
        if (after !== before) {
          if (before !== undefined) rec.write(`sections${SEP}${before}`);
          if (after !== undefined) rec.write(`sections${SEP}${after}`);
        }
        before = after;
        segments.push({ step, local, fp: rec.cut(), held });
        held = heldNow();
      };
      stepBody(reg, d, tid, outcome, first, (label) => {
        close();
        step = label;
        local = true;
      });
      close();
    });
  } finally {
    watchGranted(outerGranted);
  }
  const fp = emptyFootprint();
  for (const g of segments) addFootprint(fp, g.fp);
  return { fp, segments, writes, next: copy };
}

/** The lock of the section step the thread stands at, read without recording. */
function standing(reg: ProgramRegistry, s: MmState, tid: number, rec: Recorder): string | undefined {
  rec.paused++;
  try {
    return sectionOf(reg, s, s.threads[tid]!, tid, false);
  } finally {
    rec.paused--;
  }
}

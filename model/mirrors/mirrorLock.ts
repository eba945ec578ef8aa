/** The lock names of mirror `m` (by its scenario name), e.g. `kvm0.mmu_lock`, and its device entries. */
import { ModelError } from '../../src/engine/Model.js';
import { LockName } from '../mm/locks.js';
import type { MmState, Scalar } from '../mm/MmState.js';
import type { DeepMutable } from '../mm/mutate.js';
import type { MirrorEntry } from './MirrorKind.js';
import { anyMirror } from './mirrorState.js';

export const mirrorName = (s: MmState, m: number): string => s.cfg.mirrors[m]!.name;

/** What a mirror lock is named from: a step's view or context whose local `m` is the mirror (a typed View, or the untyped StepView of a mutant). */
export interface MirrorLocals {
  readonly s: MmState;
  readonly l: { readonly m?: Scalar };
}

/** A lock function for steps: the lock `lock` of the mirror in local `m`. */
export const mirrorLock =
  (lock: string) =>
  (v: MirrorLocals): string => {
    const m = v.l.m;
    if (typeof m !== 'number') throw new ModelError(`mirror lock ${lock}: local m is ${String(m)}, not a mirror`);
    return LockName.mirror(mirrorName(v.s, m), lock);
  };

const entriesOf = (s: MmState, m: number): DeepMutable<MirrorEntry | null>[] => anyMirror.draft(s, m).entries;

/** Drops the mirror's entries in [start, end). */
export function dropEntries(s: MmState, m: number, start: number, end: number): void {
  const e = entriesOf(s, m);
  for (let a = Math.max(0, start); a < Math.min(end, e.length); a++) if (e[a] !== null) e[a] = null;
}

/** Installs a device entry for addr pointing at frame (recording the frame's generation). */
export function setEntry(s: MmState, m: number, addr: number, frame: number, write: boolean): void {
  entriesOf(s, m)[addr] = { frame, gen: s.frames[frame]!.gen, write };
}

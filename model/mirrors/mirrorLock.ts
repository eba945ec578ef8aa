/** The lock names of mirror `m` (by its scenario name), e.g. `kvm0.mmu_lock`. */
import { LockName } from '../mm/locks.js';
import type { MmState } from '../mm/MmState.js';
import type { StepView } from '../mm/step/Program.js';
import type { MirrorBase, MirrorEntry } from './MirrorKind.js';

export const mirrorName = (s: MmState, m: number): string => s.cfg.mirrors[m]!.name;

/** A lock function for steps: the lock `lock` of the mirror in local `m`. */
export const mirrorLock =
  (lock: string) =>
  (v: StepView): string =>
    LockName.mirror(mirrorName(v.s, v.l['m'] as number), lock);

/** The mirror state `m` (draft) cast to its kind's type. */
export const mirrorOf = <T extends MirrorBase>(s: MmState, m: number): T => s.mirrors[m] as unknown as T;

/** Drops the mirror's entries in [start, end). */
export function dropEntries(s: MmState, m: number, start: number, end: number): void {
  const e = mirrorOf(s, m).entries as (MirrorEntry | null)[];
  for (let a = Math.max(0, start); a < Math.min(end, e.length); a++) if (e[a] !== null) e[a] = null;
}

/** Installs a device entry for addr pointing at frame (recording the frame's generation). */
export function setEntry(s: MmState, m: number, addr: number, frame: number, write: boolean): void {
  (mirrorOf(s, m).entries as (MirrorEntry | null)[])[addr] = { frame, gen: s.frames[frame]!.gen, write };
}

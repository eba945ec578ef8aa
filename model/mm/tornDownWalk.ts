/**
 * A device fault that walks an mm exit_mmap is tearing down: from its
 * munlock loop on, mm/mmap.c:exit_mmap (v5.0) unmaps every page and frees
 * the page tables and the vmas with no lock held (Mm.tearingDown). A
 * device that is no task of the mm and holds no mm_users reference of its
 * own (HMM before v5.3: no mmget for a range), and whose ->release did not
 * wait for it, can still be inside, or enter, its walk of the CPU page
 * tables then: a use after free. (An OOM victim's exit_mmap takes and
 * drops mmap_sem for write before the teardown, which waits for the walks
 * that hold it for read; a walk that takes it afterwards is inside.)
 *
 * What the thread does next is undefined, and the model does not follow
 * it: its step (always enabled: its guard may read a freed table) leaves
 * the state as it was (runStep.ts), and walk-holds-mm-users (properties/)
 * judges that step.
 *
 * A walk: a call stack holding `handle_mm_fault` or `get_user_pages`
 * (each of their steps reads or writes the page tables or the vma), or an
 * HMM fault on top about to walk (model/mirrors/hmmWalkSteps.ts). KVM's
 * vCPUs and amdgpu's submissions are tasks of the mm (exit waits for them:
 * mmTasks.ts TASK_MIRRORS).
 *
 * The CPU side's walkers from outside the process (ksmd, khugepaged,
 * clear_refs, a uprobe's registration: model/sites/foreignWalks.ts) are
 * judged the same way at the steps of theirs that walk: each must have
 * backed out (an exit test under mmap_sem) or hold a reference. Not when
 * its own last mmput runs exit_mmap (an exit_mmap frame on its stack): the
 * teardown is then its own.
 */
import { HMM_WALK_STEPS } from '../mirrors/hmmWalkSteps.js';
import type { MmState } from './MmState.js';
import { FOREIGN_WALKS } from '../sites/foreignWalks.js';
import { DEVICE_ACCESS, EXIT_MMAP, TASK_MIRRORS } from './mmTasks.js';

/** Programs whose every step walks the mm's vmas or page tables (their callees run above them on the stack). */
const WALK_PROGRAMS: ReadonlySet<string> = new Set(['handle_mm_fault', 'get_user_pages']);

/**
 * `prog:label` of the walk thread `tid` is in on an mm exit_mmap is
 * tearing down, else undefined. runStep.ts asks this for every thread
 * in every state: the mm's mark is read first (under --por a read that
 * only the exit's first teardown step writes), the frames only then.
 * The task mirrors' devices (KVM's vCPUs, amdgpu's submissions) are left
 * out: they are tasks of the mm, and exit_mmap waits for them.
 */
export function tornDownWalk(s: MmState, tid: number): string | undefined {
  const cfg = s.cfg.threads[tid]!;
  if (cfg.op !== DEVICE_ACCESS) return foreignWalk(s, tid);
  const m = cfg.args['m'] as number;
  const mirror = s.cfg.mirrors[m];
  if (mirror === undefined || TASK_MIRRORS.has(mirror.kind) || s.mms[mirror.mm]?.tearingDown !== true) return undefined;
  const frames = s.threads[tid]!.frames;
  const top = frames[frames.length - 1];
  if (top !== undefined && HMM_WALK_STEPS.some((w) => w.prog === top.prog && w.label === top.pc && w.walks(s, m, tid))) return `${top.prog}:${top.pc}`;
  for (const f of frames) if (WALK_PROGRAMS.has(f.prog)) return `${f.prog}:${f.pc}`;
  return undefined;
}

/** The same for a walker from outside the process (FOREIGN_WALKS): its walk's `prog:label` in its torn-down mm, else undefined. */
function foreignWalk(s: MmState, tid: number): string | undefined {
  const cfg = s.cfg.threads[tid]!;
  if (!FOREIGN_WALKS.has(cfg.op) || s.mms[cfg.args['mm'] as number]?.tearingDown !== true) return undefined;
  return foreignWalkAt(s, tid);
}

/**
 * `prog:label` of the walk that thread `tid`, a walker from outside the
 * process (FOREIGN_WALKS), stands at, whether its mm is torn down or not;
 * else undefined. Not when an exit_mmap frame is on its stack (its own
 * last mmput: the teardown is then its own).
 */
export function foreignWalkAt(s: MmState, tid: number): string | undefined {
  const op = s.cfg.threads[tid]!.op;
  const w = FOREIGN_WALKS.get(op);
  if (w === undefined) return undefined;
  const frames = s.threads[tid]!.frames;
  let found: string | undefined;
  for (const f of frames) {
    // (read during a write: a frame being popped may already be gone)
    if (f === undefined) continue;
    if (f.prog === EXIT_MMAP) return undefined;
    if (found === undefined && w.programs.has(f.prog)) found = `${f.prog}:${f.pc}`;
  }
  const top = frames[frames.length - 1];
  if (found === undefined && top !== undefined && top.prog === op && w.steps.has(top.pc)) found = `${top.prog}:${top.pc}`;
  return found;
}

/** The mm thread `tid` walks: its mirror's (a device access), else its `mm` argument. */
export function walkedMm(s: MmState, tid: number): number {
  const cfg = s.cfg.threads[tid]!;
  return cfg.op === DEVICE_ACCESS ? s.cfg.mirrors[cfg.args['m'] as number]!.mm : (cfg.args['mm'] as number);
}

/** Whether thread `tid` stands at such a walk: its step is the use after free (always enabled, it changes nothing). */
export function atTornDownWalk(s: MmState, tid: number): boolean {
  return tornDownWalk(s, tid) !== undefined;
}

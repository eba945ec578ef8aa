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
 */
import { HMM_WALK_STEPS } from '../mirrors/hmmWalkSteps.js';
import type { MmState } from './MmState.js';
import { DEVICE_ACCESS, TASK_MIRRORS } from './mmTasks.js';

/** Programs whose every step walks the mm's vmas or page tables (their callees run above them on the stack). */
const WALK_PROGRAMS: ReadonlySet<string> = new Set(['handle_mm_fault', 'get_user_pages']);

/**
 * `prog:label` of the walk device thread `tid` is in on an mm exit_mmap is
 * tearing down, else undefined. runStep.ts asks this for every device
 * thread in every state: the mm's mark is read first (under --por a read
 * that only the exit's first teardown step writes), the frames only then.
 * The task mirrors' devices (KVM's vCPUs, amdgpu's submissions) are left
 * out: they are tasks of the mm, and exit_mmap waits for them.
 */
export function tornDownWalk(s: MmState, tid: number): string | undefined {
  const cfg = s.cfg.threads[tid]!;
  if (cfg.op !== DEVICE_ACCESS) return undefined;
  const m = cfg.args['m'] as number;
  const mirror = s.cfg.mirrors[m];
  if (mirror === undefined || TASK_MIRRORS.has(mirror.kind) || s.mms[mirror.mm]?.tearingDown !== true) return undefined;
  const frames = s.threads[tid]!.frames;
  const top = frames[frames.length - 1];
  if (top !== undefined && HMM_WALK_STEPS.some((w) => w.prog === top.prog && w.label === top.pc && w.walks(s, m, tid))) return `${top.prog}:${top.pc}`;
  for (const f of frames) if (WALK_PROGRAMS.has(f.prog)) return `${f.prog}:${f.pc}`;
  return undefined;
}

/** Whether thread `tid` stands at such a walk: its step is the use after free (always enabled, it changes nothing). */
export function atTornDownWalk(s: MmState, tid: number): boolean {
  return tornDownWalk(s, tid) !== undefined;
}

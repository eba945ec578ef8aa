/**
 * The threads of a scenario that run as tasks of an mm: a CPU access by
 * that mm's process (`cpu_access` {mm}), and a KVM guest access (a vCPU is
 * a thread of the VM's process: `device_access` through a KVM mirror of that
 * mm). Each such task holds a reference on mm_users (task->mm), so exit's
 * last mmput, and with it exit_mmap, comes only after every one of them has
 * left the mm (kernel/exit.c:exit_mm -> mmput; kernel/fork.c:mmput). Other
 * mirrors' devices are not tasks; the model's site operations are not
 * counted here (their threads are not told apart from kernel threads).
 */
import type { MmState } from './MmState.js';

export const CPU_ACCESS = 'cpu_access';
export const DEVICE_ACCESS = 'device_access';
/** The exit's program (exit_mmap -> mmu_notifier_release), whose first step waits for the tasks. */
export const EXIT_RELEASE = 'mmu_notifier_release';
/** The exit operation (model/sites/exitMmap.ts), which calls EXIT_RELEASE first. */
export const EXIT_MMAP = 'exit_mmap';
/** The operations that run EXIT_RELEASE. */
export const EXIT_OPS: ReadonlySet<string> = new Set([EXIT_RELEASE, EXIT_MMAP]);

/** Whether a task of `mm` (see above) has not ended yet: exit's mmput cannot have dropped mm_users to 0. */
export function taskOfMmRunning(s: MmState, mm: number): boolean {
  const ts = s.cfg.threads;
  for (let i = 0; i < ts.length; i++) {
    if (s.threads[i]!.frames.length === 0) continue;
    const c = ts[i]!;
    if (c.op === CPU_ACCESS && c.args['mm'] === mm) return true;
    if (c.op === DEVICE_ACCESS) {
      const m = s.cfg.mirrors[c.args['m'] as number];
      if (m !== undefined && m.kind === 'kvm' && m.mm === mm) return true;
    }
  }
  return false;
}

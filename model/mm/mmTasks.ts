/**
 * The threads of a scenario that run as tasks of an mm: a CPU access by
 * that mm's process (`cpu_access` {mm}), a device access through a mirror
 * whose accesses the process itself drives (TASK_MIRRORS: a KVM guest's
 * vCPU, amdgpu's command submission), and the system calls and faults the
 * process makes on its own address space (TASK_OPS). Each such task holds
 * a reference on mm_users (task->mm), so exit's last mmput, and with it
 * exit_mmap, comes only after every one of them has left the mm
 * (kernel/exit.c:exit_mm -> mmput; kernel/fork.c:mmput).
 * Other mirrors' devices are not tasks (a driver that faults the mm takes a
 * reference of its own: model/mm/mmUsers.ts). Nor are the operations that
 * reach an mm from outside its process: the rmap walkers (reclaim,
 * migration, writeback, truncate), the oom reaper (mmgrab only), ksmd and
 * khugepaged (their own exit handshakes: __mmput's ksm_exit and
 * khugepaged_exit, model/sites/mmputExits.ts), and the callers that take a
 * reference only while mm_users is not 0 (clear_refs' get_task_mm, a
 * uprobe registration's mmget_not_zero): model/sites/foreignWalks.ts.
 */
import type { MmState } from './MmState.js';

export const CPU_ACCESS = 'cpu_access';
export const DEVICE_ACCESS = 'device_access';
/** The exit's program (exit_mmap -> mmu_notifier_release), whose first step waits for the tasks. */
export const EXIT_RELEASE = 'mmu_notifier_release';
/** The exit operation (model/sites/exitMmap.ts), which calls EXIT_RELEASE first. */
export const EXIT_MMAP = 'exit_mmap';
/** ksmd's merge of a page (model/sites/ksmCmpAndMergePage.ts): {mm, addr, kmm, kaddr}. */
export const KSMD_OP = 'ksm_cmp_and_merge_page';
/** khugepaged's collapse (model/sites/collapseHugePage.ts): {mm, addr}. */
export const KHUGEPAGED_OP = 'khugepaged_collapse';
/** The operations that run EXIT_RELEASE. */
export const EXIT_OPS: ReadonlySet<string> = new Set([EXIT_RELEASE, EXIT_MMAP]);

/**
 * Mirror kinds whose device accesses run in a task of the mirrored mm.
 * KVM: a vCPU is a thread of the VM's process
 * (virt/kvm/kvm_main.c:kvm_vcpu_ioctl returns -EIO when `vcpu->kvm->mm !=
 * current->mm`). amdgpu: the userptr fault is the command submission,
 * amdgpu_cs_ioctl from the process that created the BO
 * (drivers/gpu/drm/amd/amdgpu/amdgpu_cs.c:amdgpu_cs_list_validate: `if
 * (usermm && usermm != current->mm) return -EPERM;`). The GPU job that the
 * submission queues can outlive the process, on the pages its BO pins; the
 * model's device thread is one thread for both, so exit waits for the job
 * too.
 */
export const TASK_MIRRORS: ReadonlySet<string> = new Set(['kvm', 'gpu']);

/**
 * The operations a process runs on its own mm ({mm}, or {vma} of that mm):
 * system calls (madvise, munmap, mremap, mprotect, fork: the parent's mm)
 * and page faults.
 */
export const TASK_OPS: ReadonlySet<string> = new Set([
  CPU_ACCESS,
  'do_user_addr_fault',
  'madvise_dontneed',
  'madvise_free',
  'munmap',
  'mremap',
  'mprotect',
  'mprotect_hugetlb',
  'fork',
  'fork_hugetlb',
]);

/**
 * Whether the scenario has a thread of operation `op` whose arguments `has`
 * accepts (its configuration: what a kernel object was set up with, e.g. an
 * mm_slot of ksmd's, a BO's flags, not where the thread is now).
 */
export function scenarioHasThread(s: MmState, op: string, has: (args: Readonly<Record<string, unknown>>) => boolean): boolean {
  for (const t of s.cfg.threads) if (t.op === op && has(t.args)) return true;
  return false;
}

/** The mm a TASK_OPS thread's arguments name: `mm`, or the mm of `vma` (a vma keeps its mm). */
function taskMm(s: MmState, args: Readonly<Record<string, unknown>>): unknown {
  if (args['mm'] !== undefined) return args['mm'];
  const vma = args['vma'];
  return typeof vma === 'number' ? s.vmas[vma]?.mm : undefined;
}

/** Whether a task of `mm` (see above) has not ended yet: exit's mmput cannot have dropped mm_users to 0. */
export function taskOfMmRunning(s: MmState, mm: number): boolean {
  const ts = s.cfg.threads;
  for (let i = 0; i < ts.length; i++) {
    if (s.threads[i]!.frames.length === 0) continue;
    const c = ts[i]!;
    if (TASK_OPS.has(c.op) && taskMm(s, c.args) === mm) return true;
    if (c.op === DEVICE_ACCESS) {
      const m = s.cfg.mirrors[c.args['m'] as number];
      if (m !== undefined && TASK_MIRRORS.has(m.kind) && m.mm === mm) return true;
    }
  }
  return false;
}

/**
 * The fault shape shared by the seq/count mirrors (KVM, RDMA ODP, the
 * event-aware mirror): snapshot the sequence number, pin the page with gup
 * (no mirror lock held), take the mirror lock, install the entry only when
 * no invalidation ran or runs (count == 0 && seq == snapshot), else release
 * the page and fault again; put the page after installing.
 */
import { getUserPages } from '../mm/fault/faultPrograms.js';
import type { MmState } from '../mm/MmState.js';
import { getPage, putPage } from '../mm/frames.js';
import { translate } from '../mm/pageTable.js';
import { EFAULT, EINTR, EINVAL } from '../mm/errno.js';
import { DONE, defineProgram, type Ctx, type TypedProgram, type View } from '../mm/step/defineProgram.js';
import type { FaultArgs } from './callbackArgs.js';
import { setEntry } from './mirrorLock.js';
import type { MirrorBase } from './MirrorKind.js';
import { mirrorState } from './mirrorState.js';
import { mmgetNotZero, mmputLast } from '../mm/mmUsers.js';
import { exitMmap } from '../sites/exitMmap.js';

/** The fields a seq/count mirror keeps. */
export type SeqMirror = MirrorBase & {
  readonly count: number;
  readonly seq: number;
};

const locals = (a: FaultArgs) => ({ m: a.m, addr: a.addr, write: a.write ?? false, mmu_seq: 0, pfn: -1, writable: false, err: 0 });
export type RetryFaultLocals = ReturnType<typeof locals>;

export interface RetryFaultSpec {
  readonly kind: string;
  /** The mirror lock taken for the retry check (step guard). */
  readonly lock: (v: View<RetryFaultLocals>) => string;
  /** Labels and `file:function` of the three kernel places. */
  readonly snapshot: { readonly label: string; readonly at: string };
  readonly check: { readonly label: string; readonly at: string };
  readonly release: { readonly label: string; readonly at: string };
  /**
   * KVM's hva_to_pfn (virt/kvm/kvm_main.c): first a lockless
   * __get_user_pages_fast for a writable page (no mmap_sem), then the slow
   * get_user_pages; a read fault is mapped writable when a fast write gup
   * succeeds ("map read fault as writable if possible").
   */
  readonly hvaToPfn?: boolean;
  /**
   * Where a retry meets a pending signal and the fault ends instead (KVM:
   * RET_PF_RETRY goes back to arch/x86/kvm/x86.c:vcpu_run, which leaves with
   * -EINTR when signal_pending(current)). Without it a retry always faults again.
   */
  readonly signalExit?: { readonly label: string; readonly at: string };
  /**
   * Where the driver, told to retry, gives up instead when `when` holds of
   * the mirror's state, returning `err` (RDMA ODP: mlx5 pagefault_mr fails
   * with -EFAULT on a dying umem). Judged in the retry step, after the page is
   * released: the flag it reads is set once and never cleared, so reading it
   * there rather than in a step of its own only moves a give-up one retry
   * earlier, never changes whether the fault gives up.
   */
  readonly giveUp?: { readonly at: string; readonly when: (s: MmState, m: number) => boolean; readonly err: number };
  /**
   * Where the fault takes a reference on the mm first and fails with -EINVAL
   * when mm_users is already 0 (RDMA ODP v5.0 ib_umem_odp_map_dma_pages:
   * `if (!owning_process || !mmget_not_zero(owning_mm)) { ret = -EINVAL; goto
   * out_put_task; }`), i.e. once exit_mmap has started. Judged in the snapshot
   * step, right after the snapshot (local, so the two as one step lose no
   * outcome). The reference is dropped where that function returns, after
   * get_user_pages and before the driver's own retry check under the mirror
   * lock, which installs the device's entry (mlx5 pagefault_mr:
   * ib_umem_odp_map_dma_pages, then `mutex_lock(&umem_mutex); if
   * (!ib_umem_mmu_notifier_retry(...)) mlx5_ib_update_xlt(...)`): the `pfn`
   * step, then not local. An exit between the two can release the mirror
   * before the check. The mmput that drops the last reference runs exit_mmap
   * in the fault's thread (model/mm/mmUsers.ts), and the fault goes on.
   */
  readonly mmget?: { readonly at: string };
}

/** After get_user_pages: the pinned frame into local `pfn`, or the fault fails with -EFAULT. */
export function gupResult(c: Ctx<{ pfn: number }>): typeof DONE | undefined {
  const pfn = typeof c.t.rv === 'number' ? c.t.rv : -1;
  c.l.pfn = pfn;
  if (pfn < 0) {
    c.ret(EFAULT);
    return DONE;
  }
  return undefined;
}

/**
 * mm/gup.c:__get_user_pages_fast for one page with write = 1: a lockless walk
 * (interrupts off, no mmap_sem, no PTE lock) that pins the page of a present,
 * writable PTE or huge PMD (page_cache_get_speculative, then the PTE is
 * re-read unchanged: one step). Returns the frame, or -1.
 */
export function gupFastWrite(c: Ctx<{ m: number; addr: number }>): number {
  const t = translate(c.s, c.s.mirrors[c.l.m]!.mm, c.l.addr);
  if (t === null || !t.write) return -1;
  getPage(c.s, t.frame);
  return t.frame;
}

/** `<kind>.fault` {m, addr, write} (labels and places from `spec`). */
export function retryFault(spec: RetryFaultSpec): TypedProgram<FaultArgs> {
  const seq = mirrorState<SeqMirror>(spec.kind);
  const { snapshot, check, release, signalExit } = spec;
  const retry = `${release.label} (retry)`;
  const mmOf = (c: Ctx<RetryFaultLocals>): number => c.s.mirrors[c.l.m]!.mm;
  /** After a failed gup's exit_mmap (spec.mmget): the fault returns its error (exit_mmap's calls wrote rv). */
  const ret = 'return err';
  const gup = (c: Ctx<RetryFaultLocals>) => c.call(getUserPages, { mm: c.s.mirrors[c.l.m]!.mm, addr: c.l.addr, write: c.l.write }, 'pfn');
  const file = snapshot.at.slice(0, snapshot.at.lastIndexOf(':'));
  return defineProgram({
    name: `${spec.kind}.fault`,
    file,
    params: ['m', 'addr', 'write'],
    locals,
    steps: ($) => [
      $.step(snapshot.label, {
        at: snapshot.at,
        run: (c) => {
          // mmu_seq = <mirror>->seq; smp_rmb(); then get_user_pages with no mirror lock held
          c.l.mmu_seq = seq.of(c.s, c.l.m).seq;
          c.l.writable = c.l.write;
          // spec.mmget.at: if (!mmget_not_zero(owning_mm)) { ret = -EINVAL; goto out_put_task; }
          if (spec.mmget && !mmgetNotZero(c.s, mmOf(c))) {
            c.ret(EINVAL);
            return DONE;
          }
          if (spec.hvaToPfn) return 'hva_to_pfn_fast';
          return gup(c);
        },
      }),
      // KVM's hva_to_pfn only (spec.hvaToPfn): the other faults call get_user_pages at once
      ...(spec.hvaToPfn
        ? [
            $.step('hva_to_pfn_fast', {
              at: 'virt/kvm/kvm_main.c:hva_to_pfn_fast',
              run: (c) => {
                // if (!(write_fault || writable)) return false; npages = __get_user_pages_fast(addr, 1, 1, page);
                // if (npages == 1) { *pfn = page_to_pfn(page[0]); if (writable) *writable = true; return true; }
                const f = gupFastWrite(c);
                if (f >= 0) {
                  c.l.pfn = f;
                  c.l.writable = true;
                  return check.label;
                }
                // hva_to_pfn_slow: get_user_pages_unlocked(addr, 1, &page, flags)
                return gup(c);
              },
            }),
          ]
        : []),
      $.step('pfn', {
        at: snapshot.at,
        local: !spec.hvaToPfn && !spec.mmget,
        run: (c) => {
          const next = gupResult(c);
          // spec.mmget.at: mmput(owning_mm); return (the error of a failed gup, else the pages mapped)
          if (spec.mmget && mmputLast(c.s, mmOf(c))) {
            if (next !== DONE) return c.call(exitMmap, { mm: mmOf(c), put: false }, check.label);
            c.l.err = c.t.rv as number;
            return c.call(exitMmap, { mm: mmOf(c), put: false }, ret);
          }
          if (next === DONE || !spec.hvaToPfn || c.l.write) return next;
          // hva_to_pfn_slow: /* map read fault as writable if possible */ if (unlikely(!write_fault) && writable) {
          // if (__get_user_pages_fast(addr, 1, 1, wpage) == 1) { *writable = true; put_page(page); page = wpage[0]; } }
          const f = gupFastWrite(c);
          if (f >= 0) {
            putPage(c.s, c.l.pfn);
            c.l.pfn = f;
            c.l.writable = true;
          }
          return undefined;
        },
      }),
      $.section(
        check.label,
        spec.lock,
        (c) => {
          // lock; if (count != 0 || seq != mmu_seq) goto out_unlock (retry); install the entry; unlock
          const k = seq.of(c.s, c.l.m);
          if (k.count !== 0 || k.seq !== c.l.mmu_seq) return retry;
          setEntry(c.s, c.l.m, c.l.addr, c.l.pfn, c.l.writable);
          return release.label;
        },
        { at: check.at },
      ),
      $.step(release.label, {
        at: release.at,
        run: (c) => {
          putPage(c.s, c.l.pfn);
          c.ret(0);
          return DONE;
        },
      }),
      $.step(retry, {
        at: release.at,
        run: (c) => {
          // the page is released and the fault starts again
          putPage(c.s, c.l.pfn);
          c.l.pfn = -1;
          // spec.giveUp.at: the driver's fault handler gives up (see RetryFaultSpec.giveUp)
          if (spec.giveUp?.when(c.s, c.l.m)) {
            c.ret(spec.giveUp.err);
            return DONE;
          }
          return signalExit?.label ?? snapshot.label;
        },
      }),
      // after a failed gup whose mmput ran exit_mmap: the fault's own error again
      ...(spec.mmget
        ? [
            $.local(ret, (c) => {
              c.ret(c.l.err);
              return DONE;
            }),
          ]
        : []),
      ...(signalExit
        ? [
            $.local(
              signalExit.label,
              (c) => {
                // if (signal_pending(current)) { r = -EINTR; vcpu->run->exit_reason = KVM_EXIT_INTR; break; }  else enter the guest again, which faults again
                if (!c.cfg.fatalSignal) return snapshot.label;
                c.ret(EINTR);
                return DONE;
              },
              signalExit.at,
            ),
          ]
        : []),
    ],
  });
}

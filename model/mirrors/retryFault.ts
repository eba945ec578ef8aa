/**
 * The fault shape shared by the seq/count mirrors (KVM, RDMA ODP, the
 * event-aware mirror): snapshot the sequence number, pin the page with gup
 * (no mirror lock held), take the mirror lock, install the entry only when
 * no invalidation ran or runs (count == 0 && seq == snapshot), else release
 * the page and fault again; put the page after installing.
 */
import { getPage, putPage } from '../mm/frames.js';
import { translate } from '../mm/pageTable.js';
import type { MmState } from '../mm/MmState.js';
import type { Next, Program, StepView } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { DONE } from '../mm/step/Program.js';
import { sectionStep } from '../mm/step/steps.js';
import { mirrorOf, setEntry } from './mirrorLock.js';
import type { MirrorBase } from './MirrorKind.js';

/** The fields a seq/count mirror keeps. */
export interface SeqMirror extends MirrorBase {
  readonly count: number;
  readonly seq: number;
}

export interface RetryFaultSpec {
  readonly kind: string;
  /** The mirror lock taken for the retry check (step guard). */
  readonly lock: (v: StepView) => string;
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
}

const seqOf = (s: MmState, m: number): SeqMirror => mirrorOf<SeqMirror>(s, m);

/** After get_user_pages: the pinned frame into local `pfn`, or the fault fails with -EFAULT. */
export function gupResult(c: StepCtx): Next {
  const pfn = typeof c.t.rv === 'number' ? c.t.rv : -1;
  c.l['pfn'] = pfn;
  if (pfn < 0) {
    c.ret(-14);
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
export function gupFastWrite(c: StepCtx): number {
  const t = translate(c.s, c.s.mirrors[c.n('m')]!.mm, c.n('addr'));
  if (t === null || !t.write) return -1;
  getPage(c.s, t.frame);
  return t.frame;
}

export function retryFault(spec: RetryFaultSpec): Program {
  return {
    name: `${spec.kind}.fault`,
    params: ['m', 'addr', 'write'],
    locals: (a) => ({ m: a['m'] ?? null, addr: a['addr'] ?? null, write: a['write'] ?? false, mmu_seq: 0, pfn: -1, writable: false }),
    steps: [
      {
        label: spec.snapshot.label,
        at: spec.snapshot.at,
        run: (c) => {
          // mmu_seq = <mirror>->seq; smp_rmb(); then get_user_pages with no mirror lock held
          c.l['mmu_seq'] = seqOf(c.s, c.n('m')).seq;
          c.l['writable'] = c.l['write'] ?? false;
          if (spec.hvaToPfn) return 'hva_to_pfn_fast';
          return c.call('get_user_pages', { mm: c.s.mirrors[c.n('m')]!.mm, addr: c.n('addr'), write: c.l['write'] ?? false }, 'pfn');
        },
      },
      {
        label: 'hva_to_pfn_fast',
        at: 'virt/kvm/kvm_main.c:hva_to_pfn_fast',
        run: (c) => {
          // if (!(write_fault || writable)) return false; npages = __get_user_pages_fast(addr, 1, 1, page); if (npages == 1) { *pfn = page_to_pfn(page[0]); if (writable) *writable = true; return true; }
          const f = gupFastWrite(c);
          if (f >= 0) {
            c.l['pfn'] = f;
            c.l['writable'] = true;
            return spec.check.label;
          }
          // hva_to_pfn_slow: get_user_pages_unlocked(addr, 1, &page, flags)
          return c.call('get_user_pages', { mm: c.s.mirrors[c.n('m')]!.mm, addr: c.n('addr'), write: c.l['write'] ?? false }, 'pfn');
        },
      },
      {
        label: 'pfn',
        at: spec.snapshot.at,
        run: (c) => {
          const next = gupResult(c);
          if (next === DONE || !spec.hvaToPfn || c.l['write'] === true) return next;
          // hva_to_pfn_slow: /* map read fault as writable if possible */ if (unlikely(!write_fault) && writable) { if (__get_user_pages_fast(addr, 1, 1, wpage) == 1) { *writable = true; put_page(page); page = wpage[0]; } }
          const f = gupFastWrite(c);
          if (f >= 0) {
            putPage(c.s, c.n('pfn'));
            c.l['pfn'] = f;
            c.l['writable'] = true;
          }
          return undefined;
        },
        local: !spec.hvaToPfn,
      },
      sectionStep(spec.check.label, spec.check.at, spec.lock, (c) => {
        // lock; if (count != 0 || seq != mmu_seq) goto out_unlock (retry); install the entry; unlock
        const k = seqOf(c.s, c.n('m'));
        if (k.count !== 0 || k.seq !== c.n('mmu_seq')) return `${spec.release.label} (retry)`;
        setEntry(c.s, c.n('m'), c.n('addr'), c.n('pfn'), c.l['writable'] === true);
        return spec.release.label;
      }),
      {
        label: spec.release.label,
        at: spec.release.at,
        run: (c) => {
          putPage(c.s, c.n('pfn'));
          c.ret(0);
          return DONE;
        },
      },
      {
        label: `${spec.release.label} (retry)`,
        at: spec.release.at,
        run: (c) => {
          // the page is released and the fault starts again
          putPage(c.s, c.n('pfn'));
          c.l['pfn'] = -1;
          return spec.signalExit?.label ?? spec.snapshot.label;
        },
      },
      ...(spec.signalExit
        ? [
            {
              label: spec.signalExit.label,
              at: spec.signalExit.at,
              local: true,
              run: (c: StepCtx): Next => {
                // if (signal_pending(current)) { r = -EINTR; vcpu->run->exit_reason = KVM_EXIT_INTR; break; }  else enter the guest again, which faults again
                if (!c.cfg.fatalSignal) return spec.snapshot.label;
                c.ret(-4);
                return DONE;
              },
            },
          ]
        : []),
    ],
  };
}

/**
 * KVM (virt/kvm/kvm_main.c, arch/x86/kvm/mmu.c at v5.0): sptes under
 * kvm->mmu_lock, mmu_notifier_count and mmu_notifier_seq. The fault snapshots
 * seq, pins the page with gup (no lock held), takes mmu_lock and installs the
 * spte only when mmu_notifier_retry says no invalidation ran or runs.
 */
import { rangeOf } from '../mm/notifier/rangeInit.js';
import { DONE, defineProgram } from '../mm/step/defineProgram.js';
import { LockName } from '../mm/locks.js';
import { RANGE_PARAMS, type ChangePteArgs, rangeLocals } from './callbackArgs.js';
import type { MirrorKind } from './MirrorKind.js';
import type { SeqMirror } from './retryFault.js';
import { dropEntries, mirrorLock, setEntry } from './mirrorLock.js';
import { mirrorState } from './mirrorState.js';
import { retryFault } from './retryFault.js';
import { releaseProgram } from './releaseProgram.js';

/** `count` = kvm->mmu_notifier_count, `seq` = kvm->mmu_notifier_seq. */
export type KvmState = SeqMirror & {
  readonly kind: 'kvm';
};

const K = 'virt/kvm/kvm_main.c';
const X = 'arch/x86/kvm/mmu.c';
const lock = mirrorLock('mmu_lock');
const kvm = mirrorState<KvmState>('kvm');

const start = defineProgram({
  name: 'kvm.invalidate_range_start',
  file: K,
  params: RANGE_PARAMS,
  locals: rangeLocals,
  steps: ($) => [
    $.section(
      'kvm_unmap_hva_range',
      lock,
      (c) => {
        // spin_lock(&kvm->mmu_lock); kvm->mmu_notifier_count++; need_tlb_flush = kvm_unmap_hva_range(kvm, range->start, range->end);
        // if (need_tlb_flush) kvm_flush_remote_tlbs(kvm); spin_unlock(&kvm->mmu_lock);
        // ret = kvm_arch_mmu_notifier_invalidate_range(kvm, range->start, range->end, range->blockable);  -- 0 on x86
        const m = c.l.m;
        const x = rangeOf(c, c.l.r);
        kvm.draft(c.s, m).count += 1;
        dropEntries(c.s, m, x.start, x.end);
        c.ret(0);
        return DONE;
      },
      { at: 'kvm_mmu_notifier_invalidate_range_start' },
    ),
  ],
});

const end = defineProgram({
  name: 'kvm.invalidate_range_end',
  file: K,
  params: RANGE_PARAMS,
  locals: rangeLocals,
  steps: ($) => [
    $.section(
      'mmu_notifier_count--',
      lock,
      (c) => {
        // spin_lock(&kvm->mmu_lock); kvm->mmu_notifier_seq++; smp_wmb(); kvm->mmu_notifier_count--; spin_unlock(&kvm->mmu_lock);
        const k = kvm.draft(c.s, c.l.m);
        k.seq += 1;
        k.count -= 1;
        c.ret(0);
        return DONE;
      },
      { at: 'kvm_mmu_notifier_invalidate_range_end' },
    ),
  ],
});

const changePte = defineProgram({
  name: 'kvm.change_pte',
  file: K,
  params: ['m', 'addr', 'frame'],
  locals: (a: ChangePteArgs) => ({ m: a.m, addr: a.addr, frame: a.frame, write: a.write ?? false }),
  steps: ($) => [
    $.section(
      'kvm_set_spte_hva',
      lock,
      (c) => {
        // spin_lock(&kvm->mmu_lock); kvm->mmu_notifier_seq++; kvm_set_spte_hva(kvm, address, pte) -> x86 kvm_set_pte_rmapp:
        // a writable new pte drops the spte, else the spte points read-only at the new pfn; spin_unlock(&kvm->mmu_lock);
        const { m, addr } = c.l;
        const k = kvm.draft(c.s, m);
        k.seq += 1;
        if (k.entries[addr] !== null) {
          if (c.l.write) dropEntries(c.s, m, addr, addr + 1);
          else setEntry(c.s, m, addr, c.l.frame, false);
        }
        return DONE;
      },
      { at: 'kvm_mmu_notifier_change_pte' },
    ),
  ],
});

/**
 * arch/x86/kvm/mmu.c:tdp_page_fault: mmu_seq snapshot, try_async_pf -> hva_to_pfn (lockless gup-fast for a
 * writable page, else get_user_pages; a read fault is mapped writable when possible), mmu_lock,
 * mmu_notifier_retry, __direct_map (writable = map_writable), kvm_release_pfn_clean.
 */
const fault = retryFault({
  kind: 'kvm',
  lock,
  snapshot: { label: 'mmu_seq = kvm->mmu_notifier_seq', at: `${X}:tdp_page_fault` },
  check: { label: 'mmu_notifier_retry', at: `${X}:tdp_page_fault` },
  release: { label: 'kvm_release_pfn_clean', at: `${X}:tdp_page_fault` },
  hvaToPfn: true,
  signalExit: { label: 'signal_pending', at: 'arch/x86/kvm/x86.c:vcpu_run' },
});

export const kvmMirror: MirrorKind = {
  kind: 'kvm',
  description: 'KVM sptes with mmu_notifier_count/seq and the retrying tdp fault',
  source: 'virt/kvm/kvm_main.c, arch/x86/kvm/mmu.c',
  init: (cfg, pages): KvmState => ({ kind: 'kvm', mm: cfg.mm, entries: new Array(pages).fill(null), count: 0, seq: 0 }),
  locks: (cfg) => [LockName.mirror(cfg.name, 'mmu_lock')],
  programs: [
    // kvm_mmu_notifier_release: srcu_read_lock; kvm_arch_flush_shadow_all(kvm) (kvm_mmu_zap_all under mmu_lock)
    releaseProgram('kvm', 'kvm_arch_flush_shadow_all', `${K}:kvm_mmu_notifier_release`, lock),
    start,
    end,
    changePte,
    fault,
  ],
  describe: (m) => ({ count: kvm.from(m).count, seq: kvm.from(m).seq }),
  inFlight: (m) => kvm.from(m).count,
};

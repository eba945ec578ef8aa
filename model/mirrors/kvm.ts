/**
 * KVM (virt/kvm/kvm_main.c, arch/x86/kvm/mmu.c at v5.0): sptes under
 * kvm->mmu_lock, mmu_notifier_count and mmu_notifier_seq. The fault snapshots
 * seq, pins the page with gup (no lock held), takes mmu_lock and installs the
 * spte only when mmu_notifier_retry says no invalidation ran or runs.
 */
import type { MirrorState } from '../mm/MmState.js';
import { rangeOf } from '../mm/notifier/rangeInit.js';
import type { Program } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { sectionStep } from '../mm/step/steps.js';
import { LockName } from '../mm/locks.js';
import type { MirrorKind } from './MirrorKind.js';
import type { SeqMirror } from './retryFault.js';
import { dropEntries, mirrorLock, mirrorOf, setEntry } from './mirrorLock.js';
import { retryFault } from './retryFault.js';
import { releaseProgram } from './releaseProgram.js';

/** `count` = kvm->mmu_notifier_count, `seq` = kvm->mmu_notifier_seq. */
export interface KvmState extends SeqMirror {
  readonly kind: 'kvm';
}

const K = 'virt/kvm/kvm_main.c';
const X = 'arch/x86/kvm/mmu.c';
const lock = mirrorLock('mmu_lock');
const kvm = (s: Parameters<typeof mirrorOf>[0], m: number) => mirrorOf<KvmState>(s, m) as { -readonly [k in keyof KvmState]: KvmState[k] };

const start: Program = {
  name: 'kvm.invalidate_range_start',
  locals: (a) => ({ m: a['m'] ?? null, r: a['r'] ?? null }),
  steps: [
    sectionStep('kvm_unmap_hva_range', `${K}:kvm_mmu_notifier_invalidate_range_start`, lock, (c) => {
      // spin_lock(&kvm->mmu_lock); kvm->mmu_notifier_count++; need_tlb_flush = kvm_unmap_hva_range(kvm, range->start, range->end);
      // if (need_tlb_flush) kvm_flush_remote_tlbs(kvm); spin_unlock(&kvm->mmu_lock);
      // ret = kvm_arch_mmu_notifier_invalidate_range(kvm, range->start, range->end, range->blockable);  -- 0 on x86
      const m = c.n('m');
      const x = rangeOf(c, c.n('r'));
      kvm(c.s, m).count += 1;
      dropEntries(c.s, m, x.start, x.end);
      c.ret(0);
      return DONE;
    }),
  ],
};

const end: Program = {
  name: 'kvm.invalidate_range_end',
  locals: (a) => ({ m: a['m'] ?? null, r: a['r'] ?? null }),
  steps: [
    sectionStep('mmu_notifier_count--', `${K}:kvm_mmu_notifier_invalidate_range_end`, lock, (c) => {
      // spin_lock(&kvm->mmu_lock); kvm->mmu_notifier_seq++; smp_wmb(); kvm->mmu_notifier_count--; spin_unlock(&kvm->mmu_lock);
      const k = kvm(c.s, c.n('m'));
      k.seq += 1;
      k.count -= 1;
      c.ret(0);
      return DONE;
    }),
  ],
};

const changePte: Program = {
  name: 'kvm.change_pte',
  locals: (a) => ({ m: a['m'] ?? null, addr: a['addr'] ?? null, frame: a['frame'] ?? null, write: a['write'] ?? false }),
  steps: [
    sectionStep('kvm_set_spte_hva', `${K}:kvm_mmu_notifier_change_pte`, lock, (c) => {
      // spin_lock(&kvm->mmu_lock); kvm->mmu_notifier_seq++; kvm_set_spte_hva(kvm, address, pte) -> x86 kvm_set_pte_rmapp:
      // a writable new pte drops the spte, else the spte points read-only at the new pfn; spin_unlock(&kvm->mmu_lock);
      const m = c.n('m');
      const addr = c.n('addr');
      const k = kvm(c.s, m);
      k.seq += 1;
      if (k.entries[addr] !== null) {
        if (c.l['write'] === true) dropEntries(c.s, m, addr, addr + 1);
        else setEntry(c.s, m, addr, c.n('frame'), false);
      }
      return DONE;
    }),
  ],
};

/**
 * arch/x86/kvm/mmu.c:tdp_page_fault: mmu_seq snapshot, try_async_pf -> hva_to_pfn (lockless gup-fast for a
 * writable page, else get_user_pages; a read fault is mapped writable when possible), mmu_lock,
 * mmu_notifier_retry, __direct_map (writable = map_writable), kvm_release_pfn_clean.
 */
const fault: Program = retryFault({
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
    start, end, changePte, fault,
  ],
  describe: (m: MirrorState) => ({ count: (m as KvmState).count, seq: (m as KvmState).seq }),
  inFlight: (m: MirrorState) => (m as KvmState).count,
};

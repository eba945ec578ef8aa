/**
 * What the properties know of each mirror kind's fault loop: the program,
 * the local holding its sequence snapshot, the mirror field it snapshots,
 * and the label of its retry path (for the reach-fault-retry guard). A
 * retry is the fault frame going back to the program's first step (the
 * snapshot). test/properties checks these names against the registered
 * programs, so a renamed step fails loudly instead of going vacuous.
 */
import { MIRROR_KINDS } from '../model/mirrors/mirrorKinds.js';

export interface FaultRetry {
  readonly prog: string;
  readonly snapshot: string;
  readonly seq: string;
  readonly retryLabel: string;
}

export const FAULT_RETRIES: readonly FaultRetry[] = [
  // arch/x86/kvm/mmu.c:tdp_page_fault: mmu_seq = kvm->mmu_notifier_seq; ... if (mmu_notifier_retry(vcpu->kvm, mmu_seq)) goto out_unlock;
  { prog: 'kvm.fault', snapshot: 'mmu_seq', seq: 'seq', retryLabel: 'kvm_release_pfn_clean (retry)' },
  // drivers/infiniband/core/umem_odp.c:ib_umem_odp_map_dma_single_page: if (ib_umem_mmu_notifier_retry(umem_odp, current_seq)) ... -EAGAIN
  { prog: 'odp.fault', snapshot: 'mmu_seq', seq: 'seq', retryLabel: 'put_page (retry)' },
  // the event-aware mirror's fault has the same count/seq shape (model/mirrors/aware.ts)
  { prog: 'aware.fault', snapshot: 'mmu_seq', seq: 'seq', retryLabel: 'put_page (retry)' },
];

/** The first step's label of a mirror program (its snapshot step for a fault). */
export function firstLabel(prog: string): string | undefined {
  for (const k of MIRROR_KINDS) for (const p of k.programs) if (p.name === prog) return p.steps[0]?.label;
  return undefined;
}

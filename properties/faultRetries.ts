/**
 * Where each mirror kind's fault decides to retry, and what justifies it:
 * the program, the step that decides, the label it jumps to on retry, the
 * local holding its sequence snapshot and the mirror field it snapshots.
 */
export interface FaultRetry {
  readonly prog: string;
  readonly decide: string;
  readonly retry: string;
  readonly snapshot: string;
  readonly seq: string;
}

export const FAULT_RETRIES: readonly FaultRetry[] = [
  // arch/x86/kvm/mmu.c:tdp_page_fault: if (mmu_notifier_retry(vcpu->kvm, mmu_seq)) goto out_unlock;
  { prog: 'kvm.fault', decide: 'mmu_notifier_retry', retry: 'out_unlock_retry', snapshot: 'mmu_seq', seq: 'seq' },
];

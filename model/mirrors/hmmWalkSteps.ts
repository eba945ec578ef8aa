/**
 * The steps at which an HMM fault walks the CPU page tables of its mirror's
 * mm (hmmWalk.ts), for walk-holds-mm-users (properties/): v5.0's
 * hmm_vma_fault walk, and v5.2's hmm_range_fault, which walks only when
 * the hmm is not dead and the range is still valid (it returns -EFAULT or
 * -EAGAIN first otherwise). test/model/mirrors/hmmWalkSteps.test.ts checks
 * that each label is a step of its program.
 */
import type { MmState } from '../mm/MmState.js';
import { rangeOwned } from './hmmRanges.js';

export interface HmmWalkStep {
  readonly prog: string;
  readonly label: string;
  /** Whether thread `tid`, standing at the step with mirror `m`, walks when it runs it. */
  readonly walks: (s: MmState, m: number, tid: number) => boolean;
}

export const HMM_WALK_STEPS: readonly HmmWalkStep[] = [
  // hmm50.ts: hmm_vma_fault -> hmm_vma_walk_pmd -> hmm_vma_handle_pte (no validity test before the walk)
  { prog: 'hmm50.fault', label: 'hmm_vma_walk_pmd', walks: () => true },
  // hmm52.ts: if (hmm->mm == NULL || hmm->dead) return -EFAULT; if (!range->valid) return -EAGAIN; then find_vma and the walk
  {
    prog: 'hmm52.fault',
    label: 'hmm_range_fault',
    walks: (s, m, tid) => (s.mirrors[m] as { readonly dead?: boolean }).dead !== true && rangeOwned(s, m, tid)?.valid === true,
  },
];

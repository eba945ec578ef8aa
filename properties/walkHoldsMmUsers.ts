/**
 * walk-holds-mm-users (step): no device fault (nor a CPU walker from
 * outside the process, below) walks its mm (the CPU page
 * tables, find_vma, handle_mm_fault, get_user_pages) once the mm's
 * exit_mmap has begun its teardown, which unmaps every page and frees the
 * page tables and the vmas with no lock held (mm/mmap.c:exit_mmap, v5.0;
 * model/mm/tornDownWalk.ts says what a walk is). A driver that is no task
 * of the mm holds a reference of its own (mmget_not_zero, as RDMA ODP's
 * ib_umem_odp_map_dma_pages does), or its ->release waits for the faults
 * in flight and refuses new ones (AMD IOMMUv2's unbind_pasid:
 * `invalid = true; ... flush_workqueue(iommu_wq)`). Upstream states the
 * rule in v5.3's "mm/hmm: Hold on to the mmget for the lifetime of the
 * range": "hmm_range_snapshot() and hmm_range_fault() call find_vma, which
 * requires holding the mmget() and the mmap_sem for the mm". A walk that
 * ends before the teardown begins is not judged: ->release (or an OOM
 * victim's mmap_sem handshake) may have waited for it.
 *
 * The same holds on the CPU side for the walkers that reach an mm from
 * outside its process (model/sites/foreignWalks.ts): ksmd and khugepaged
 * test mm_users under mmap_sem before each walk and back out once it is 0
 * (ksm_test_exit, khugepaged_test_exit), and __mmput's ksm_exit and
 * khugepaged_exit take mmap_sem for write to wait for a walk already past
 * that test; clear_refs and a uprobe's registration hold a reference
 * (get_task_mm, mmget_not_zero) across their walk.
 *
 * Judged on the walker's own step in a torn-down mm: the model does not
 * follow it past there (the step leaves the state as it was, the same
 * object: model/mm/step/runStep.ts), and the judge reads only the mover, as
 * a step property under --por must (model/mm/footprint/threadFuture.ts).
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import { tornDownWalk, walkedMm } from '../model/mm/tornDownWalk.js';
import { moverStep } from './view/moverStep.js';
import { where } from './view/where.js';

export function walkHoldsMmUsers(): StepProperty<MmState, MmAction> {
  return moverStep(
    'walk-holds-mm-users',
    "no device fault, nor a walker from outside the process (ksmd, khugepaged, clear_refs, uprobe registration), walks its mm (page tables, find_vma, handle_mm_fault, get_user_pages) once exit_mmap's teardown has begun (mm_users 0, no reference held)",
    (prev, next, tid) => {
      // that step leaves the state as it was (the same object): the one test most transitions pay
      if (next !== prev) return undefined;
      const walk = tornDownWalk(prev, tid);
      if (walk === undefined) return undefined;
      const mm = walkedMm(prev, tid);
      return `${where(prev, { mm, tid })}${walk} walks mm${mm} while exit_mmap tears it down (no mm_users reference held): its page tables and vmas are freed under the walk`;
    },
  );
}

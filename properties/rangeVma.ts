/**
 * range-vma (step): when a start dispatch begins, a non-NULL range vma
 * belongs to the range's mm, is not freed (a vma munmap has detached but
 * not yet freed is still valid: unmap_region runs on detached vmas), and
 * contains [start, end). For a VM_MAYSHARE hugetlb vma the range may be
 * widened to PUD boundaries (mm/hugetlb.c:adjust_range_if_pmd_sharing_possible;
 * v5.0 keeps the widening inside the vma, later kernels align to the PUD).
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import { pudSize } from '../model/mm/Geometry.js';
import { changedRanges, moverStep } from './view/moverStep.js';
import { RANGES } from './view/stepParts.js';
import { showRange } from './view/ranges.js';
import { where } from './view/where.js';

export function rangeVma(): StepProperty<MmState, MmAction> {
  return moverStep(
    'range-vma',
    'a non-NULL range vma belongs to the range mm, is not freed, and contains the range (PMD-sharing widening allowed)',
    (prev, next, tid) => {
      for (const [p, n] of changedRanges(prev, next, tid)) {
        if (n.phase === 'init' || (p !== undefined && p.phase !== 'init') || n.vma === null) continue;
        const at = `${where(prev, { mm: n.mm, addr: n.start, tid, site: n.site })}range ${showRange(n)}: `;
        const v = next.vmas[n.vma];
        if (!v) return `${at}vma ${n.vma} does not exist`;
        if (v.mm !== n.mm) return `${at}vma ${v.id} belongs to mm${v.mm}, not to the range's mm${n.mm}`;
        if (!v.live) return `${at}vma ${v.id} is freed`;
        if (v.start <= n.start && n.end <= v.end) continue;
        const pud = pudSize(next.cfg.geometry);
        const widened = v.flags.mayshare && v.flags.hugetlb && Math.floor(v.start / pud) * pud <= n.start && n.end <= Math.ceil(v.end / pud) * pud;
        if (!widened) return `${at}vma ${v.id} [${v.start},${v.end}) does not contain the range`;
      }
      return undefined;
    },
    RANGES, // the mover's ranges unchanged: changedRanges is empty
  );
}

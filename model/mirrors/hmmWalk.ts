/**
 * The HMM page-table walk for one page (mm/hmm.c:hmm_vma_walk_pmd ->
 * hmm_vma_handle_pte, no PTE lock): a present, permitted PTE gives the pfn;
 * a hole faults it in with handle_mm_fault (then the caller walks again);
 * no vma or no permission is an error.
 */
import { handleMmFault } from '../mm/fault/handleMmFault.js';
import { translate } from '../mm/pageTable.js';
import type { Called, Ctx } from '../mm/step/defineProgram.js';
import { findVma, vmaOf } from '../mm/vmas.js';

/** The locals of an HMM fault program the walk reads (m, addr, write) and sets (pfn, pwrite). */
export interface HmmWalkLocals {
  m: number;
  addr: number;
  write: boolean;
  pfn: number;
  pwrite: boolean;
}

/** Returns `ok` with locals pfn/pwrite set, `error`, or a call of handle_mm_fault returning to `faulted`. */
export function hmmWalk<const O extends string, const E extends string, const F extends string>(
  c: Ctx<HmmWalkLocals>,
  labels: { ok: O; error: E; faulted: F },
): O | E | Called<F> {
  const mm = c.s.mirrors[c.l.m]!.mm;
  const addr = c.l.addr;
  const t = translate(c.s, mm, addr);
  const write = c.l.write;
  if (t === null || (write && !t.write)) {
    const vma = findVma(c.s, mm, addr);
    if (vma === null || vmaOf(c.s, vma).start > addr || (write && !vmaOf(c.s, vma).flags.write)) return labels.error;
    return c.call(handleMmFault, { vma, addr, write }, labels.faulted);
  }
  c.l.pfn = t.frame;
  c.l.pwrite = t.write && write;
  return labels.ok;
}

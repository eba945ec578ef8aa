/**
 * The HMM page-table walk for one page (mm/hmm.c:hmm_vma_walk_pmd ->
 * hmm_vma_handle_pte, no PTE lock): a present, permitted PTE gives the pfn;
 * a hole faults it in with handle_mm_fault (then the caller walks again);
 * no vma or no permission is an error.
 */
import { translate } from '../mm/pageTable.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { findVma, vmaOf } from '../mm/vmas.js';

/** Returns `ok` with locals pfn/pwrite set, `error`, or a call of handle_mm_fault returning to `faulted`. */
export function hmmWalk(c: StepCtx, labels: { ok: string; error: string; faulted: string }): string {
  const mm = c.s.mirrors[c.n('m')]!.mm;
  const t = translate(c.s, mm, c.n('addr'));
  const write = c.l['write'] === true;
  if (t === null || (write && !t.write)) {
    const vma = findVma(c.s, mm, c.n('addr'));
    if (vma === null || vmaOf(c.s, vma).start > c.n('addr') || (write && !vmaOf(c.s, vma).flags.write)) return labels.error;
    return c.call('handle_mm_fault', { vma, addr: c.n('addr'), write }, labels.faulted);
  }
  c.l['pfn'] = t.frame;
  c.l['pwrite'] = t.write && write;
  return labels.ok;
}

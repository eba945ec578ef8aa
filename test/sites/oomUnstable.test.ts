/**
 * MMF_UNSTABLE (FINDINGS.md S18): mm/oom_kill.c:__oom_reap_task_mm (v5.0) sets it before it zaps, and from then
 * on mm/memory.c:check_stable_address_space fails a fault that would map a new page in the victim's mm
 * (VM_FAULT_SIGBUS): do_anonymous_page (the zero page and a new page, under the PTE lock), finish_fault for a
 * private file page (before alloc_set_pte's PTE lock), __do_huge_pmd_anonymous_page (under the PMD lock). A
 * shared file page is still mapped. Each case runs the reaper to its end, then the fault: it fails on the model
 * before the flag (the fault mapped its page).
 */
import { describe, expect, test } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import { pmdAt, pteAt } from '../../model/mm/pageTable.js';
import type { Scenario, VmaSpec } from '../../model/scenario/Scenario.js';
import { runInOrder } from './util/explore.js';

const geometry = { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 };
const reaper = { name: 'oom_reaper', op: 'oom_reap_task', args: { mm: 0, retries: 1 } };

function afterReap(vma: VmaSpec, write: boolean) {
  const sc: Scenario = {
    name: 'fault after the reap',
    expect: 'ok',
    geometry,
    frames: 4,
    files: [4],
    mms: [{ vmas: [vma] }],
    threads: [reaper, { name: 'cpu', op: 'cpu_access', args: { mm: 0, addr: 0, write } }],
  };
  const states = runInOrder(buildMmModel(sc));
  const last = states.at(-1)!;
  expect(last.mms[0]!.unstable).toBe(true);
  return last;
}

describe('a fault in an mm the oom reaper has reaped (MMF_UNSTABLE)', () => {
  test('maps no anonymous page, neither the zero page (read) nor a new one (write)', () => {
    for (const write of [false, true]) expect(pteAt(afterReap({ start: 0, end: 2, prot: 'rw' }, write), 0, 0)).toBeNull();
  });
  test('maps no private file page (read), nor its COW copy (write)', () => {
    for (const write of [false, true]) expect(pteAt(afterReap({ start: 0, end: 2, prot: 'rw', file: 0, pgoff: 0 }, write), 0, 0)).toBeNull();
  });
  test('maps no THP in a VM_HUGEPAGE vma', () => {
    const last = afterReap({ start: 0, end: 2, prot: 'rw', thp: true }, true);
    expect(pmdAt(last, 0, 0)?.kind).not.toBe('huge');
    expect(pteAt(last, 0, 0)).toBeNull();
  });
  test('still maps a shared file page (check_stable_address_space is for private mappings only)', () => {
    expect(pteAt(afterReap({ start: 0, end: 2, prot: 'rw', file: 0, pgoff: 0, shared: true }, false), 0, 0)).toMatchObject({ kind: 'present' });
  });
});

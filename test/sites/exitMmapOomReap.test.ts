/**
 * An OOM victim's exit_mmap reaps the mm itself (model/sites/exitMmap.ts,
 * mm/mmap.c:exit_mmap v5.0): after mmu_notifier_release it runs
 * __oom_reap_task_mm without mmap_sem, sets MMF_OOM_SKIP and takes mmap_sem
 * for write once; the oom reaper tests MMF_OOM_SKIP under mmap_sem for read
 * (mm/oom_kill.c:oom_reap_task_mm) and leaves the mm alone from then on.
 * Then the teardown: unmap_vmas over [0, -1), free_pgtables, tlb_finish_mmu,
 * remove_vma.
 */
import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import type { MmState } from '../../model/mm/MmState.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { LockName, lockState } from '../../model/mm/locks.js';
import { reachedStates } from '../util/reachedStates.js';

const REAPER = 0;
const EXIT = 1;

const scenario = (threads: Scenario['threads']): Scenario => ({
  name: 'exit-mmap-oom',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads,
});
const reaper = { name: 'oom_reaper', op: 'oom_reap_task', args: { mm: 0, retries: 2 } };
const exit = { name: 'exit', op: 'exit_mmap', args: { mm: 0 } };

const inReap = (s: MmState, t: number): boolean => s.threads[t]!.frames.some((f) => f.prog === '__oom_reap_task_mm');
const ended = (s: MmState, t: number): boolean => s.threads[t]!.frames.length === 0;
const mmapSemReaders = (s: MmState): number => lockState(s, LockName.mmapSem(0))!.readers;

describe("an OOM victim's exit_mmap", () => {
  const states = reachedStates(buildMmModel(scenario([reaper, exit])));

  it('reaps the mm itself, without mmap_sem, while the reaper may hold it for read', () => {
    expect(states.some((s) => inReap(s, EXIT))).toBe(true);
    expect(states.some((s) => inReap(s, EXIT) && inReap(s, REAPER) && mmapSemReaders(s) === 1)).toBe(true);
    expect(states.every((s) => !inReap(s, EXIT) || !s.threads[EXIT]!.held.some((l) => l.startsWith(LockName.mmapSem(0))))).toBe(true);
  });

  it('shuts the reaper out: after its down_write/up_write the reaper never reaps again', () => {
    // the reaper's second attempt, after exit_mmap's up_write, sees MMF_OOM_SKIP (oom_reap_task_mm: goto out_unlock)
    expect(states.some((s) => ended(s, EXIT) && !ended(s, REAPER))).toBe(true);
    expect(states.filter((s) => ended(s, EXIT) && inReap(s, REAPER))).toEqual([]);
    expect(states.filter((s) => ended(s, EXIT) && !s.mms[0]!.oomSkip)).toEqual([]);
  });

  it('of an mm no thread reaps (no OOM victim) is the release and the teardown, without a reap', () => {
    const alone = reachedStates(buildMmModel(scenario([exit])));
    expect(alone.some((s) => ended(s, 0))).toBe(true);
    expect(alone.filter((s) => inReap(s, 0) || s.mms[0]!.oomSkip)).toEqual([]);
  });

  it('tears the mm down after its own reap and the mmap_sem handshake: every page, page table and vma freed', () => {
    // the teardown begins only once MMF_OOM_SKIP is set and mmap_sem was taken and dropped for write
    expect(states.filter((s) => s.mms[0]!.tearingDown && !s.mms[0]!.oomSkip)).toEqual([]);
    const ends = states.filter((s) => ended(s, EXIT) && ended(s, REAPER));
    expect(ends.length).toBeGreaterThan(0);
    for (const s of ends) {
      const mm = s.mms[0]!;
      expect(mm.tearingDown).toBe(true);
      expect(mm.pud.every((p) => p === null)).toBe(true); // free_pgtables: the PMD and PTE tables
      expect(mm.vmas.every((id) => !s.vmas[id]!.live)).toBe(true); // remove_vma (mm->mmap left dangling)
      expect(s.frames.filter((f) => f.kind !== 'free' && f.kind !== 'zero').map((f) => f.kind)).toEqual([]); // the page went with the gather
      expect(mm.flushPending).toBe(0);
      expect(mm.notifiers).toEqual([]);
    }
  });
});

/**
 * exit_mmap against the walkers from outside the process
 * (model/sites/foreignWalks.ts, model/sites/mmputExits.ts): each walks in
 * some interleaving, the exit waits for it or defers its teardown to it
 * where the kernel does, and no walk meets the teardown. Before Session 26
 * the model had no ksm_test_exit, khugepaged_test_exit, ksm_exit or
 * khugepaged_exit, no get_task_mm in clear_refs and no mmget_not_zero in
 * the uprobe registration: exit-vs-ksm-merge failed walk-holds-mm-users.
 * The mutants in properties/mutants/exitMutants.ts take each piece away.
 */
import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import type { MmState } from '../../model/mm/MmState.js';
import { tornDownWalk } from '../../model/mm/tornDownWalk.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import {
  exitVsClearRefs,
  exitVsKhugepagedCollapse,
  exitVsKsmMerge,
  exitVsReclaim,
  exitVsUprobeRegister,
} from '../../model/sites/scenarios/exitVsForeignWalkers.js';
import { mmProperties } from '../../properties/mmProperties.js';
import { bfs } from '../../src/engine/bfs.js';
import { reachedStates } from '../util/reachedStates.js';

const EXIT = 1;
const WALKER = 0;
const SEM = 'mm0.mmap_sem';
const inProg = (s: MmState, tid: number, prog: string): boolean => s.threads[tid]!.frames.some((f) => f.prog === prog);
const at = (s: MmState, tid: number, prog: string, label: string): boolean => s.threads[tid]!.frames.some((f) => f.prog === prog && f.pc === label);
const holdsSem = (s: MmState, tid: number): boolean => s.threads[tid]!.held.some((h) => h === SEM || h === `${SEM}:r`);
const torn = (s: MmState): boolean => s.mms[0]!.tearingDown;

function explore(sc: Scenario): MmState[] {
  expect(sc.threads[EXIT]!.op).toBe('exit_mmap');
  const r = bfs(buildMmModel(sc), mmProperties(sc), { allViolations: true });
  expect([r.status, r.violations.map((v) => v.property)]).toEqual(['ok', []]);
  const states = reachedStates(buildMmModel(sc));
  expect(states.some((s) => tornDownWalk(s, WALKER) !== undefined)).toBe(false);
  return states;
}

describe('exit_mmap vs the walkers from outside the process', () => {
  it('ksmd: walks; ksm_exit waits while it holds mmap_sem; after the exit test it backs out', () => {
    const states = explore(exitVsKsmMerge);
    expect(states.some((s) => inProg(s, WALKER, 'write_protect_page'))).toBe(true);
    // mm_users is 0, ksmd is inside its walk: __ksm_exit's down_write waits for its up_read
    expect(states.some((s) => at(s, EXIT, '__mmput', 'ksm_exit_down_write') && holdsSem(s, WALKER) && s.mms[0]!.users === 0)).toBe(true);
    // the teardown with ksmd still to come: it takes mmap_sem, finds mm_users 0, and merges nothing
    const late = states.filter((s) => torn(s) && s.threads[WALKER]!.frames.length > 0);
    expect(late.length).toBeGreaterThan(0);
    expect(late.some((s) => holdsSem(s, WALKER))).toBe(true);
  });

  it('khugepaged: khugepaged_exit waits only while its cursor is on the mm', () => {
    const states = explore(exitVsKhugepagedCollapse);
    expect(states.some((s) => at(s, WALKER, 'khugepaged_collapse', 'pmdp_collapse_flush'))).toBe(true);
    expect(states.some((s) => at(s, EXIT, '__mmput', 'khugepaged_exit_down_write') && holdsSem(s, WALKER))).toBe(true);
    // before khugepaged's first step its cursor is not on the mm: the exit never waits for it there (the slot is freed) ...
    expect(states.some((s) => at(s, EXIT, '__mmput', 'khugepaged_exit_down_write') && at(s, WALKER, 'khugepaged_collapse', 'down_read'))).toBe(false);
    // ... goes on to the teardown, and khugepaged later backs out of the torn-down mm
    expect(states.some((s) => torn(s) && at(s, WALKER, 'khugepaged_collapse', 'down_read'))).toBe(true);
  });

  it("reclaim: free_pgtables' unlink_file_vma waits while try_to_unmap_one walks the vma under i_mmap_rwsem", () => {
    const states = explore(exitVsReclaim);
    const iMmap = 'file0.i_mmap_rwsem';
    expect(states.some((s) => at(s, EXIT, 'free_pgtables', 'i_mmap_lock_write') && s.threads[WALKER]!.held.includes(`${iMmap}:r`) && torn(s))).toBe(true);
    // and a walker that takes the lock after the unlink meets a tree without the vma
    expect(states.some((s) => s.vmas[0]!.inIMmap === false && s.threads[WALKER]!.held.includes(`${iMmap}:r`))).toBe(true);
  });

  for (const [sc, walker, ref] of [
    [exitVsClearRefs, 'clear_refs_write', 'get_task_mm'],
    [exitVsUprobeRegister, 'uprobe_write_opcode', 'mmget_not_zero'],
  ] as const) {
    it(`${walker}: its reference defers the teardown to its own mmput, or it finds mm_users 0 and leaves the mm alone`, () => {
      const states = explore(sc);
      // the exit's mmput was not the last: the walker's mmput runs exit_mmap
      expect(states.some((s) => inProg(s, WALKER, 'exit_mmap') && torn(s))).toBe(true);
      // no task of the mm: the exit does not wait for it, and it meets mm_users 0 at its first step (then ends, no walk)
      expect(states.some((s) => torn(s) && at(s, WALKER, walker, ref))).toBe(true);
    });
  }

  it("clear_refs' get_task_mm finds no mm once the owner has left it, though another reference keeps mm_users above 0 (was: mmget_not_zero, a walk)", () => {
    const second = { ...exitVsClearRefs.threads[0]!, name: 'clear_refs_2' };
    const sc: Scenario = { ...exitVsClearRefs, name: 'exit-vs-two-clear-refs', threads: [...exitVsClearRefs.threads, second] };
    const model = buildMmModel(sc);
    const r = bfs(model, mmProperties(sc), { allViolations: true });
    expect([r.status, r.violations.map((v) => v.property)]).toEqual(['ok', []]);
    const SECOND = 2;
    // the owner's exit_mm has run (task->mm = NULL) while the first clear_refs still holds its reference
    const late = reachedStates(model).filter((s) => s.mms[0]!.ownerExited && s.mms[0]!.users > 0 && at(s, SECOND, 'clear_refs_write', 'get_task_mm'));
    expect(late.length).toBeGreaterThan(0);
    for (const s of late) {
      const n = model.nextState(s, { thread: SECOND, outcome: 0 });
      expect(n.threads[SECOND]!.frames).toEqual([]);
      expect(n.mms[0]!.users).toBe(s.mms[0]!.users);
    }
  });
});

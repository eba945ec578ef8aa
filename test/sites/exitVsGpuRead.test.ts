/**
 * amdgpu's userptr fault is the command submission, a system call of the
 * process (amdgpu_cs_list_validate refuses a BO whose usermm is not
 * current->mm): its get_user_pages runs in a task of the mm, and exit's
 * last mmput, with exit_mmap's teardown, comes only after it
 * (model/mm/mmTasks.ts TASK_MIRRORS). Before the gpu was a task mirror, the
 * model let the submission walk the mm that exit_mmap was tearing down: a
 * false walk-holds-mm-users (the scenario exit-vs-gpu-read failed).
 */
import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import type { MmState } from '../../model/mm/MmState.js';
import { scenario } from '../../model/sites/scenarios/exitVsGpuRead.js';
import { mmProperties } from '../../properties/mmProperties.js';
import { bfs } from '../../src/engine/bfs.js';
import { taskOfMmRunning } from '../../model/mm/mmTasks.js';
import { reachedStates } from '../util/reachedStates.js';

const EXIT = scenario.threads.findIndex((t) => t.op === 'exit_mmap');
const DEV = scenario.threads.findIndex((t) => t.op === 'device_access');
const DONTNEED = scenario.threads.findIndex((t) => t.op === 'madvise_dontneed');
const inGup = (s: MmState): boolean => s.threads[DEV]!.frames.some((f) => f.prog === 'get_user_pages');

describe('exit_mmap vs an amdgpu userptr submission', () => {
  const states = reachedStates(buildMmModel(scenario));

  it('the submission walks the mm (get_user_pages after the MADV_DONTNEED invalidation) in some interleaving', () => {
    expect(states.some(inGup)).toBe(true);
  });

  it('the submission is a task of the mm: exit_mmap waits for it, and no walk meets the teardown', () => {
    // with the process's MADV_DONTNEED ended, the submission alone keeps the mm's tasks running
    const alone = states.filter((s) => s.threads[DONTNEED]!.frames.length === 0 && s.threads[DEV]!.frames.length > 0);
    expect(alone.length).toBeGreaterThan(0);
    expect(alone.every((s) => taskOfMmRunning(s, 0))).toBe(true);
    expect(states.some((s) => inGup(s) && s.mms[0]!.tearingDown === true)).toBe(false);
    // the teardown does happen, after the submission ended
    expect(states.some((s) => s.mms[0]!.tearingDown === true && s.threads[EXIT]!.frames.length > 0)).toBe(true);
    const r = bfs(buildMmModel(scenario), mmProperties(scenario), { allViolations: true });
    expect([r.status, r.violations.map((v) => v.property)]).toEqual(['ok', []]);
  });
});

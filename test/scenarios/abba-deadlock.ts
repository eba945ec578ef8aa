/**
 * A scenario module adding its own operations (programs): two threads take
 * the mmap_sem of two mms in opposite orders (ABBA). Expected: deadlock,
 * with each thread holding one semaphore and waiting for the other.
 */
import { DONE, LockName, defineModule, defineProgram, lockStep, unlockStep } from '../../src/cli/api.js';

const AT = 'scenario module: abba-deadlock.ts';
const sem = (mm: number) => () => LockName.mmapSem(mm);
const abba = (name: string, first: number, second: number) =>
  defineProgram({
    name,
    locals: () => ({}),
    steps: [
      lockStep(`down_write(mm${first})`, AT, sem(first)),
      lockStep(`down_write(mm${second})`, AT, sem(second)),
      unlockStep(`up_write(mm${second})`, AT, sem(second)),
      unlockStep(`up_write(mm${first})`, AT, sem(first), 'w', () => DONE),
    ],
  });

export default defineModule({
  scenario: {
    name: 'abba on two mmap_sems',
    description: 'two threads take mm0.mmap_sem and mm1.mmap_sem in opposite orders',
    expect: 'deadlock',
    geometry: { ptesPerTable: 1, pmdsPerTable: 1, puds: 1 },
    frames: 1,
    mms: [{ vmas: [] }, { vmas: [] }],
    threads: [
      { name: 'a', op: 'lock_0_then_1' },
      { name: 'b', op: 'lock_1_then_0' },
    ],
  },
  programs: [abba('lock_0_then_1', 0, 1), abba('lock_1_then_0', 1, 0)],
});

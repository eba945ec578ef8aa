/** For a deadlock report: each thread that has not ended, where it stands and what it waits for. */
import type { MmState } from '../mm/MmState.js';
import { lockHolders } from '../mm/lockHolders.js';
import { locksRefused } from '../mm/locks.js';
import type { ProgramRegistry } from '../mm/step/ProgramRegistry.js';
import { currentStep, viewOf } from '../mm/step/currentStep.js';

/**
 * `b at do_munmap:down_write waits for mm0.mmap_sem (held by a (ended))`:
 * the locks its step's guard found taken, with their holders; a guard that
 * waits on something else (a valid range, a migration entry) is named by
 * its step alone.
 */
export function describeBlocked(reg: ProgramRegistry, s: MmState): string[] {
  return s.threads.flatMap((t, tid) => {
    const cur = currentStep(reg, t);
    if (!cur) return [];
    const name = s.cfg.threads[tid]!.name;
    const fn = cur.step.at.slice(cur.step.at.lastIndexOf(':') + 1).trim();
    const at = `${name} at ${fn === cur.step.label ? '' : `${fn}:`}${cur.step.label}`;
    const v = viewOf(reg, s, t, tid, cur);
    if (!cur.step.guard) return [`${at} can move`];
    const locks = locksRefused(() => cur.step.guard!(v));
    if (locks.length === 0) return [`${at} waits (its condition is false)`];
    const what = locks.map((l) => `${l.mode === 'r' ? 'read of ' : ''}${l.name} (${lockHolders(s, l.name)})`);
    return [`${at} waits for ${what.join(' and ')}`];
  });
}

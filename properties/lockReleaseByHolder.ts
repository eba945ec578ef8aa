/**
 * lock-release-by-holder (step): a lock's writer or holder changes from
 * thread H only by a step of H, and a reader count drops only by a step of a
 * thread that held it shared (model/mm/locks.ts release() enforces this for
 * steps that use it; this catches any other write to the lock table). Only
 * the locks the step changed are read (changedKeys: what the property reads
 * is part of the step's footprint under --por).
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import { changedKeys } from '../model/mm/footprint/changedKeys.js';
import { holds } from '../model/mm/locks.js';
import { moverStep } from './view/moverStep.js';
import { LOCKS } from './view/stepParts.js';
import { where } from './view/where.js';

export function lockReleaseByHolder(): StepProperty<MmState, MmAction> {
  return moverStep(
    'lock-release-by-holder',
    'a lock is released only by a thread that holds it',
    (prev, next, tid) => {
      if (prev.locks === next.locks) return undefined;
      for (const id of changedKeys(prev.locks, next.locks)) {
        const p = prev.locks[id];
        const n = next.locks[id];
        if (!p || !n) continue;
        const name = prev.cfg.lockNames[id]!;
        if (p.holder !== null && n.holder !== p.holder && tid !== p.holder) {
          return `${where(prev, { tid })}${name} held by ${prev.cfg.threads[p.holder]?.name ?? p.holder} released by another thread`;
        }
        if (n.readers < p.readers && !holds(prev.threads[tid]!, name, 'r')) {
          return `${where(prev, { tid })}${name} read-released by a thread that does not hold it`;
        }
      }
      return undefined;
    },
    LOCKS, // the lock table unchanged: no lock was released
  );
}

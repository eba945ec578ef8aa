/**
 * fault-progress (step): a mirror fault retries only for a reason: an
 * invalidation is in flight on its mm, or its sequence snapshot is stale (an
 * invalidation ended since). A retry with neither restarts from the same
 * local state with nothing but a future invalidation able to change the
 * outcome: the fault livelocks (the engine, which sees only deadlocks, would
 * never report it). Judged when the fault frame goes back to its snapshot
 * step: the sequence only grows at an end, so an unchanged sequence and no
 * range in flight then mean no invalidation overlapped the attempt. Sound
 * for the count/seq mirrors, whose correct retry test is
 * `count != 0 || seq != snapshot` (virt/kvm: mmu_notifier_retry).
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import { FAULT_RETRIES, type FaultRetry, firstLabel } from './faultRetries.js';
import { moverStep } from './view/moverStep.js';
import { FRAMES } from './view/stepParts.js';
import { inflightOn } from './view/ranges.js';
import { where } from './view/where.js';

export function faultProgress(retries: readonly FaultRetry[] = FAULT_RETRIES): StepProperty<MmState, MmAction> {
  // per fault program: its retry spec (the first for that program, as retries.find gave) and its first label, looked up once per step
  const byProg = new Map<string, { spec: FaultRetry; start: string | undefined }>();
  for (const r of retries) if (!byProg.has(r.prog)) byProg.set(r.prog, { spec: r, start: firstLabel(r.prog) });
  return moverStep(
    'fault-progress',
    'a mirror fault never retries while no invalidation is in flight and none ended since its snapshot',
    (prev, next, tid) => {
      const fp = prev.threads[tid]!.frames;
      const f = fp[fp.length - 1];
      const g = next.threads[tid]!.frames[fp.length - 1];
      // f.pc === g.pc is never a retry (that needs f.pc !== start === g.pc): tested before the program's lookup
      if (!f || !g || f.pc === g.pc || g.prog !== f.prog) return undefined;
      const known = byProg.get(f.prog);
      if (known === undefined) return undefined;
      const { spec, start } = known;
      if (start === undefined || f.pc === start || g.pc !== start) return undefined;
      const m = f.locals['m'];
      if (typeof m !== 'number') return undefined;
      const ms = prev.mirrors[m]!;
      if (inflightOn(prev, ms.mm)) return undefined;
      if ((ms as Record<string, unknown>)[spec.seq] !== f.locals[spec.snapshot]) return undefined;
      const addr = typeof f.locals['addr'] === 'number' ? f.locals['addr'] : undefined;
      return `${where(prev, { mm: ms.mm, addr, mirror: m, tid })}fault retries with no invalidation in flight and an unchanged sequence: it will retry forever (livelock)`;
    },
    FRAMES,
    [...byProg.keys()], // the mover's top frame before the step runs a fault program
  );
}

/**
 * device-access (step): a device access through a mirror entry
 * (model/mm/fault/accessPrograms.ts `device_access`) touches only a frame the
 * process maps there. Start/end mirror: the CPU maps the same frame, and for
 * a write the CPU entry is writable or a covering range is in flight. TLB
 * mirror: the frame is still owned and not replaced at that address (but
 * for the documented read-only, same-content window of
 * view/identicalReadOnlyLag.ts), and outside every covering range the CPU
 * maps it (writable for a write).
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import { translate } from '../model/mm/pageTable.js';
import { entriesOf, frameStillOwned, showEntry } from './view/entries.js';
import { identicalReadOnlyLag } from './view/identicalReadOnlyLag.js';
import { type KindTable, isTlbMirror } from './view/mirrorKinds.js';
import { moverStep } from './view/moverStep.js';
import { FRAMES } from './view/stepParts.js';
import { inflightCovering } from './view/ranges.js';
import { showTranslation } from './view/translationChanges.js';
import { where } from './view/where.js';

export const DEVICE_ACCESS = { prog: 'device_access', step: 'device_access' } as const;

export function deviceAccess(kinds: KindTable): StepProperty<MmState, MmAction> {
  return moverStep(
    'device-access',
    'a device access reads/writes only a frame the process maps there (TLB mirror: one not freed or replaced)',
    (prev, _next, tid) => {
      const t = prev.threads[tid]!;
      const f = t.frames[t.frames.length - 1];
      if (!f || f.prog !== DEVICE_ACCESS.prog || f.pc !== DEVICE_ACCESS.step) return undefined;
      const m = f.locals['m'];
      const addr = f.locals['addr'];
      if (typeof m !== 'number' || typeof addr !== 'number') return undefined;
      const write = f.locals['write'] === true;
      const ms = prev.mirrors[m]!;
      const e = entriesOf(ms)[addr];
      if (!e || (write && !e.write)) return undefined; // no access: the device faults
      const tr = translate(prev, ms.mm, addr);
      const covered = inflightCovering(prev, ms.mm, addr);
      const at = (): string => `${where(prev, { mm: ms.mm, addr, mirror: m, tid })}device ${write ? 'write' : 'read'} through ${showEntry(e)}`; // only on a violation
      if (!frameStillOwned(prev, e)) return `${at()} touches a freed or reused frame`;
      const sameFrame = tr !== null && tr.frame === e.frame;
      if (isTlbMirror(kinds, ms)) {
        // a read through the old page of the documented window (view/identicalReadOnlyLag.ts: KSM's replace_page) reads identical, live memory
        if (tr !== null && !sameFrame && !identicalReadOnlyLag(prev, ms.mm, addr, e, tr)) return `${at()} while the CPU maps ${showTranslation(tr)}`;
        if (!covered && (!sameFrame || (write && !tr.write))) return `${at()} while the CPU maps ${showTranslation(tr)} and no range is in flight`;
        return undefined;
      }
      if (!sameFrame) return `${at()} while the CPU maps ${showTranslation(tr)}`;
      if (write && !tr.write && !covered) return `${at()}: the CPU entry is read-only`;
      return undefined;
    },
    FRAMES,
    [DEVICE_ACCESS.prog], // the mover's top frame before the step runs the access program
  );
}

/**
 * A mirror's mmu_notifier_ops.release (mm teardown, from
 * __mmu_notifier_release): one step that drops every device entry, inside
 * the mirror lock `lock` when the kernel takes one, plus kind-specific
 * bookkeeping (`more`).
 */
import type { MmState } from '../mm/MmState.js';
import type { Program, Step, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { sectionStep } from '../mm/step/steps.js';
import { dropEntries, mirrorOf } from './mirrorLock.js';
import type { MirrorBase } from './MirrorKind.js';

export function dropAll(s: MmState, m: number): void {
  dropEntries(s, m, 0, mirrorOf<MirrorBase>(s, m).entries.length);
}

export function releaseProgram(kind: string, label: string, at: string, lock?: (v: StepView) => string, more?: (c: StepCtx) => void): Program {
  const body = (c: StepCtx): string => {
    more?.(c);
    dropAll(c.s, c.n('m'));
    return DONE;
  };
  const step: Step = lock ? sectionStep(label, at, lock, body) : { label, at, run: body };
  return { name: `${kind}.release`, locals: (a) => ({ m: a['m'] ?? null }), steps: [step] };
}

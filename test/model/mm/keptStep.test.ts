/**
 * The step a cow step leaves kept on its thread's top frame (currentStep.ts keepFinalStep), and the
 * goto target a compiled step remembers (runStep.ts runOne), are the steps a lookup by name gives:
 * on every thread of every state that explorations of site scenarios reach. A wrong kept step would
 * run the wrong step body on the next transition; the pinned counts would show it only for the
 * scenarios they cover.
 */
import { describe, expect, it } from 'vitest';
import { bfs } from '../../../src/engine/bfs.js';
import { siteChecks } from '../../../src/cli/siteChecks.js';
import type { MmState } from '../../../model/mm/MmState.js';
import type { Model } from '../../../src/engine/Model.js';
import type { MmAction, MmModel } from '../../../model/MmModel.js';
import { currentStep, keepFinalStep, stateStep } from '../../../model/mm/step/currentStep.js';
import { ProgramRegistry } from '../../../model/mm/step/ProgramRegistry.js';
import type { Program } from '../../../model/mm/step/Program.js';

/** Each thread of each state `scenario`'s exploration reaches: [kept step, looked-up step] as `prog:label`. */
function keptAndLooked(scenario: string): [string, string][] {
  const [c] = siteChecks({ profile: 'seed', scenario });
  const b = c!.build();
  const m = b.model as unknown as MmModel;
  const out: [string, string][] = [];
  const name = (x: { prog: { name: string }; step: { label: string } } | undefined) => (x ? `${x.prog.name}:${x.step.label}` : 'ended');
  const model: Model<MmState, MmAction> = {
    ...m,
    nextState: (s, a) => {
      const n = m.nextState(s, a);
      // stateStep reads the kept step when there is one; currentStep always looks it up by name
      for (const t of n.threads) out.push([name(stateStep(m.registry, t)), name(currentStep(m.registry, t))]);
      return n;
    },
  };
  bfs(model, b.properties as never, {});
  return out;
}

describe('the step kept on a successor frame', () => {
  it.each(['migrate-vma-hole-vs-kvm-read', 'ksm-merge-vs-odp-write', 'madv-free-vs-hmm52-write'])('%s: is the step its label names', (scenario) => {
    const pairs = keptAndLooked(scenario);
    expect(pairs.length).toBeGreaterThan(400);
    expect(pairs.filter(([kept, looked]) => kept !== looked)).toEqual([]);
  });

  it('is not kept on a frame the step did not leave its thread on', () => {
    const reg = new ProgramRegistry();
    const t = {
      frames: [{ prog: 'p', pc: 'a', locals: {} }],
      held: [],
      ranges: [],
      gather: null,
      rv: null,
      task: { tlbUbc: null, cleaned: false, migrate: null },
    };
    const p: Program = {
      name: 'p',
      locals: () => ({}),
      steps: [
        { label: 'a', at: 'x.c:f', run: () => undefined },
        { label: 'b', at: 'x.c:f', run: () => undefined },
      ],
    };
    reg.add(p);
    const b = currentStep(reg, { ...t, frames: [{ prog: 'p', pc: 'b', locals: {} }] } as never)!;
    keepFinalStep(reg, t as never, b); // b's frame is not t's top frame
    expect(stateStep(reg, t as never)!.step.label).toBe('a');
  });
});

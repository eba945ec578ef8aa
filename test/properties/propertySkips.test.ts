/**
 * The mover-step group (properties/view/moverGroup.ts) skips a property when
 * none of the parts it declares in `reads` changed and no frame it declares
 * in `progs` is among the mover's changed frames (frameInterest); an
 * invariant with `checkAfter` (properties/view/invariantParts.ts) is judged
 * after a parent it held on by the identity of its parts. Each is sound only
 * if the property's own check gives the same verdict. Checked here on every
 * transition of every mutant and baseline subject (where the properties do
 * fire), up to a cap of states each; and the check itself is shown to catch
 * a wrong `reads`, a wrong `progs` and wrong parts.
 */
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine/Model.js';
import type { Invariant, Property, StepGroup } from '../../src/engine/Property.js';
import type { MmState } from '../../model/mm/MmState.js';
import type { MmAction } from '../../model/MmModel.js';
import { BASELINES } from '../../properties/mutants/baselines.js';
import { mmMutantSuite } from '../../properties/mutants/mmMutants.js';
import { isMoverStep, moverStep, type MoverStep } from '../../properties/view/moverStep.js';
import { frameInterest } from '../../properties/view/moverGroup.js';
import { changedParts, FRAMES, RANGES } from '../../properties/view/stepParts.js';
import { MIRRORS, readingParts } from '../../properties/view/invariantParts.js';
import { noStaleFrame } from '../../properties/noStaleFrame.js';
import { deviceAccess } from '../../properties/deviceAccess.js';
import { kindTable } from '../../properties/view/mirrorKinds.js';
import { MIRROR_KINDS } from '../../model/mirrors/mirrorKinds.js';
import { mmStateKey } from '../../model/mm/stateKey.js';

/** States explored per subject (breadth first): enough to reach the mutants' violations, small enough for CI. */
const CAP = 4000;

/**
 * `property: message` for every transition where the group would skip a
 * property whose judge finds something, or where the group's own verdict is
 * not that of its members judged one by one, and for every new state where an
 * invariant's checkAfter, after a parent the invariant held on, differs from
 * its check.
 */
function unsoundSkips(model: Model<MmState, MmAction>, props: readonly Property<MmState, MmAction>[]): string[] {
  const masked = props
    .filter(isMoverStep)
    .filter((p: MoverStep) => p.reads !== FRAMES || p.progs !== undefined)
    .map((p) => ({ p, progs: new Map((p.progs ?? []).map((prog) => [prog, 1] as const)) }));
  const afters = props.filter(
    (p): p is Invariant<MmState> & Required<Pick<Invariant<MmState>, 'checkAfter'>> => p.kind === 'invariant' && p.checkAfter !== undefined,
  );
  const group = props.find((p): p is MoverStep & { group: StepGroup<MmState, MmAction> } => isMoverStep(p) && p.group !== undefined)?.group;
  const out: string[] = [];
  const seen = new Set<string>();
  let level = model.initialStates();
  const acts: MmAction[] = [];
  while (level.length > 0 && seen.size < CAP) {
    const next: MmState[] = [];
    for (const s of level) {
      acts.length = 0;
      model.actions(s, acts);
      for (const a of [...acts]) {
        let n: MmState;
        try {
          n = model.nextState(s, a);
        } catch {
          continue; // a mutant's model error ends that path (mnc reports it as such)
        }
        const changed = changedParts(s, n, a.thread);
        for (const { p, progs } of masked) {
          if ((p.reads & changed) !== 0 || frameInterest(s.threads[a.thread]!.frames, n.threads[a.thread]!.frames, progs) !== 0) continue;
          const m = p.judge(s, n, a.thread);
          if (m !== undefined) out.push(`${p.name}: ${m}`);
        }
        if (group) {
          const members = group.members as readonly MoverStep[];
          const i = members.findIndex((p) => p.judge(s, n, a.thread) !== undefined);
          const alone = i < 0 ? undefined : { index: i, message: members[i]!.judge(s, n, a.thread)! };
          const grouped = group.check(s, a, n);
          if (JSON.stringify(grouped) !== JSON.stringify(alone)) out.push(`group: ${JSON.stringify(grouped)} where its members say ${JSON.stringify(alone)}`);
        }
        for (const p of afters) {
          if (p.check(s) !== undefined) continue;
          const whole = p.check(n);
          const after = p.checkAfter(n, s);
          if (after !== whole) out.push(`${p.name}: ${String(whole)} judged after its parent as ${String(after)}`);
        }
        const k = mmStateKey(n).join(',');
        if (!seen.has(k) && seen.size < CAP) {
          seen.add(k);
          next.push(n);
        }
      }
    }
    level = next;
  }
  return out;
}

describe('the mover-step group and the invariants after a parent skip only what would find nothing', () => {
  const suite = mmMutantSuite();
  for (const m of suite.mutants) {
    it(`mutant ${m.id}`, () => {
      const { model, properties } = m.subject();
      expect(unsoundSkips(model, properties as Property<MmState, MmAction>[])).toEqual([]);
    });
  }
  for (const key of Object.keys(BASELINES)) {
    it(`baseline ${key}`, () => {
      const { model, properties } = suite.baseline(key);
      expect(unsoundSkips(model, properties)).toEqual([]);
    });
  }
  it('catches a property whose reads leave out a part it judges', () => {
    // judges the lock table but says it reads only the mover's ranges: skipped on the steps that take a lock
    const wrong = moverStep(
      'locks-changed',
      'fails whenever the lock table changes',
      (prev, next) => (prev.locks !== next.locks ? 'locks changed' : undefined),
      RANGES,
    );
    const { model } = suite.baseline(Object.keys(BASELINES)[0]!);
    expect(unsoundSkips(model, [wrong]).length).toBeGreaterThan(0);
  });
  it('catches a property whose progs leave out a program it judges', () => {
    // device-access judges the device_access frame; gated on another program only, it is skipped on the accesses
    const da = deviceAccess(kindTable(MIRROR_KINDS)) as MoverStep;
    const wrong = moverStep(da.name, da.description, da.judge, FRAMES, ['no_such_program']);
    const m = suite.mutants.find((x) => x.expects === 'device-access');
    expect(m, 'a mutant device-access catches').toBeDefined();
    const { model } = m!.subject();
    expect(unsoundSkips(model, [wrong]).length).toBeGreaterThan(0);
  });
  it('catches an invariant judged after its parent by parts that leave out one it reads', () => {
    // no-stale-frame reads the page frames too: by the mirrors alone, a freed frame under an unchanged mirror is missed
    const wrong = readingParts(MIRRORS, noStaleFrame());
    const m = suite.mutants.find((x) => x.expects === 'no-stale-frame');
    expect(m, 'a mutant no-stale-frame catches').toBeDefined();
    const { model } = m!.subject();
    expect(unsoundSkips(model, [wrong]).length).toBeGreaterThan(0);
  });
});

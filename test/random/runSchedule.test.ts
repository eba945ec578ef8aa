import { describe, expect, it } from 'vitest';
import { runSchedule } from '../../src/random/runSchedule.js';
import { Scheduler } from '../../src/random/Scheduler.js';
import { hashName } from '../../src/random/hashName.js';
import { PropertyChecker } from '../../src/engine/PropertyChecker.js';
import { ModelError } from '../../src/engine/Model.js';
import type { Property } from '../../src/engine/Property.js';
import type { Schedule } from '../../src/random/Schedule.js';
import { toNamedSteps } from '../../src/replay/NamedStep.js';
import { noiseThreads, toyModel, type ToyState } from '../../model/toy/toyModel.js';
import { racyCounter } from '../../model/toy/toyBugs.js';

const uniform = (choices: number[]): Schedule => ({ strategy: 'uniform', init: 0, choices });
const check = (properties: readonly Property<ToyState, number>[]) => new PropertyChecker<ToyState, number>(properties);

describe('runSchedule checks every kind of property', () => {
  const bug = racyCounter(2, 0);
  // inc#0 read, inc#1 read, inc#0 write, inc#1 write: the lost update.
  const lost = uniform([0, 1, 0, 0]);

  it('invariant: stops at the first bad state', () => {
    const r = runSchedule(bug.model, check(bug.properties), lost, 100);
    expect(r.status).toBe('violation');
    if (r.status === 'violation') expect(r.violation).toMatchObject({ property: 'no-lost-update', kind: 'invariant', trace: { init: 0, path: [0, 1, 0, 0] } });
  });

  it('invariant: the initial state too', () => {
    const never: Property<ToyState, number> = { kind: 'invariant', name: 'never', description: 'fails everywhere', check: () => 'bad' };
    const r = runSchedule(bug.model, check([never]), lost, 100);
    expect(r.status === 'violation' && r.violation.trace).toEqual({ init: 0, path: [] });
  });

  it('step: a transition that lowers done', () => {
    const step: Property<ToyState, number> = {
      kind: 'step',
      name: 'count-grows-with-done',
      description: 'a write raises count',
      check: (a, _x, b) => (b.vars.done! > a.vars.done! && b.vars.count! <= a.vars.count! ? 'count did not grow' : undefined),
    };
    const r = runSchedule(bug.model, check([step]), lost, 100);
    expect(r.status === 'violation' && r.violation.kind).toBe('step');
  });

  it('terminal: only in the end state', () => {
    const terminal: Property<ToyState, number> = {
      kind: 'terminal',
      name: 'count-is-2',
      description: 'both increments count',
      check: (s) => (s.vars.count === 2 ? undefined : `count ${s.vars.count}`),
    };
    const r = runSchedule(bug.model, check([terminal]), lost, 100);
    expect(r.status === 'violation' && r.violation).toMatchObject({ kind: 'terminal', message: 'count 1', trace: { path: [0, 1, 0, 0] } });
    expect(runSchedule(bug.model, check([terminal]), uniform([0, 0, 0, 0]), 100).status).toBe('ok');
    expect(runSchedule(bug.model, check([terminal]), lost, 3).status).toBe('ok'); // depth bound: not an end state
  });

  it('deadlock: no action and not done', () => {
    const stuck = toyModel('stuck', [{ name: 't', steps: [{ label: 'wait', guard: () => false, run: (v) => v }] }], {});
    const r = runSchedule(stuck, check([]), uniform([]), 10);
    expect(r.status === 'violation' && r.violation.kind).toBe('deadlock');
  });

  it('a ModelError is a model error, not a violation', () => {
    const bad = toyModel(
      'bad',
      [
        {
          name: 't',
          steps: [
            {
              label: 'boom',
              run: () => {
                throw new ModelError('misuse');
              },
            },
          ],
        },
      ],
      {},
    );
    expect(runSchedule(bad, check([]), uniform([]), 10)).toEqual({ status: 'model-error', message: 'misuse', trace: { init: 0, path: [] }, action: 0 });
  });

  it('states outside the boundary are checked but not expanded', () => {
    const bounded = (n: number) => ({ ...bug.model, withinBoundary: (s: ToyState) => s.vars.done! < n });
    // The lost update's last state is outside `done < 2`: still checked.
    expect(runSchedule(bounded(2), check(bug.properties), lost, 100).status).toBe('violation');
    // Outside `done < 1` after the first write: not expanded, so the lost update is never reached.
    const r = runSchedule(bounded(1), check(bug.properties), lost, 100);
    expect(r.status === 'ok' && r.trace.path).toEqual([0, 1, 0]);
  });
});

describe('the schedulers', () => {
  const model = toyModel('noise', noiseThreads(3, 3), {});
  const threadsOf = (s: Schedule) => {
    const r = runSchedule(model, check([]), s, 100);
    if (r.status !== 'ok') throw new Error(r.status);
    return toNamedSteps(model, r.trace).map((x) => x.thread);
  };
  const byPriority = (salt: number) => ['noise#0', 'noise#1', 'noise#2'].sort((a, b) => hashName(salt, b) - hashName(salt, a));

  it('PCT without change points runs threads one after another, highest priority first', () => {
    const order = byPriority(17);
    expect(threadsOf({ strategy: 'pct', init: 0, salt: 17, changePoints: [], choices: [] })).toEqual(order.flatMap((t) => [t, t, t]));
  });

  it('PCT: at a change point the running thread drops below every other', () => {
    const [first, second, third] = byPriority(17);
    const got = threadsOf({ strategy: 'pct', init: 0, salt: 17, changePoints: [0], choices: [] });
    expect(got).toEqual([first, second, second, second, third, third, third, first, first]);
  });

  it('PCT: change points fall modulo the expected run length', () => {
    const r = runSchedule(model, check([]), { strategy: 'pct', init: 0, salt: 17, changePoints: [9], choices: [] }, 100, 9);
    const direct = runSchedule(model, check([]), { strategy: 'pct', init: 0, salt: 17, changePoints: [0], choices: [] }, 100);
    expect(r).toEqual(direct);
  });

  it('swarm: favoured threads run while any can; the others after', () => {
    const salt = [...Array(100).keys()].find((s) => new Set(['noise#0', 'noise#1', 'noise#2'].map((t) => hashName(s, t) & 1)).size === 2)!;
    const favoured = (t: string) => (hashName(salt, t) & 1) === 0;
    const got = threadsOf({ strategy: 'swarm', init: 0, salt, choices: [5, 3, 8, 1, 0, 4, 7, 2, 6] });
    const firstOther = got.findIndex((t) => !favoured(t));
    expect(firstOther).toBeGreaterThan(0);
    expect(got.slice(firstOther).every((t) => !favoured(t))).toBe(true);
  });

  it('uniform takes the choice modulo the enabled actions, then the first', () => {
    const s = new Scheduler(model, uniform([4]));
    expect(s.pick(model.initialStates()[0]!, [0, 1, 2], 0)).toBe(1);
    expect(s.pick(model.initialStates()[0]!, [0, 1, 2], 1)).toBe(0);
  });
});

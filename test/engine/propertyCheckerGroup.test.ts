import { describe, expect, it } from 'vitest';
import type { StepGroup, StepProperty } from '../../src/engine/Property.js';
import { PropertyChecker } from '../../src/engine/PropertyChecker.js';

/** Step properties over numbers: `fails(prev, next)` names when each fails; the group counts its calls. */
function grouped(specs: { name: string; fails: (prev: number, next: number) => boolean }[]) {
  const calls = { group: 0, alone: 0 };
  const members: StepProperty<number, string>[] = [];
  const group: StepGroup<number, string> = {
    members,
    check(prev, _a, next) {
      calls.group++;
      const i = specs.findIndex((s) => s.fails(prev, next));
      return i < 0 ? undefined : { index: i, message: `${specs[i]!.name} failed` };
    },
  };
  for (const s of specs)
    members.push({
      name: s.name,
      description: 'test',
      kind: 'step',
      group,
      check: (prev, _a, next) => {
        calls.alone++;
        return s.fails(prev, next) ? `${s.name} failed` : undefined;
      },
    });
  return { members, calls };
}

describe('PropertyChecker step groups', () => {
  const specs = [
    { name: 'a', fails: (_p: number, n: number) => n === 1 },
    { name: 'b', fails: (_p: number, n: number) => n === 1 || n === 2 },
  ];
  it('calls a group once for the run of its members and names its first failing member', () => {
    const { members, calls } = grouped(specs);
    const c = new PropertyChecker<number, string>(members);
    expect(c.checkStep(0, 'x', 0)).toBeUndefined();
    expect(c.checkStep(0, 'x', 1)).toEqual({ property: 'a', kind: 'step', message: 'a failed' });
    expect(c.checkStep(0, 'x', 2)).toEqual({ property: 'b', kind: 'step', message: 'b failed' });
    expect(calls).toEqual({ group: 3, alone: 0 });
  });
  it('keeps the order with properties outside the group, and checks a partial run member by member', () => {
    const { members, calls } = grouped(specs);
    const before: StepProperty<number, string> = { name: 'z', description: 'test', kind: 'step', check: (_p, _a, n) => (n === 2 ? 'z failed' : undefined) };
    expect(new PropertyChecker<number, string>([before, ...members]).checkStep(0, 'x', 2)?.property).toBe('z');
    expect(calls.group).toBe(0);
    const partial = new PropertyChecker<number, string>([members[1]!]);
    expect(partial.checkStep(0, 'x', 2)?.property).toBe('b');
    expect(calls).toEqual({ group: 0, alone: 1 });
  });
});

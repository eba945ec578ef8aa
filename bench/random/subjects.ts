/**
 * What the random benchmark hunts: the toy bugs of the engine tests and
 * kvm-race's nocount variant at growing sizes. Each subject names the
 * property that must catch it. (The mutant registry of `mnc mutants`, once
 * a suite is exported, adds one subject per mutant here.)
 */
import type { Model } from '../../src/engine/Model.js';
import type { Property } from '../../src/engine/Property.js';
import { TOY_BUGS, publishOrder } from '../../test/random/util/toyBugs.js';
import { kvmRaceModel } from '../../model/kvm-race/kvmRaceModel.js';
import { kvmRaceProperties } from '../../properties/kvmRace.js';

export interface Subject {
  readonly name: string;
  readonly model: Model<unknown, unknown>;
  readonly properties: readonly Property<unknown, unknown>[];
  readonly expects: string;
  /** Most steps of a random run. */
  readonly depth: number;
}

export function subjects(): Subject[] {
  const toys = Object.entries(TOY_BUGS).map(([name, make]): Subject => {
    const b = make();
    return { name: `toy ${name}`, model: b.model as Model<unknown, unknown>, properties: b.properties as Property<unknown, unknown>[], expects: b.violates, depth: 100 };
  });
  // The same bug drowned in 6 noise threads of 8 steps, with runs cut at 30 steps: a uniform
  // walk rarely gets the writer through its 10 steps in time; PCT and swarm focus on few threads.
  const deep = publishOrder(8, 6);
  toys.push({ name: 'toy publish-order, 6 noise threads, depth 30', model: deep.model as Model<unknown, unknown>, properties: deep.properties as Property<unknown, unknown>[], expects: deep.violates, depth: 30 });
  const sizes: [number, number, number, number][] = [[2, 2, 1, 0], [2, 2, 1, 1], [3, 3, 2, 1], [4, 3, 2, 1], [4, 4, 3, 2]];
  const kvm = sizes.map(([P, F, Z, M]): Subject => ({
    name: `kvm-race(${P},${F},${Z},${M}) nocount`,
    model: kvmRaceModel({ P, F, Z, M, variant: 'nocount' }) as Model<unknown, unknown>,
    properties: kvmRaceProperties(P) as Property<unknown, unknown>[],
    expects: 'spte-coherence',
    depth: 1000,
  }));
  return [...toys, ...kvm];
}

/**
 * What the random benchmark hunts, in groups: `toys` (the toy bugs of the
 * engine tests), `kvm` (kvm-race's nocount variant at growing sizes) and
 * `mutants` (every mm-model mutant of `mnc mutants` whose property a run can
 * violate; reachability guards need an exhaustive run). Each subject names
 * the property that must catch it.
 */
import type { Model } from '../../src/engine/Model.js';
import type { Property } from '../../src/engine/Property.js';
import { TOY_BUGS, publishOrder } from '../../model/toy/toyBugs.js';
import { kvmRaceModel } from '../../model/kvm-race/kvmRaceModel.js';
import { kvmRaceProperties } from '../../properties/kvmRace.js';
import { mmMutantSuite } from '../../properties/mutants/mmMutants.js';

export interface Subject {
  readonly name: string;
  readonly model: Model<unknown, unknown>;
  readonly properties: readonly Property<unknown, unknown>[];
  readonly expects: string;
  /** Most steps of a random run. */
  readonly depth: number;
}

/** `mm-random` has no fixed subjects: its scenarios are drawn (bench/random/mmRandom.ts). */
export const GROUPS = ['toys', 'kvm', 'mutants', 'mm-random'] as const;
export type Group = (typeof GROUPS)[number];

const subject = (name: string, b: { model: unknown; properties: unknown }, expects: string, depth: number): Subject => ({
  name,
  model: b.model as Model<unknown, unknown>,
  properties: b.properties as Property<unknown, unknown>[],
  expects,
  depth,
});

export function subjects(group: Group): Subject[] {
  switch (group) {
    case 'toys': {
      const toys = Object.entries(TOY_BUGS).map(([name, make]) => {
        const b = make();
        return subject(`toy ${name}`, b, b.violates, 100);
      });
      // The same bug drowned in 6 noise threads of 8 steps, with runs cut at 30 steps: a uniform
      // walk rarely gets the writer through its 10 steps in time; PCT and swarm focus on few threads.
      const deep = publishOrder(8, 6);
      return [...toys, subject('toy publish-order, 6 noise threads, depth 30', deep, deep.violates, 30)];
    }
    case 'kvm': {
      const sizes: [number, number, number, number][] = [
        [2, 2, 1, 0],
        [2, 2, 1, 1],
        [3, 3, 2, 1],
        [4, 3, 2, 1],
        [4, 4, 3, 2],
      ];
      return sizes.map(([P, F, Z, M]) =>
        subject(
          `kvm-race(${P},${F},${Z},${M}) nocount`,
          { model: kvmRaceModel({ P, F, Z, M, variant: 'nocount' }), properties: kvmRaceProperties(P) },
          'spte-coherence',
          1000,
        ),
      );
    }
    case 'mm-random':
      return [];
    case 'mutants':
      return mmMutantSuite()
        .mutants.map((m) => ({ m, s: m.subject() }))
        .filter(({ m, s }) => s.properties.find((p) => p.name === m.expects)?.kind !== 'reachable')
        .map(({ m, s }) => subject(`mutant ${m.id}`, s, m.expects, 400));
  }
}

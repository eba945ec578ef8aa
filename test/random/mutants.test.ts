import { describe, expect, it } from 'vitest';
import { randomCheck } from '../../src/random/randomCheck.js';
import { STRATEGIES } from '../../src/random/Schedule.js';
import { replaySteps } from '../../src/replay/replaySteps.js';
import { mmMutantSuite } from '../../properties/mutants/mmMutants.js';

/** Known mm-model mutants (properties/mutants): each strategy must kill them by their property. */
const IDS = ['zap-missing-end', 'kvm-fault-skips-retry'];

describe('each strategy finds known mm-model mutants', () => {
  const mutants = mmMutantSuite().mutants.filter((m) => IDS.includes(m.id));
  it('the mutants exist', () => expect(mutants.map((m) => m.id).sort()).toEqual([...IDS].sort()));
  for (const m of mutants) {
    for (const strategy of STRATEGIES) {
      it(`${strategy} kills ${m.id} (${m.expects}) with a short trace that replays`, () => {
        const { model, properties } = m.subject();
        const hunted = properties.filter((p) => p.name === m.expects);
        const r = randomCheck({ model, properties: hunted }, { strategy, seed: 3, runs: 300, depth: 400 });
        if (r.status !== 'violation') throw new Error(`${m.id}: ${r.status}`);
        expect(r.violation.property).toBe(m.expects);
        expect(r.lengths.minimised).toBeLessThanOrEqual(r.lengths.shrunk);
        expect(r.lengths.shrunk).toBeLessThanOrEqual(r.lengths.found);
        const again = replaySteps({ model, properties: hunted, property: m.expects, init: r.violation.trace.init }, r.steps, 'strict');
        expect(again.status).toBe('violated');
      });
    }
  }
});

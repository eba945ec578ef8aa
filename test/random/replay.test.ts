import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomCheck } from '../../src/random/randomCheck.js';
import { readCounterexample, writeCounterexample } from '../../src/replay/counterexampleFile.js';
import { COUNTEREXAMPLE_FORMAT, toCounterexample, type Counterexample } from '../../src/replay/Counterexample.js';
import { replaySteps } from '../../src/replay/replaySteps.js';
import { ModelError } from '../../src/engine/Model.js';
import { flagRace } from '../../model/toy/toyBugs.js';
import type { ToyState } from '../../model/toy/toyModel.js';

const dir = mkdtempSync(join(tmpdir(), 'mnc-replay-'));

function saved(): Counterexample {
  const bug = flagRace(2);
  const r = randomCheck(bug, { strategy: 'swarm', seed: 5, runs: 2000, depth: 60 });
  if (r.status !== 'violation') throw new Error(r.status);
  return toCounterexample('flag-race', undefined, r.violation, r.steps, { by: 'random', strategy: r.strategy, seed: r.seed, path: r.path });
}

describe('saved counterexamples', () => {
  it('a saved trace reads back equal and replays to the same violation', () => {
    const cex = saved();
    const file = join(dir, 'cex.json');
    writeCounterexample(file, cex);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    const read = readCounterexample(file);
    expect(read).toEqual({ ok: true, value: cex });
    const bug = flagRace(2);
    const r = replaySteps({ ...bug, property: cex.property, init: cex.init }, cex.steps, 'strict');
    expect(r.status).toBe('violated');
    if (r.status !== 'violated') return;
    expect(r.failure.message).toBe(cex.message);
    expect(r.executed).toEqual(cex.steps);
    expect(r.states.length).toBe(cex.steps.length + 1);
  });

  it('a step that raises a model error: the trace to the state before it, and the action that raised it', () => {
    const cex = saved();
    const bug = flagRace(2);
    const ok = replaySteps({ ...bug, property: cex.property, init: cex.init }, cex.steps, 'strict');
    if (ok.status !== 'violated') throw new Error(ok.status);
    let calls = 0;
    const broken = {
      ...bug.model,
      nextState: (st: ToyState, a: number) => {
        if (++calls === ok.trace.path.length) throw new ModelError('misuse'); // the last step
        return bug.model.nextState(st, a);
      },
    };
    const r = replaySteps({ model: broken, properties: bug.properties, property: cex.property, init: cex.init }, cex.steps, 'strict');
    expect(r.status).toBe('model-error');
    if (r.status !== 'model-error') return;
    expect(r.trace.path).toEqual(ok.trace.path.slice(0, -1));
    expect(r.action).toBe(ok.trace.path[ok.trace.path.length - 1]);
  });

  it('a fixed model no longer fails the replay', () => {
    const cex = saved();
    const bug = flagRace(2);
    // The "fix": entering no longer counts, so the section never holds two.
    const { model } = bug;
    const fixed = {
      ...model,
      nextState: (s: ToyState, a: number): ToyState =>
        model.describeAction(s, a).label === 'cs:enter' ? { ...s, pc: s.pc.map((p, i) => (i === a ? p + 1 : p)) } : model.nextState(s, a),
    };
    const r = replaySteps({ model: fixed, properties: bug.properties, property: cex.property, init: cex.init }, cex.steps, 'strict');
    expect(r.status).toBe('holds');
  });

  it('a step the model no longer has diverges, naming the step', () => {
    const cex = saved();
    const bug = flagRace(2);
    const steps = [...cex.steps.slice(0, 2), { thread: 'p', label: 'no-such-label' }, ...cex.steps.slice(2)];
    const r = replaySteps({ ...bug, property: cex.property, init: cex.init }, steps, 'strict');
    expect(r.status).toBe('diverged');
    if (r.status === 'diverged') expect(r.at).toBe(2);
  });

  it('unknown property and initial state are reported, not thrown', () => {
    const bug = flagRace(0);
    expect(replaySteps({ ...bug, property: 'nope', init: 0 }, [], 'strict').status).toBe('unknown-property');
    expect(replaySteps({ ...bug, property: 'mutual-exclusion', init: 3 }, [], 'strict').status).toBe('unknown-init');
  });

  const bad: [string, string, RegExp][] = [
    ['not-json.json', '{', /not JSON/],
    ['wrong-format.json', '{"format":"x"}', /format/],
    [
      'no-steps.json',
      JSON.stringify({ format: COUNTEREXAMPLE_FORMAT, version: 1, scenario: 's', property: 'p', kind: 'invariant', message: 'm', init: 0 }),
      /steps/,
    ],
    [
      'bad-step.json',
      JSON.stringify({
        format: COUNTEREXAMPLE_FORMAT,
        version: 1,
        scenario: 's',
        property: 'p',
        kind: 'invariant',
        message: 'm',
        init: 0,
        steps: [{ thread: 1 }],
      }),
      /steps\[0\]/,
    ],
    [
      'bad-kind.json',
      JSON.stringify({ format: COUNTEREXAMPLE_FORMAT, version: 1, scenario: 's', property: 'p', kind: 'weird', message: 'm', init: 0, steps: [] }),
      /kind/,
    ],
  ];
  for (const [name, text, why] of bad) {
    it(`rejects ${name} with one line naming the file`, () => {
      const file = join(dir, name);
      writeFileSync(file, text);
      const r = readCounterexample(file);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toMatch(why);
      expect(r.error.startsWith(file)).toBe(true);
      expect(r.error).not.toContain('\n');
    });
  }

  it('rejects a missing file', () => {
    const r = readCounterexample(join(dir, 'missing.json'));
    expect(r).toEqual({ ok: false, error: `${join(dir, 'missing.json')}: cannot read (ENOENT)` });
  });
});

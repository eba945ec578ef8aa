import { describe, expect, it } from 'vitest';
import { runMnc } from './util/runMnc.js';
import { inapplicableFlags } from '../../src/cli/inapplicableFlags.js';
import { siteChecks } from '../../src/cli/siteChecks.js';
import { kvmRaceModel } from '../../model/kvm-race/kvmRaceModel.js';
import { doubledSubjects } from '../util/doubledSubjects.js';

const NAME = 'mprotect-vs-aware-write';

describe('a flag that does not apply says so in one line', () => {
  it('--symmetry on an mm scenario without interchangeable threads', async () => {
    const r = await runMnc('explore', NAME, '--symmetry');
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `symmetry: nothing to permute in ${NAME} (no two threads run the same program with the same arguments; frames and mirrors are not permuted (model/mm/canonicalState.ts))\n`,
    );
    const plain = await runMnc('explore', NAME);
    expect(plain.err).toBe('');
    expect(r.out.split('\n').slice(0, 2)).toEqual(plain.out.split('\n').slice(0, 2));
  });

  it('nothing when the flag applies: --symmetry with two identical threads, --symmetry on kvm-race', async () => {
    const doubled = (await doubledSubjects()).find((x) => x.name === `site/seed/${NAME}`)!.build().model;
    expect(inapplicableFlags(NAME, doubled, { symmetry: true }, 'bfs')).toEqual([]);
    expect(inapplicableFlags('kvm-race', kvmRaceModel({ P: 2, F: 2, Z: 1, M: 0, variant: 'count' }), { symmetry: true }, 'bfs')).toEqual([]);
  });

  it('--por on a model that marks no independent steps, and under --dfs', () => {
    const kvm = kvmRaceModel({ P: 2, F: 2, Z: 1, M: 0, variant: 'count' });
    const mm = siteChecks({ profile: 'seed', scenario: NAME })[0]!.build().model;
    const noIndependence = { ...mm, isLocal: undefined, partialOrder: undefined };
    expect(inapplicableFlags('x', noIndependence, { por: true }, 'bfs')).toEqual(['por: nothing to reduce in x (the model marks no independent steps)']);
    expect(inapplicableFlags('x', mm, { por: true }, 'dfs')).toEqual(['por: not applied with --dfs (the reduction is breadth-first only, src/engine/bfs.ts)']);
    expect(inapplicableFlags('x', mm, { por: true }, 'bfs')).toEqual([]);
    expect(inapplicableFlags('x', { ...mm, partialOrder: undefined, isLocal: () => false }, { por: true, sleepSets: true }, 'bfs')).toEqual([
      'sleep sets: not applied to x (they need recorded footprints; the model has only local hints)',
    ]);
    expect(inapplicableFlags('x', mm, { por: true, sleepSets: true }, 'bfs')).toEqual([]);
    expect(inapplicableFlags('x', { ...mm, representative: (s: unknown) => s }, { por: true, sleepSets: true, symmetry: true }, 'bfs')).toEqual([
      'sleep sets: not applied with --symmetry (a sleep set names threads, which the canonical form permutes)',
    ]);
    expect(inapplicableFlags('x', kvm, {}, 'bfs')).toEqual([]);
  });
  it('--no-minimise without --dfs (a breadth-first counterexample is not minimised)', async () => {
    const r = await runMnc('explore', NAME, '--no-minimise');
    expect(r.code).toBe(0);
    expect(r.err).toBe('no-minimise: not applied without --dfs (only a depth-first counterexample is minimised; a breadth-first one is shortest)\n');
    expect((await runMnc('explore', NAME, '--dfs', '--no-minimise')).err).toBe('');
  });

  it('--pct-depth with a strategy other than pct', async () => {
    const kvm = ['random', 'kvm-race', '--seed', '1', '--runs', '5', '--set', 'P=1', '--set', 'F=1', '--set', 'Z=1', '--set', 'M=0'];
    for (const strategy of ['uniform', 'swarm']) {
      const r = await runMnc(...kvm, '--strategy', strategy, '--pct-depth', '2');
      expect(r.code).toBe(0);
      expect(r.err).toBe(`pct-depth: not applied with --strategy ${strategy} (it is the bug depth of --strategy pct)\n`);
    }
    expect((await runMnc(...kvm, '--strategy', 'pct', '--pct-depth', '2')).err).toBe('');
  });
});

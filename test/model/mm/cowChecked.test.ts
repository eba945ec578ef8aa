/**
 * The cow state backend shares unchanged objects between states: a program
 * that writes the state past model/mm/mutate.ts would change every state
 * sharing the object. The checked mode (which mnc uses for programs that do
 * not come with the model) makes that write throw; through mutate.ts the
 * same write is a plain copy-on-write.
 */
import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../../model/MmModel.js';
import { mutFrame, mutPool } from '../../../model/mm/mutate.js';
import { scenario as madvFree } from '../../../model/sites/scenarios/madvFreeVsKvmWrite.js';
import type { Frame } from '../../../model/mm/MmState.js';
import { DONE, defineProgram } from '../../../model/mm/step/defineProgram.js';
import { bfs } from '../../../src/engine/bfs.js';
import { dontneed, oneMirror } from '../util/scenarios.js';

const touch = (viaMutate: boolean) =>
  defineProgram({
    name: 'touch_frame',
    file: 'test/cowChecked',
    locals: () => ({}),
    steps: ($) => [
      $.step('write', (c) => {
        const fr = c.s.frames[0]!;
        if (viaMutate) mutPool(c.s, 'frames')[0] = { ...fr, ver: fr.ver + 1 };
        else (c.s.frames as Frame[])[0] = { ...fr, ver: fr.ver + 1 };
        return DONE;
      }),
    ],
  });

describe('the checked cow backend', () => {
  const sc = { ...oneMirror('kvm', [dontneed()]), threads: [{ name: 't', op: 'touch_frame', args: {} }] };
  it('throws on a write past mutate.ts', () => {
    const r = bfs(buildMmModel(sc, { programs: [touch(false)], state: { backend: 'cow', checked: true } }), []);
    expect(r.status).toBe('model-error');
    expect(r.status === 'model-error' ? r.message : '').toMatch(/read only.*past model\/mm\/mutate.ts/);
  });
  it('explores the same write through mutate.ts like immer', () => {
    const run = (backend: 'immer' | 'cow') => bfs(buildMmModel(sc, { programs: [touch(true)], state: { backend, checked: true } }), []).stats.distinctStates;
    expect(run('cow')).toBe(run('immer'));
    expect(run('cow')).toBe(2);
  });
});

/** SetPageDirty on every mapped frame (a write through the CPU that dirtied the page, as the model's frames record it). */
const dirtyMapped = defineProgram({
  name: 'dirty_mapped_frames',
  file: 'test/cowChecked',
  locals: () => ({}),
  steps: ($) => [
    $.step('SetPageDirty', (c) => {
      c.s.frames.forEach((fr, f) => fr.map > 0 && (mutFrame(c.s, f).dirty = true));
      return DONE;
    }),
  ],
});

describe('madvise_free_single_vma on the checked cow backend', () => {
  // madvise_free_pte_range's ClearPageDirty of a dirty page mapped once wrote the frame pool in place (a write past
  // mutate.ts): no built-in scenario reaches it, since their pages are not PageDirty; here one thread dirties the page first.
  const sc = { ...madvFree, threads: [{ name: 'dirty', op: 'dirty_mapped_frames', args: {} }, madvFree.threads[0]!] };
  it('clears PageDirty through mutate.ts, exploring what immer explores', () => {
    const run = (backend: 'immer' | 'cow') => bfs(buildMmModel(sc, { programs: [dirtyMapped], state: { backend, checked: true } }), []);
    const cow = run('cow');
    expect(cow.status).toBe('ok');
    expect(cow.stats.distinctStates).toBe(run('immer').stats.distinctStates);
  });
});

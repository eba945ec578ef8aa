/** A deadlock names each blocked thread, where it stands and what it waits for (lock and holder). */
import { describe, expect, it } from 'vitest';
import { bfs } from '../../src/engine/bfs.js';
import { dfs } from '../../src/engine/dfs.js';
import type { ExploreResult } from '../../src/engine/ExploreResult.js';
import { buildMmModel } from '../../model/MmModel.js';
import type { Program } from '../../model/mm/step/Program.js';
import { DONE } from '../../model/mm/step/Program.js';
import { lockStep, unlockStep } from '../../model/mm/step/steps.js';
import { LockName } from '../../model/mm/locks.js';
import { nonblockZap } from './util/nonblockZap.js';
import { device, oneMirror } from './util/scenarios.js';

const messages = (r: ExploreResult) => r.violations.map((v) => `${v.property}: ${v.message}`);

describe('deadlock report', () => {
  it('a thread that ends holding a lock: the other waits for it, held by the ended thread (bfs and dfs)', () => {
    const writer: Program = {
      name: 'writer',
      locals: () => ({}),
      steps: [lockStep('down_write', 'mm/mmap.c:do_munmap', () => LockName.mmapSem(0)), { label: 'hold', at: 'test', run: () => DONE }],
    };
    const m = buildMmModel(
      oneMirror('kvm', [
        { name: 'a', op: 'writer' },
        { name: 'b', op: 'writer' },
      ] as never),
      { programs: [writer] },
    );
    const want = ['deadlock: no thread can move, but not every thread has ended: b at do_munmap:down_write waits for mm0.mmap_sem (held by a (ended))'];
    expect(messages(bfs(m, []))).toEqual(want);
    expect(messages(dfs(m, []))).toEqual(want);
  });
  it('HMM v5.2 finding: the fault waits at hmm_range_wait_until_valid, a condition rather than a lock', () => {
    const nonblock = { name: 'reaper', op: 'test_nonblock_zap', args: { vma: 'vma:v0' }, sites: { test: { event: 'MMU_NOTIFY_UNMAP', vma: 'vma' } } } as const;
    // another hmm_mirror's hmm_mirror_unregister (down_write(&hmm->mirrors_sem); list_del_init; up_write): the reaper's
    // mirrors_sem trylock fails after notifiers++, and the hmm stays alive, so the fault waits (the timeout is not modelled)
    const sem = () => LockName.mirror('mir0', 'mirrors_sem');
    const unregister: Program = {
      name: 'test_mirror_unregister',
      locals: () => ({}),
      steps: [lockStep('down_write', 'mm/hmm.c:hmm_mirror_unregister', sem), unlockStep('up_write', 'mm/hmm.c:hmm_mirror_unregister', sem, 'w', () => DONE)],
    };
    const m = buildMmModel(oneMirror('hmm52', [nonblock, device(), { name: 'unreg', op: 'test_mirror_unregister' }], {}, []), {
      programs: [nonblockZap, unregister],
    });
    const [msg] = messages(bfs(m, []));
    expect(msg).toMatch(
      /^deadlock: no thread can move, but not every thread has ended: device at \S*hmm_range_wait_until_valid waits \(its condition is false\)$/,
    );
  });
});

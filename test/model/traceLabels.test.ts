/**
 * How mm-model steps read in traces: a trylock names its result (never
 * `[outcome N]`), huge_pte_lock names the huge_pmd_unshare it runs, the
 * brief label drops the file.
 */
import { describe, expect, it } from 'vitest';
import { buildMmModel, type MmAction } from '../../model/MmModel.js';
import type { MmState } from '../../model/mm/MmState.js';
import type { Model } from '../../src/engine/Model.js';
import { nonblockZap } from './util/nonblockZap.js';
import { device, oneMirror } from './util/scenarios.js';

/** Every label of every enabled action in every reachable state (small models only). */
function allLabels(m: Model<MmState, MmAction>): Set<string> {
  const labels = new Set<string>();
  const seen = new Set<string>();
  const todo = [...m.initialStates()];
  while (todo.length > 0) {
    const s = todo.pop()!;
    const k = JSON.stringify(m.key(s));
    if (seen.has(k)) continue;
    seen.add(k);
    const acts: MmAction[] = [];
    m.actions(s, acts);
    for (const a of acts) {
      labels.add(m.describeAction(s, a).label);
      todo.push(m.nextState(s, a));
    }
  }
  return labels;
}

const nonblock = { name: 'reaper', op: 'test_nonblock_zap', args: { vma: 'vma:v0' }, sites: { test: { event: 'MMU_NOTIFY_UNMAP', vma: 'vma' } } } as const;

describe('trace labels', () => {
  it('HMM v5.2 mutex_trylock(&hmm->lock): both results are named, and no label reads [outcome N]', () => {
    const labels = [...allLabels(buildMmModel(oneMirror('hmm52', [nonblock, device()], {}, []), { programs: [nonblockZap] }))];
    const trylock = labels.filter((l) => l.includes('mutex_lock(&hmm->lock)'));
    expect(trylock).toContain('mm/hmm.c:hmm_invalidate_range_start:mutex_lock(&hmm->lock) [trylock ok]');
    expect(trylock).toContain(
      'mm/hmm.c:hmm_invalidate_range_start:mutex_lock(&hmm->lock) [trylock fails: mir0.hmm.lock contended (another thread may be inside it)]',
    );
    expect(labels.filter((l) => l.includes('[outcome'))).toEqual([]);
  });
  it('the brief label drops the file, and the function when it is the step', () => {
    const m = buildMmModel(oneMirror('hmm52', [nonblock, device()], {}, []), { programs: [nonblockZap] });
    const s = m.initialStates()[0]!;
    const info = m.describeAction(s, { thread: 0, outcome: 0 });
    expect(info.label).toBe('mm/oom_kill.c:__oom_reap_task_mm:mmu_notifier_range_init');
    expect(info.brief).toBe('__oom_reap_task_mm:mmu_notifier_range_init');
  });
});

import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import { retryFault } from '../../model/mirrors/retryFault.js';
import { mirrorLock } from '../../model/mirrors/mirrorLock.js';
import { defaultRegistry } from '../../model/scenario/defaultRegistry.js';
import { bfs } from '../../src/engine/bfs.js';
import { coherentAtEnd, noStaleEntry, reaches } from './util/checks.js';
import { device, dontneed, oneMirror } from './util/scenarios.js';

describe('KVM mirror', () => {
  it('a fault that overlaps an invalidation retries, and no spte goes stale', () => {
    const sc = oneMirror('kvm', [dontneed(), device(0, true)]);
    const r = bfs(buildMmModel(sc), [
      noStaleEntry,
      coherentAtEnd,
      reaches('fault-retries', 1, 'kvm_release_pfn_clean (retry)'),
      reaches('fault-installs', 1, 'kvm_release_pfn_clean'),
    ]);
    expect(r.status === 'violation' ? r.violations : r.status).toBe('ok');
    // pinned: a semantic change of the model shows up here
    expect(r.stats.distinctStates).toBe(460);
  });

  it('without the mmu_notifier_retry check a stale spte survives the invalidation (mutant)', () => {
    const fault = retryFault({
      kind: 'kvm',
      lock: mirrorLock('mmu_lock'),
      snapshot: { label: 'mmu_seq = kvm->mmu_notifier_seq', at: 'mutant' },
      check: { label: 'mmu_notifier_retry', at: 'mutant' },
      release: { label: 'kvm_release_pfn_clean', at: 'mutant' },
    });
    // the mutant: snapshot the seq after gup instead of before (the check then misses an invalidation that ran in between)
    const steps = fault.steps.map((s) =>
      s.label === 'pfn'
        ? {
            ...s,
            run: (c: Parameters<typeof s.run>[0]) => {
              const r = s.run(c);
              c.l['mmu_seq'] = (c.s.mirrors[c.n('m')] as unknown as { seq: number }).seq;
              return r;
            },
          }
        : s,
    );
    const reg = defaultRegistry().replace({ ...fault, steps });
    const r = bfs(buildMmModel(oneMirror('kvm', [dontneed(), device(0, true)], {}, []), { registry: reg }), [noStaleEntry, coherentAtEnd]);
    expect(r.status).toBe('violation');
  });
});

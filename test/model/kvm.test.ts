import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
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
    console.log('kvm', r.stats.distinctStates);
  });
});

import { describe, expect, it } from 'vitest';
import { generateSweep } from '../../model/sweep/generateSweep.js';
import { SCOPES } from '../../model/sweep/SweepScope.js';
import { runSweepJob } from '../../src/cli/runSweepJob.js';
import { knownInScope, triage } from '../../src/sweep/triage.js';
import type { SweepRecord } from '../../src/sweep/SweepRecord.js';
import { SWEEP_KNOWN_FINDINGS } from '../../properties/knownFindings.js';
import { KNOWN_FINDINGS } from '../../model/findings/KNOWN_FINDINGS.js';

/**
 * Each known finding of FINDINGS.md is reached by a configuration the small
 * scope generates (not by its hand-written scenario): the selector picks the
 * generated configuration, the sweep's job explores it, triage names it.
 */
interface Pick {
  readonly site: number;
  readonly kinds: string;
  readonly layout: string;
  /** Substrings every one of which some thread description contains. */
  readonly threads: readonly string[];
  readonly events?: 'seed' | 'v5.2';
  /** Exactly this many threads (the site operation and its racers). */
  readonly n: number;
}

const PICKS: Readonly<Record<string, Pick>> = {
  F1: { site: 26, kinds: 'kvm,odp', layout: 'anon rw [0,1) at address 0', threads: ['oom_reap'], n: 1 },
  F2: { site: 24, kinds: 'kvm', layout: 'anon rw [0,1) at address 0', threads: ['mprotect(mm0, 0, 1'], n: 1 },
  F3: { site: 16, kinds: 'aware', layout: 'two vmas under one range: anon', threads: ['munmap(mm0, 0, 2)'], n: 1 },
  F4: { site: 8, kinds: 'kvm', layout: 'shares mm0 PMD table', threads: ['munmap(mm0, 0, 1)', 'sharer'], n: 2 },
  F5: { site: 10, kinds: 'aware', layout: 'shares mm0 PMD table', threads: ['mprotect(vma0', 'sharer'], n: 2, events: 'v5.2' },
  F6: { site: 1, kinds: 'aware', layout: 'anon rw [0,1) at address 0', threads: ['clear_refs'], n: 1, events: 'v5.2' },
  F7: { site: 25, kinds: 'kvm', layout: "one whole PMD entry's table", threads: ['mremap(mm0, 0, 2 -> 2)', 'kswapd: shrink_page_list'], n: 2 },
  D1: { site: 16, kinds: 'hmm50', layout: 'anon rw [0,1) at address 0', threads: ['munmap', 'device read 0'], n: 2 },
  D2: { site: 27, kinds: 'hmm52', layout: 'file shared rw [0,1) at address 0', threads: ['write_cache_pages', 'device write 0'], n: 2 },
  D3: { site: 22, kinds: 'gpu', layout: 'anon rw [0,1) at address 0', threads: ['migrate_vma', 'device read 0'], n: 2 },
  D4: { site: 26, kinds: 'odp', layout: 'anon rw [0,1) at address 0', threads: ['oom_reap'], n: 1 },
  D5: { site: 26, kinds: 'hmm52', layout: 'anon rw [0,1) at address 0', threads: ['oom_reap', 'mmu_notifier_release'], n: 2 },
};

/** Findings the small scope cannot generate, and why (their site scenario shows them). */
const BEYOND_SMALL_SCOPE: Readonly<Record<string, string>> = {
  // S5: dontneed-vs-two-sva-faults
  S5: 'two device threads on one mirror; a small-scope configuration has at most one racer',
};

describe('the small scope reaches every known finding', () => {
  it('names every finding of the shared list', () => {
    expect([...Object.keys(PICKS), ...Object.keys(BEYOND_SMALL_SCOPE)].sort()).toEqual(KNOWN_FINDINGS.map((f) => f.id).sort());
    expect(SWEEP_KNOWN_FINDINGS.map((f) => f.id).sort()).toEqual(KNOWN_FINDINGS.map((f) => f.id).sort());
  });

  for (const [id, p] of Object.entries(PICKS)) {
    it(`${id}: site #${p.site}, ${p.kinds}, ${p.layout}`, () => {
      const events = p.events ?? 'seed';
      const space = generateSweep(SCOPES.small, { events, sites: [p.site] });
      const c = space.configs.find(
        (x) =>
          x.subscribers.join() === p.kinds &&
          x.layout.includes(p.layout) &&
          x.threads.length === p.n &&
          p.threads.every((t) => x.threads.some((d) => d.includes(t))),
      );
      expect(c, `no generated configuration for ${id}`).toBeDefined();
      const raw = runSweepJob({ site: c!.site, scenario: c!.scenario, events, maxSeconds: 120 });
      const r = triage(
        { ...raw, id: c!.id, site: String(c!.site), path: c!.path, config: { layout: c!.layout, subscribers: [...c!.subscribers], threads: [...c!.threads] } },
        SWEEP_KNOWN_FINDINGS,
        events,
      );
      expect([r.status, r.known]).toEqual([r.property === 'deadlock' ? 'deadlock' : 'violation', id]);
      expect(r.trace?.length).toBeGreaterThan(0);
    });
  }
});

describe('a finding beyond the small scope is not expected of it', () => {
  const record = (site: string, path: string, config: SweepRecord['config']): SweepRecord => ({
    id: 'x',
    site,
    path,
    config,
    status: 'ok',
    property: null,
    known: null,
    signature: null,
    distinctStates: 1,
    transitions: 0,
    seconds: 0,
  });
  for (const id of Object.keys(BEYOND_SMALL_SCOPE)) {
    it(`${id}: no small-scope configuration fits its pattern (a whole sweep does not report it missing)`, () => {
      for (const events of ['seed', 'v5.2'] as const) {
        const space = generateSweep(SCOPES.small, { events });
        const records = space.configs.map((c) =>
          record(String(c.site), c.path, { layout: c.layout, subscribers: [...c.subscribers], threads: [...c.threads] }),
        );
        expect(knownInScope(SWEEP_KNOWN_FINDINGS, records, events)).not.toContain(id);
      }
    });
  }
  it('S5: fits a configuration with two device accesses of the IOMMU mirror, not one', () => {
    const one = ['madvise_dontneed(mm0, 0, 2)', 'sva0: device read 0'];
    const cfg = (threads: string[]) => record('17', 'madvise_dontneed', { layout: 'vma anon rw [0,2)', subscribers: ['sva'], threads });
    expect(knownInScope(SWEEP_KNOWN_FINDINGS, [cfg(one)], 'seed')).not.toContain('S5');
    expect(knownInScope(SWEEP_KNOWN_FINDINGS, [cfg([...one, 'sva0: device write 1'])], 'seed')).toContain('S5');
  });
});

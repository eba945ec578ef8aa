import { describe, expect, it } from 'vitest';
import { exploreConfig, scopeConfig } from '../util/sweepConfig.js';
import { generateSweep } from '../../model/sweep/generateSweep.js';
import { FULL_GATHER_TEXT, SCOPES } from '../../model/sweep/SweepScope.js';
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
  // S5: dontneed-vs-two-sva-faults; the medium scope reaches it with one racer (below)
  S5: 'a fault beside the IOTLB: two device threads on one mirror, or a CPU access or another mirror beside it; a small-scope configuration has at most one racer, never a CPU access, and none beside two mirrors',
  // F8: hugetlb-punch-hole-shared-pmd-vs-cpu-tlb; the medium scope reaches it (below)
  F8: "a CPU access of the unsharing mm (it fills that mm's TLB); the small scope has no CPU accesses",
  // D6: exit-vs-hmm50-read, exit-vs-hmm52-read (their vma covers the address space)
  D6: "the exit racing a device fault: the small scope's exit racers (#26's beside the oom reaper, and beside the walkers from outside the process at #1 #2 #11 #12 #13) come with no other racer; in the medium scope, F3 comes first (exit_mmap's [0, -1) range lies in no generated layout's first vma), so D6 shows under --all-violations (below)",
};

describe('the small scope reaches every known finding', () => {
  it('names every finding of the shared list', () => {
    expect([...Object.keys(PICKS), ...Object.keys(BEYOND_SMALL_SCOPE)].sort()).toEqual(KNOWN_FINDINGS.map((f) => f.id).sort());
    expect([...new Set(SWEEP_KNOWN_FINDINGS.map((f) => f.id))].sort()).toEqual(KNOWN_FINDINGS.map((f) => f.id).sort());
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
      const r = exploreConfig(c!, events);
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

/**
 * Medium-scope configurations that a sample of that scope (its shards 7, 11,
 * 23, 42, 99, 150, 222, 301 and 377 of 400; FINDINGS.md, "The medium scope,
 * sampled") reported as new before S5 and F8 covered them: each is explored
 * as the sweep explores it, and triage names it.
 */
const MEDIUM: Readonly<Record<string, { readonly site: number; readonly id: string }>> = {
  // the THP split inside MADV_DONTNEED's zap, then a CPU read fault maps the zero page
  'S5 (#6, CPU fault)': { site: 6, id: 's6-madvise_dontneed-thp@0-f7a9670e2df6' },
  // MADV_DONTNEED vs another mirror's device fault (get_user_pages)
  'S5 (#17, aware device fault)': { site: 17, id: 's17-madvise_dontneed-anon-rw@across-pmd-7f83a9418e5f' },
  // truncation's unmap_mapping_pages zaps a COW page; an ODP device fault maps a new COW copy
  'S5 (#18, ODP device fault)': { site: 18, id: 's18-truncate-file-private-rw+file-private-r@0-10daa38a1cfe' },
  // truncation unshares mm0's PMD table with no TLB flush; mm0's CPU keeps the page truncation frees
  'F8 (#8, CPU TLB)': { site: 8, id: 's8-truncate-hugetlb-shared-pmd@0-3d7edce1306e' },
};

describe('medium-scope configurations triage as the findings they reach', () => {
  for (const [name, m] of Object.entries(MEDIUM)) {
    it(name, () => {
      const r = exploreConfig(scopeConfig(m.site, m.id));
      expect([r.status, r.known]).toEqual(['violation', name.slice(0, 2)]);
    });
  }

  // FINDINGS.md S18: the reaper sets MMF_UNSTABLE before it zaps, and check_stable_address_space then fails a fault that
  // would map a new anonymous page; S5 at #26 (a CPU read fault, a second SVA mirror's device fault) was the model's
  for (const [name, id] of [
    ['the oom reaper vs a CPU read fault', 's26-oom_reap-anon-rw@across-pmd-1dd4304a0f1c'],
    ["the oom reaper's invalidate_range reaches the first of two SVA mirrors, whose device then faults", 's26-oom_reap-anon-rw@across-pmd-3cbadfe89910'],
  ] as const) {
    it(`S18, S5 no more at #26: ${name} (the fault after the reap fails: MMF_UNSTABLE)`, () => {
      const r = exploreConfig(scopeConfig(26, id));
      expect([r.status, r.known]).toEqual(['ok', null]);
    });
  }

  it('D6 (#26, the exit racer beside a device fault): masked by F3, which comes first; --all-violations shows it', () => {
    const c = scopeConfig(26, 's26-oom_reap-anon-r@0-e11a82ef720f');
    const first = exploreConfig(c);
    expect([first.status, first.property, first.known, first.also]).toEqual(['violation', 'range-vma', 'F3', undefined]);
    const all = exploreConfig(c, 'seed', true);
    expect([all.property, all.known]).toEqual(['range-vma', 'F3']);
    expect(all.also?.map((v) => [v.property, v.known, v.consequence ?? false])).toEqual([['walk-holds-mm-users', 'D6', false]]);
    expect(all.also![0]!.trace!.length).toBeGreaterThan(first.trace!.length);
  });

  it("D6's consequence (#1, v5.2 events): an HMM v5.0 entry committed after the release keeps the page the teardown frees", () => {
    // clear_refs, an HMM v5.0 device write and the owner's exit on a THP at a PMD boundary: F3 first, F6, then D6's walk
    // and, past it, the entry the walk committed mapping the freed page (no-stale-frame), which no signature names
    const c = generateSweep(SCOPES.medium, { events: 'v5.2', sites: [1] }).configs.find((x) => x.id === 's1-clear_refs-thp@pmd-2-e6dcba29ffa4');
    expect(c).toBeDefined();
    const all = exploreConfig(c!, 'v5.2', true);
    const seen = [[all.property, all.known, false], ...(all.also ?? []).map((v) => [v.property, v.known, v.consequence ?? false])];
    expect(seen).toContainEqual(['walk-holds-mm-users', 'D6', false]);
    expect(seen).toContainEqual(['no-stale-frame', 'D6', true]);
    expect(seen.filter((v) => v[1] === null)).toEqual([]);
  });

  it("S5 beside a zap needs the property's own case: another tlb-mirror-coherence message there is new", () => {
    const r: SweepRecord = {
      id: 'x',
      site: '17',
      path: 'madvise_dontneed',
      config: { layout: 'vma anon rw [0,2)', subscribers: ['sva'], threads: ['madvise_dontneed(mm0, 0, 2)', 'cpu mm0: write 1'] },
      status: 'violation',
      property: 'tlb-mirror-coherence',
      known: null,
      signature: null,
      distinctStates: 1,
      transitions: 0,
      seconds: 0,
    };
    const known = (message: string) => triage({ ...r, message }, SWEEP_KNOWN_FINDINGS, 'seed').known;
    expect(
      known('mm=mm0 addr=0x1000 mirror=sva0: secondary TLB maps frame 1 while the CPU already maps frame 2 rw (new page set before invalidate_range)'),
    ).toBe('S5');
    expect(known('mm=mm0 addr=0x1000 mirror=sva0: secondary TLB still maps frame 1 after every covering range ended; the CPU maps none')).toBeNull();
  });

  it("D2 with a full mmu_gather batch (small scope, #17): the snapshot's page was freed inside the range, the device maps a free page", () => {
    const c = generateSweep(SCOPES.small, { events: 'seed', sites: [17] }).configs.find(
      (x) => x.id === 's17-madvise_dontneed-thp-fault@0+full-gather-32142a92d4c3',
    );
    expect(c).toBeDefined();
    const all = exploreConfig(c!, 'seed', true);
    const seen = [[all.property, all.known], ...(all.also ?? []).map((v) => [v.property, v.known])];
    expect(seen).toContainEqual(['no-stale-frame', 'D2']);
    expect(seen.filter((v) => v[1] === null)).toEqual([]);
    // the same configuration without the full batch: D2 by its own property, the page freed in tlb_finish_mmu
    const plain = generateSweep(SCOPES.small, { events: 'seed', sites: [17] }).configs.find(
      (x) => x.scenario.gatherBatch === undefined && x.layout === c!.layout.replace(`; ${FULL_GATHER_TEXT}`, '') && x.threads.join() === c!.threads.join(),
    );
    expect(plain).toBeDefined();
    const p = exploreConfig(plain!, 'seed', true);
    expect([[p.property, p.known], ...(p.also ?? []).map((v) => [v.property, v.known])]).toEqual([
      ['mirror-coherence', 'D2'],
      ['no-stale-frame', 'D2'],
      ['device-access', 'D2'],
    ]);
    // with the full batch the page is always gone before the commit, so mirror-coherence (which leaves a free frame to
    // no-stale-frame) never fires, and the consequences alone must name D2
    expect(seen.some((v) => v[0] === 'mirror-coherence')).toBe(false);
  });
});

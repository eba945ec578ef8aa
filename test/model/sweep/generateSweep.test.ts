import { describe, expect, it } from 'vitest';
import { generateSweep } from '../../../model/sweep/generateSweep.js';
import { FULL_GATHER, FULL_GATHER_TEXT, SCOPES } from '../../../model/sweep/SweepScope.js';
import { SITE_PATHS } from '../../../model/sweep/sitePaths.js';
import { canonicalId } from '../../../model/sweep/canonicalId.js';
import { MIRROR_KINDS } from '../../../model/mirrors/mirrorKinds.js';
import { CATALOG } from '../../../model/sites/catalog.js';
import { validateScenario } from '../../../model/scenario/validateScenario.js';

describe('generateSweep', () => {
  const small = generateSweep(SCOPES.small, { events: 'seed' });

  it('small: every catalog site and every mirror kind, ids unique, the same on a second generation', () => {
    expect(new Set(small.configs.map((c) => c.site))).toEqual(new Set(CATALOG.map((s) => s.id)));
    expect(new Set(small.configs.flatMap((c) => c.subscribers))).toEqual(new Set(MIRROR_KINDS.map((k) => k.kind)));
    expect(new Set(small.configs.map((c) => c.id)).size).toBe(small.configs.length);
    expect(generateSweep(SCOPES.small, { events: 'seed' }).configs.map((c) => c.id)).toEqual(small.configs.map((c) => c.id));
    // Two subscribers in both orders of two kinds.
    expect(small.configs.some((c) => c.subscribers.join() === 'kvm,odp')).toBe(true);
    expect(small.configs.some((c) => c.subscribers.join() === 'odp,kvm')).toBe(true);
  });

  it('site 8 is swept from munmap, truncate and hole punching; PMD and PUD boundaries and a shared hugetlb PMD table are among the layouts', () => {
    expect(new Set(small.configs.filter((c) => c.site === 8).map((c) => c.path))).toEqual(new Set(['munmap', 'truncate', 'punch_hole']));
    const layouts = small.configs.map((c) => c.layout).join('\n');
    for (const l of [
      'at address 0',
      'just before PMD boundary',
      'across PMD boundary',
      'across PUD boundary',
      'two vmas under one range',
      'shares mm0 PMD table',
      'THP',
    ])
      expect(layouts).toContain(l);
  });

  it("no CPU access runs in a fork's child while the fork copies into it (the child runs only after dup_mmap)", () => {
    // a medium-scope sample (Session 18) had `cpu mm1: write 0` racing copy_hugetlb_page_range into mm1: change-covered, no kernel interleaving
    const fork = generateSweep(SCOPES.medium, { events: 'seed', sites: [7] }).configs.filter((c) => c.path === 'fork_hugetlb');
    expect(fork.length).toBeGreaterThan(0);
    expect(fork.some((c) => c.threads.some((t) => t.startsWith('cpu mm0:')))).toBe(true);
    expect(fork.filter((c) => c.threads.some((t) => t.startsWith('cpu mm1:')))).toEqual([]);
  });

  it("the victim's exit is generated beside the tasks of its mm (a CPU access, a KVM vCPU): the model's release waits for them", () => {
    // Session 18 did not generate these (the exit had overlapped a KVM guest access: S8); model/mm/mmTasks.ts now makes the exit wait
    const reap = generateSweep(SCOPES.medium, { events: 'seed', sites: [26] });
    const withExit = reap.configs.filter((c) => c.threads.some((t) => t.startsWith('exit:')));
    expect(withExit.some((c) => c.threads.some((t) => t.startsWith('cpu mm0:')))).toBe(true);
    expect(withExit.some((c) => c.threads.some((t) => /^kvm\d: device/.test(t)))).toBe(true);
    expect(withExit.some((c) => c.threads.some((t) => /^sva\d: device/.test(t)))).toBe(true);
    expect(Object.keys(reap.skipped).filter((k) => k.includes('exit_mmap'))).toEqual([]);
  });

  it('the large scope runs no second fork, ksmd, khugepaged or oom reaper beside the first; a second munmap it does', () => {
    // a large-scope shard (Session 19) had two forks copy into one child mm (change-covered): no kernel interleaving
    for (const site of [15, 7, 11, 12, 13, 26]) {
      const g = generateSweep(SCOPES.large, { events: 'seed', sites: [site], mirror: 'kvm' });
      expect(g.configs.length).toBeGreaterThan(0);
      expect(g.configs.filter((c) => c.threads.some((t) => t.includes('(again)')))).toEqual([]);
      expect(Object.keys(g.skipped).some((k) => k.startsWith('no kernel interleaving: '))).toBe(true);
    }
    const munmap = generateSweep(SCOPES.large, { events: 'seed', sites: [16], mirror: 'kvm' });
    expect(munmap.configs.some((c) => c.threads.some((t) => t.includes('(again)')))).toBe(true);
  });

  it('what the kernel refuses is not generated, and says why', () => {
    expect(Object.keys(small.skipped).some((k) => k.includes('-EFAULT (vma_to_resize)'))).toBe(true);
    expect(Object.keys(small.skipped).some((k) => k.includes('oom reaper skips shared file'))).toBe(true);
  });

  it('the canonical id does not depend on names, on the order of the racing threads, or on which of two same-kind mirrors is which', () => {
    const medium = generateSweep({ ...SCOPES.medium, pairAccesses: 2 }, { events: 'seed', sites: [2], mirror: 'kvm' });
    const s = medium.configs.find(
      (c) => c.subscribers.join() === 'kvm,kvm' && c.scenario.threads.filter((t) => t.op === 'device_access' && t.args!['m'] === 0).length === 2,
    )!.scenario;
    const renamed = {
      ...s,
      mirrors: s.mirrors!.map((m) => ({ ...m, name: `x${m.name}` })),
      mms: s.mms.map((mm) => ({ ...mm, notifiers: (mm.notifiers ?? []).map((n) => `x${n}`) })),
      threads: [
        s.threads[0]!,
        ...s.threads
          .slice(1)
          .reverse()
          .map((t) => ({ ...t, name: `t-${t.name}` })),
      ],
    };
    expect(canonicalId('x', renamed)).toBe(canonicalId('x', s));
    // kvm0 and kvm1 swapped everywhere (declaration, call order, accesses): the same configuration.
    const swap = (m: unknown) => (typeof m === 'number' ? 1 - m : m);
    const swapped = {
      ...s,
      mms: s.mms.map((mm) => ({ ...mm, notifiers: [...(mm.notifiers ?? [])].reverse() })),
      threads: s.threads.map((t) => (t.op === 'device_access' ? { ...t, args: { ...t.args, m: swap(t.args!['m']) as number } } : t)),
    };
    expect(canonicalId('x', swapped)).toBe(canonicalId('x', s));
    // Both accesses through the mirror called second instead of first: a different configuration.
    const reordered = { ...s, mms: swapped.mms };
    expect(canonicalId('x', reordered)).not.toBe(canonicalId('x', s));
  });

  it('every generated scenario of a site loads', () => {
    for (const site of [8, 10, 25]) {
      for (const c of generateSweep(SCOPES.small, { events: 'seed', sites: [site], mirror: 'kvm' }).configs)
        expect(() => validateScenario(c.scenario)).not.toThrow();
    }
  });

  it('a layout filter keeps exactly the configurations of that layout (by name, as in their ids)', () => {
    const only = generateSweep(SCOPES.small, { events: 'seed', layout: 'thp-fault@0' }).configs;
    const expected = small.configs.filter((c) => c.id.includes('-thp-fault@0-'));
    expect(only.length).toBeGreaterThan(0);
    expect(only.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    expect(generateSweep(SCOPES.small, { events: 'seed', layout: 'no-such-layout' }).configs).toEqual([]);
  });

  it('each configuration of an operation that frees pages through an mmu_gather comes again with the batch full at every page, and only those', () => {
    const gathering = new Set(SITE_PATHS.filter((p) => p.gathers === true).map((p) => `${p.site}/${p.path}`));
    expect([...gathering].sort()).toEqual([
      '16/munmap',
      '17/madvise_dontneed',
      '18/truncate',
      '26/oom_reap',
      '6/madvise_dontneed',
      '6/munmap',
      '8/munmap',
      '8/punch_hole',
      '8/truncate',
    ]);
    const twins = small.configs.filter((c) => c.scenario.gatherBatch !== undefined);
    const plain = small.configs.filter((c) => c.scenario.gatherBatch === undefined && gathering.has(`${c.site}/${c.path}`));
    expect(twins.length).toBe(plain.length);
    expect(twins.every((c) => c.scenario.gatherBatch === 1 && c.id.includes(`${FULL_GATHER}-`) && gathering.has(`${c.site}/${c.path}`))).toBe(true);
    expect(twins.every((c) => c.layout.endsWith(`; ${FULL_GATHER_TEXT}`))).toBe(true);
    // the ids of the configurations without it are what they were before (Session 28's small scope)
    expect(small.configs.some((c) => c.id === 's17-madvise_dontneed-anon-rw@0-77a307e599f6')).toBe(true);
    // --layout NAME+full-gather keeps the twins of that layout only
    const only = generateSweep(SCOPES.small, { events: 'seed', layout: `anon-rw@0${FULL_GATHER}` }).configs;
    expect(only.length).toBeGreaterThan(0);
    expect(only.map((c) => c.id)).toEqual(twins.filter((c) => c.id.includes(`-anon-rw@0${FULL_GATHER}-`)).map((c) => c.id));
  });
});

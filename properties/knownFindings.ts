/**
 * The known findings of FINDINGS.md as signatures the sweep triages by
 * (src/sweep/triage.ts): a violation that matches an entry is `known` (the
 * first match names it), any other is new. Keep in step with FINDINGS.md:
 * a new finding gets an entry here when it is written up there.
 */
import type { KnownSignature } from '../src/sweep/KnownSignature.js';

/** What a range left started (or a count left raised) shows as, depending on who notices first. */
const LEAKED_RANGE = ['mirror-quiescent', 'thread-ends-closed', 'fault-progress', 'range-pairing', 'nonblock-failure-no-end', 'deadlock'];

export const KNOWN_FINDINGS: readonly KnownSignature[] = [
  { id: 'F1', title: 'the oom reaper leaks a started range when a later subscriber fails the non-blocking start', sites: ['26'], properties: LEAKED_RANGE, kinds: ['odp'], minSubscribers: 2 },
  {
    id: 'D5',
    title: 'HMM v5.2 non-blocking start: a sync -EAGAIN is swallowed (the device keeps pages the reaper frees), a failed mirrors_sem trylock leaves notifiers raised',
    sites: ['26'],
    properties: [...LEAKED_RANGE, 'mirror-coherence', 'device-access', 'tlb-mirror-coherence', 'no-stale-frame'],
    kinds: ['hmm52'],
  },
  { id: 'D4', title: 'RDMA ODP returns -EAGAIN with umem_rwsem still read-held', sites: ['26'], properties: [...LEAKED_RANGE, 'lock-release-by-holder'], kinds: ['odp'] },
  { id: 'F2', title: 'mprotect of a range at address 0 never ends its notifier range', sites: ['24'], properties: LEAKED_RANGE, threads: ['mprotect(mm0, 0,'] },
  { id: 'F3', title: 'unmap_vmas / zap_page_range pass the first vma of a list', sites: ['16', '17'], properties: ['range-vma'], layouts: ['two vmas under one range'] },
  { id: 'F4', title: 'partial munmap of a hugetlb vma with a shared PMD table unmaps outside every range', sites: ['8', '16'], paths: ['munmap'], properties: ['change-covered', 'mirror-coherence', 'tlb-mirror-coherence', 'no-stale-frame'], layouts: ['shares mm0 PMD table'] },
  { id: 'F5', title: 'v5.2 PROTECTION_VMA at hugetlb_change_protection while huge_pmd_unshare unmaps', sites: ['10'], properties: ['event-promise'], events: ['v5.2'], layouts: ['shares mm0 PMD table'] },
  { id: 'F6', title: 'v5.2 SOFT_DIRTY at clear_refs write-protects every PTE', sites: ['1'], properties: ['mirror-coherence', 'event-promise'], kinds: ['aware'], events: ['v5.2'] },
  { id: 'D1', title: 'HMM v5.0 commits a snapshot taken before an invalidation', properties: ['mirror-coherence', 'device-access', 'tlb-mirror-coherence'], kinds: ['hmm50'] },
  { id: 'D2', title: 'HMM v5.2 re-validates every range when the last invalidation ends', properties: ['mirror-coherence', 'device-access', 'tlb-mirror-coherence'], kinds: ['hmm52'] },
  { id: 'D3', title: 'amdgpu userptr submits pages an invalidation replaced (its count was raised before the submission sampled it)', properties: ['mirror-coherence', 'device-access', 'tlb-mirror-coherence'], kinds: ['gpu'] },
];

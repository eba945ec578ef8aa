/**
 * FINDINGS.md as data, for triage (`mnc conform`, `mnc random`, `mnc sweep`,
 * `mnc nightly`): a violation that fits an entry is that known finding, any
 * other is new; the first entry that fits names it. Site findings come
 * first (after D4 and D5, which only the oom reaper's #26 reaches): a driver
 * finding of any site is matched only when no site finding fits. Keep in step with FINDINGS.md.
 */
import type { KnownFinding } from '../../src/triage/KnownFinding.js';

export const KNOWN_FINDINGS: readonly KnownFinding[] = [
  // The non-blocking start (only the oom reaper's, #26, in v5.0) failing in ODP or HMM v5.2 itself: before F1, which
  // is any subscriber's failure leaving another's range open, so that these two are not read as F1.
  {
    id: 'D4',
    title: 'RDMA ODP returns -EAGAIN with umem_rwsem still read-held',
    sites: ['26'],
    properties: ['thread-ends-closed', 'lock-release-by-holder'],
    mirrors: ['odp'],
  },
  {
    id: 'D5',
    title: 'HMM v5.2 non-blocking start error paths: a swallowed sync -EAGAIN, a mirrors_sem trylock failure leaving notifiers raised',
    sites: ['26'],
    properties: ['mirror-quiescent', 'deadlock', 'fault-progress'],
    mirrors: ['hmm52'],
  },
  // oom reaper: a failing non-blocking start leaves the others' ranges open (then retries forever, a range never ended)
  {
    id: 'F1',
    title: 'the oom reaper leaks a started range when the non-blocking start fails',
    sites: ['26'],
    properties: ['mirror-quiescent', 'fault-progress', 'thread-ends-closed', 'deadlock'],
  },
  {
    id: 'F2',
    title: 'mprotect of a range at address 0 never ends its notifier range',
    sites: ['24'],
    properties: ['thread-ends-closed', 'mirror-quiescent', 'fault-progress', 'deadlock'],
  },
  {
    id: 'F3',
    title: 'unmap_vmas passes the first vma of a list',
    sites: ['16', '17'],
    properties: ['range-vma'],
    // the event-aware mirror keeps the entries of the other vmas' pages, which are then freed (no other mirror reads range->vma)
    consequences: { properties: ['mirror-coherence', 'device-access', 'no-stale-frame'], mirrors: ['aware'] },
  },
  {
    id: 'F4',
    title: 'partial munmap of a hugetlb vma with a shared PMD table',
    sites: ['8', '16'],
    properties: ['change-covered', 'mirror-coherence', 'no-stale-frame', 'spte-coherence'],
    // the secondary MMU keeps its translation of the page the CPU lost
    consequences: { properties: ['device-access'] },
  },
  {
    id: 'F5',
    title: 'hugetlb_change_protection with a shared PMD unmaps under PROTECTION_VMA',
    sites: ['10'],
    properties: ['event-promise'],
    events: ['MMU_NOTIFY_PROTECTION_VMA'],
    // the subscriber keeps its read-only entry of the page the CPU no longer maps until it refaults
    consequences: { properties: ['mirror-coherence', 'device-access'] },
  },
  {
    id: 'F6',
    title: 'clear_refs with SOFT_DIRTY write-protects every PTE',
    sites: ['1'],
    properties: ['mirror-coherence'],
    events: ['MMU_NOTIFY_SOFT_DIRTY'],
    // the subscriber keeps the device's write access the CPU lost
    consequences: { properties: ['device-access'] },
  },
  // mremap (#25) moves a whole PTE table (move_normal_pmd) while an rmap walker (try_to_unmap_one, #28) holds its PTE lock
  {
    id: 'F7',
    title: "mremap's whole-table move races an rmap walker (try_to_unmap_one clears the moved entry outside its range)",
    sites: ['25'],
    properties: ['change-covered'],
  },
  // hole punch / truncate (#8) unshares a PMD table without flushing the unsharing mm's CPU TLB; the page is then freed
  {
    id: 'F8',
    title: 'huge_pmd_unshare in __unmap_hugepage_range flushes no TLB: a CPU keeps a freed hugetlb page (CVE-2021-4002)',
    sites: ['8'],
    properties: ['cpu-tlb-no-stale-frame'],
  },
  // a zap beside faults (MADV_DONTNEED #17 and the THP split inside it #6, truncation's unmap_mapping_pages #18, the oom
  // reaper #26): the IOMMU SVA mirror's IOTLB keeps the zapped page while a fault maps a new one, before invalidate_range
  {
    id: 'S5',
    title: 'a zap vs a fault: the IOMMU SVA IOTLB keeps the zapped page while the fault maps a new one, until invalidate_range',
    sites: ['6', '17', '18'],
    properties: ['tlb-mirror-coherence'],
    mirrors: ['sva'],
    // device accesses through the stale IOTLB entry reach the zapped page while the CPU maps the new one
    consequences: { properties: ['device-access'] },
  },
  {
    id: 'D1',
    title: 'HMM v5.0 commits a snapshot taken before an invalidation',
    properties: ['mirror-coherence', 'mkclean-observed'],
    mirrors: ['hmm50'],
    // the device maps, then reaches, a page the CPU unmapped and freed
    consequences: { properties: ['device-access', 'no-stale-frame'] },
  },
  {
    id: 'D2',
    title: 'HMM v5.2 re-validates every range when the last invalidation ends',
    properties: ['mirror-coherence', 'mkclean-observed'],
    mirrors: ['hmm52'],
    consequences: { properties: ['device-access', 'no-stale-frame'] },
  },
  {
    id: 'D3',
    title: 'amdgpu userptr (v5.0) submits pages an invalidation replaced',
    properties: ['mirror-coherence', 'mkclean-observed'],
    mirrors: ['gpu'],
    // the GPU job reaches a page the process no longer maps (the BO still pins it: no use after free)
    consequences: { properties: ['device-access'] },
  },
  {
    id: 'D6',
    title: 'HMM before v5.3: a device fault walks an mm exit_mmap tears down (no mm_users reference for the range)',
    properties: ['walk-holds-mm-users'],
    mirrors: ['hmm50', 'hmm52'],
    // HMM v5.0 commits a walk that ran after hmm_release: its entry keeps the page the teardown then frees
    consequences: { properties: ['mirror-coherence', 'device-access', 'no-stale-frame'], mirrors: ['hmm50'] },
  },
];

/**
 * The known findings as the sweep triages them: FINDINGS.md's list
 * (model/findings/KNOWN_FINDINGS.ts, shared with conform, random and
 * nightly) made precise with what a sweep configuration says of itself,
 * so that one finding does not stand for another: the oom reaper's leak
 * (F1) needs a subscriber besides the failing one, F2 a range from address
 * 0, F3 two vmas under the range (or an exit racer's range over everything),
 * F4/F5 a shared hugetlb PMD table, F7 reclaim racing mremap, F8 a CPU
 * access of the unsharing mm, D6 the exit beside a device fault, S5 a
 * fault beside a zap while the IOMMU mirror's IOTLB holds the zapped page, D1
 * and D2 a freed page when the zap's mmu_gather batch filled. The
 * events a finding needs at its site become the event profiles that pass
 * them there. Driver findings come last, as in the shared list, after the
 * ODP and HMM v5.2 failures of the non-blocking start (D4, D5), which
 * otherwise read as F1.
 */
import type { KnownSignature } from '../src/sweep/KnownSignature.js';
import type { KnownFinding } from '../src/triage/KnownFinding.js';
import { KNOWN_FINDINGS } from '../model/findings/KNOWN_FINDINGS.js';
import { eventOf, siteById, type EventProfile } from '../model/sites/catalog.js';
import { FULL_GATHER_TEXT } from '../model/sweep/SweepScope.js';

type Refinement = Partial<Omit<KnownSignature, 'id' | 'title' | 'properties'>> & { readonly moreProperties?: readonly string[] };

/**
 * The sweep's paths to a zap that holds mmap_sem for read or not at all, so that faults run beside it (S5). Not the
 * oom reaper's: it sets MMF_UNSTABLE before it zaps, and a fault then maps no new page (FINDINGS.md S18).
 */
const ZAPS_BESIDE_FAULTS = ['madvise_dontneed', 'truncate'];
/** tlb-mirror-coherence's case of a new page under a stale IOTLB entry (properties/tlbMirrorCoherence.ts). */
const NEW_PAGE_FIRST = '(new page set before invalidate_range)';

/** A finding's refinement, or several: each is a signature of its own (the finding fits when one does). */
const REFINE: Readonly<Record<string, Refinement | readonly Refinement[]>> = {
  F1: { minSubscribers: 2 },
  F2: { threads: ['mprotect(mm0, 0,'] },
  // munmap or MADV_DONTNEED over two vmas; or exit_mmap's unmap_vmas over [0, -1) (an exit racer: the oom reaper's at
  // #26, the owner's beside the walkers from outside the process at #1 #2 #11 #12 #13 and beside the rmap walkers at
  // #18 #27 #28), whose first vma holds the range only when it covers the whole address space
  F3: [
    { layouts: ['two vmas under one range'] },
    { sites: ['1', '2', '11', '12', '13', '18', '26', '27', '28'], racers: ['exit_mmap'], messages: ['site=exit/#16'] },
  ],
  F4: { paths: ['munmap'], layouts: ['shares mm0 PMD table'], moreProperties: ['tlb-mirror-coherence'] },
  F5: { layouts: ['shares mm0 PMD table'] },
  // the walker is reclaim's try_to_unmap_one on a page of the moving extent
  F7: { paths: ['mremap'], threads: ['shrink_page_list'] },
  // a CPU access of the unsharing mm fills its TLB; the page is freed after the punch or truncate (medium scope)
  F8: { paths: ['truncate', 'punch_hole'], layouts: ['shares mm0 PMD table'], threads: ['cpu mm0:'] },
  S5: [
    // two device accesses through the one IOMMU mirror: one fills the IOTLB, the other faults a new page in
    { repeatedThread: { text: 'sva0: device', count: 2 } },
    // any zap that runs beside faults (MADV_DONTNEED and the THP split inside it, truncation's unmap_mapping_pages)
    // vs a fault that does not go through the stale IOTLB: the IOTLB holds the zapped page, filled
    // before the zap, while the fault maps a new one (medium scope). The fault is a CPU's ...
    { paths: ZAPS_BESIDE_FAULTS, racers: ['cpu mm'], messages: [NEW_PAGE_FIRST] },
    // ... or, beside a second mirror, a device's: the other mirror's (get_user_pages), or a second SVA mirror's, whose
    // IOTLB the zap's invalidate_range reached first (it calls the subscribers one by one)
    { paths: ZAPS_BESIDE_FAULTS, minSubscribers: 2, racers: [': device'], messages: [NEW_PAGE_FIRST] },
  ],
  // HMM commits a snapshot from before the invalidation (D1: v5.0, D2: v5.2); when the zap's mmu_gather batch filled
  // (memory pressure, the sweep's `+full-gather` layouts), the snapshot's page was freed inside the range: the device then maps a
  // free page, which is no-stale-frame's and device-access's (mirror-coherence leaves a free frame to them)
  D1: [{}, { layouts: [FULL_GATHER_TEXT], moreProperties: ['no-stale-frame', 'device-access'] }],
  D2: [{}, { layouts: [FULL_GATHER_TEXT], moreProperties: ['no-stale-frame', 'device-access'] }],
  // an exit racer (#26's) and a device fault beside it
  D6: { racers: ['exit_mmap'], threads: [': device'] },
  // Both v5.2 error paths: a failed mirrors_sem trylock leaves notifiers raised; a sync -EAGAIN is swallowed (the device keeps pages the reaper frees).
  D5: { moreProperties: ['mirror-quiescent', 'thread-ends-closed', 'mirror-coherence', 'device-access', 'tlb-mirror-coherence', 'no-stale-frame'] },
};

/** The event profiles under which every site of `f` passes one of its events (all profiles when it names none). */
function profilesOf(f: KnownFinding): EventProfile[] | undefined {
  if (!f.events) return undefined;
  return (['seed', 'v5.2'] as const).filter((p) => (f.sites ?? []).every((s) => f.events!.includes(eventOf(siteById(Number(s))!, p))));
}

function signatureOf(f: KnownFinding, r: Refinement): KnownSignature {
  const events = profilesOf(f);
  const { moreProperties, ...rest } = r;
  return {
    id: f.id,
    title: f.title,
    properties: [...f.properties, ...(moreProperties ?? [])],
    ...(f.sites ? { sites: f.sites } : {}),
    ...(f.mirrors ? { kinds: f.mirrors } : {}),
    ...(f.consequences ? { consequences: f.consequences } : {}),
    ...(events ? { events } : {}),
    ...rest,
  };
}

/** In the shared list's order (D4 and D5 before F1 there). */
export const SWEEP_KNOWN_FINDINGS: readonly KnownSignature[] = KNOWN_FINDINGS.flatMap((f) => {
  const r = REFINE[f.id] ?? {};
  return (Array.isArray(r) ? r : [r]).map((x: Refinement) => signatureOf(f, x));
});

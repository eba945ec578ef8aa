/**
 * The known findings as the sweep triages them: FINDINGS.md's list
 * (model/findings/KNOWN_FINDINGS.ts, shared with conform, random and
 * nightly) made precise with what a sweep configuration says of itself,
 * so that one finding does not stand for another: the oom reaper's leak
 * (F1) needs a subscriber besides the failing one, F2 a range from address
 * 0, F3 two vmas under the range, F4/F5 a shared hugetlb PMD table, F7
 * reclaim racing mremap, S5 two device accesses of the IOMMU mirror. The
 * events a finding needs at its site become the event profiles that pass
 * them there. Driver findings come last, as in the shared list, after the
 * ODP and HMM v5.2 failures of the non-blocking start (D4, D5), which
 * otherwise read as F1.
 */
import type { KnownSignature } from '../src/sweep/KnownSignature.js';
import type { KnownFinding } from '../src/triage/KnownFinding.js';
import { KNOWN_FINDINGS } from '../model/findings/KNOWN_FINDINGS.js';
import { eventOf, siteById, type EventProfile } from '../model/sites/catalog.js';

type Refinement = Partial<Omit<KnownSignature, 'id' | 'title' | 'properties'>> & { readonly moreProperties?: readonly string[] };

const REFINE: Readonly<Record<string, Refinement>> = {
  F1: { minSubscribers: 2 },
  F2: { threads: ['mprotect(mm0, 0,'] },
  F3: { layouts: ['two vmas under one range'] },
  F4: { paths: ['munmap'], layouts: ['shares mm0 PMD table'], moreProperties: ['tlb-mirror-coherence'] },
  F5: { layouts: ['shares mm0 PMD table'] },
  // the walker is reclaim's try_to_unmap_one on a page of the moving extent
  F7: { paths: ['mremap'], threads: ['shrink_page_list'] },
  // two device accesses through the one IOMMU mirror: one fills the IOTLB, the other faults a new page in
  S5: { repeatedThread: { text: 'sva0: device', count: 2 } },
  // Both v5.2 error paths: a failed mirrors_sem trylock leaves notifiers raised; a sync -EAGAIN is swallowed (the device keeps pages the reaper frees).
  D5: { moreProperties: ['mirror-quiescent', 'thread-ends-closed', 'mirror-coherence', 'device-access', 'tlb-mirror-coherence', 'no-stale-frame'] },
};

/** The event profiles under which every site of `f` passes one of its events (all profiles when it names none). */
function profilesOf(f: KnownFinding): EventProfile[] | undefined {
  if (!f.events) return undefined;
  return (['seed', 'v5.2'] as const).filter((p) => (f.sites ?? []).every((s) => f.events!.includes(eventOf(siteById(Number(s))!, p))));
}

function signatureOf(f: KnownFinding): KnownSignature {
  const r = REFINE[f.id] ?? {};
  const events = profilesOf(f);
  const { moreProperties, ...rest } = r;
  return {
    id: f.id,
    title: f.title,
    properties: [...f.properties, ...(moreProperties ?? [])],
    ...(f.sites ? { sites: f.sites } : {}),
    ...(f.mirrors ? { kinds: f.mirrors } : {}),
    ...(events ? { events } : {}),
    ...rest,
  };
}

/** In the shared list's order (D4 and D5 before F1 there). */
export const SWEEP_KNOWN_FINDINGS: readonly KnownSignature[] = KNOWN_FINDINGS.map(signatureOf);

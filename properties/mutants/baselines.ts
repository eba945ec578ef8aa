/**
 * The correct scenarios the mutants vary: small litmus tests (a few
 * thousand states) so that every mutant explores exhaustively in seconds.
 */
import type { Scenario } from '../../model/scenario/Scenario.js';
import { scenario as cowFaultVsKvmRead } from '../../model/sites/scenarios/cowFaultVsKvmRead.js';
import { scenario as mremapMergedPmdVsReclaim } from '../../model/sites/scenarios/mremapMergedPmdVsReclaim.js';
import { scenario as mremapVsKvmRead } from '../../model/sites/scenarios/mremapVsKvmRead.js';
import { scenario as reclaimVsKvmFault } from '../../model/sites/scenarios/reclaimVsKvmFault.js';
import { scenario as madvFreeVsKvmWrite } from '../../model/sites/scenarios/madvFreeVsKvmWrite.js';
import {
  exitVsClearRefs,
  exitVsKhugepagedCollapse,
  exitVsKsmMerge,
  exitVsReclaim,
  exitVsUprobeRegister,
} from '../../model/sites/scenarios/exitVsForeignWalkers.js';

/** madvise(MADV_DONTNEED) of two pages (site #17) racing a mirror fault on one of them; a second mm holds one vma. */
const dontneedVs = (kind: string): Scenario => ({
  name: `dontneed-vs-${kind}-fault`,
  description: `madvise_dontneed zaps pages 0-1 of mm0 while a ${kind} device faults page 1 (page 0 is already mirrored)`,
  expect: 'ok',
  geometry: { ptesPerTable: 4, pmdsPerTable: 1, puds: 1 },
  frames: 4,
  mms: [
    {
      vmas: [{ start: 0, end: 2, prot: 'rw' }],
      mappings: [
        { addr: 0, write: true },
        { addr: 1, write: true },
      ],
    },
    { vmas: [{ start: 2, end: 4, prot: 'rw' }] },
  ],
  mirrors: [{ name: `${kind}0`, kind, mm: 0, entries: [0] }],
  threads: [
    { name: 'dontneed', op: 'madvise_dontneed', args: { mm: 0, start: 0, end: 2 } },
    { name: 'vcpu', op: 'device_access', args: { m: 0, addr: 1, write: true } },
  ],
});
const dontneedVsKvmFault = dontneedVs('kvm');
const dontneedVsOdpFault = dontneedVs('odp');
const dontneedVsAwareFault = dontneedVs('aware');
const dontneedVsSvaFault = dontneedVs('sva');

/** A device read of a page the CPU maps read-only, then a device write of it (no invalidation). */
const kvmReadThenWrite: Scenario = {
  name: 'kvm-read-then-write',
  description: 'a vcpu reads then writes page 0, which the CPU maps read-only; the write must fault and upgrade through the CPU',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, write: false }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0 }],
  threads: [
    { name: 'vcpu-read', op: 'device_access', args: { m: 0, addr: 0, write: false } },
    { name: 'vcpu-write', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};

/** madvise(MADV_DONTNEED) of a page the CPU is writing through its TLB (the mmu_gather order: clear, flush, free). */
const dontneedVsCpuWrite: Scenario = {
  name: 'dontneed-vs-cpu-write',
  description: 'madvise_dontneed zaps page 0 while a CPU thread writes it (TLB fill, dirty bit)',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true }] }],
  threads: [
    { name: 'dontneed', op: 'madvise_dontneed', args: { mm: 0, start: 0, end: 1 } },
    { name: 'cpu', op: 'cpu_access', args: { mm: 0, addr: 0, write: true } },
  ],
};

/** The oom reaper (site #26, non-blocking start) on a vma a GPU userptr buffer covers: the GPU's start fails with -EAGAIN. */
const oomReapVsGpu: Scenario = {
  name: 'oom-reap-vs-gpu',
  description: 'the oom reaper meets a GPU userptr bo: invalidate_range_start_nonblock fails, the reaper skips the vma',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true }] }],
  mirrors: [{ name: 'gpu0', kind: 'gpu', mm: 0, entries: [0] }],
  threads: [{ name: 'oom_reaper', op: 'oom_reap_task', args: { mm: 0, retries: 1 } }],
};

/** A CPU write fault breaks COW (site #19, its litmus with an IOMMU SVA mirror instead of KVM): the IOTLB caches the old page. */
const cowVsSva: Scenario = {
  ...cowFaultVsKvmRead,
  name: 'cow-fault-vs-sva-read',
  description: 'wp_page_copy (#19) replaces a COW page that an IOMMU IOTLB caches; the device reads it meanwhile',
  expect: 'ok',
  mirrors: [{ name: 'sva0', kind: 'sva', mm: 0, entries: [0] }],
};

/**
 * The mm exits (exit_mmap -> mmu_notifier_release) while an RDMA ODP device writes page 0: the release trampoline
 * raises notifiers_count for good and marks the umem dying; the fault it blocks gives up with -EFAULT (S3). When the
 * fault's mmput is the last, exit_mmap's teardown runs in its context; the vma covers the address space, so that the
 * teardown's [0, -1) range lies inside it (else F3, range-vma).
 */
const exitVsOdpFault: Scenario = {
  ...oomReapVsGpu,
  name: 'exit-vs-odp-fault',
  description: 'mmu_notifier_release (ODP: notifiers_count++ for good, umem dying) while an ODP device faults page 0',
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true }] }],
  mirrors: [{ name: 'odp0', kind: 'odp', mm: 0 }],
  threads: [
    { name: 'exit', op: 'mmu_notifier_release', args: { mm: 0 } },
    { name: 'dev', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};

/**
 * The mm exits (exit_mmap: release, then the teardown) while an IOMMU SVA device reads page 1, which is not mapped:
 * its PPR runs do_fault (mmap_sem, handle_mm_fault). mn_release's unbind_pasid waits for it (flush_workqueue), so
 * the teardown never runs beside the walk.
 */
const exitMmapVsSvaFault: Scenario = {
  ...oomReapVsGpu,
  name: 'exit-mmap-vs-sva-fault',
  description: 'exit_mmap (mn_release: unbind_pasid, flush_workqueue) while an IOMMU SVA device faults page 1',
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true }] }],
  mirrors: [{ name: 'sva0', kind: 'sva', mm: 0, entries: [0] }],
  threads: [
    { name: 'exit', op: 'exit_mmap', args: { mm: 0 } },
    { name: 'dev', op: 'device_access', args: { m: 0, addr: 1, write: false } },
  ],
};

export const BASELINES: Readonly<Record<string, Scenario>> = {
  [dontneedVsKvmFault.name]: dontneedVsKvmFault,
  [dontneedVsOdpFault.name]: dontneedVsOdpFault,
  [dontneedVsAwareFault.name]: dontneedVsAwareFault,
  [dontneedVsSvaFault.name]: dontneedVsSvaFault,
  [kvmReadThenWrite.name]: kvmReadThenWrite,
  [dontneedVsCpuWrite.name]: dontneedVsCpuWrite,
  [oomReapVsGpu.name]: oomReapVsGpu,
  [cowVsSva.name]: cowVsSva,
  [exitVsOdpFault.name]: exitVsOdpFault,
  [exitMmapVsSvaFault.name]: exitMmapVsSvaFault,
  // four site litmus tests as they are (their expected verdict is ok)
  [mremapVsKvmRead.name]: mremapVsKvmRead,
  [mremapMergedPmdVsReclaim.name]: mremapMergedPmdVsReclaim,
  [reclaimVsKvmFault.name]: reclaimVsKvmFault,
  [madvFreeVsKvmWrite.name]: madvFreeVsKvmWrite,
  // exit against the walkers from outside the process, as `mnc check` runs them (exitMutants.ts)
  [exitVsKsmMerge.name]: exitVsKsmMerge,
  [exitVsKhugepagedCollapse.name]: exitVsKhugepagedCollapse,
  [exitVsClearRefs.name]: exitVsClearRefs,
  [exitVsUprobeRegister.name]: exitVsUprobeRegister,
  [exitVsReclaim.name]: exitVsReclaim,
};

/** Guards of a baseline whose race is not the inferred one (default: inferredGuards). */
export const BASELINE_GUARDS: Readonly<Record<string, readonly string[]>> = {
  // no range at all: the read-only page is upgraded by the CPU write fault (reuse, no COW); the contract alone judges it
  [kvmReadThenWrite.name]: [],
  [oomReapVsGpu.name]: ['reach-nonblock-failure'],
  [cowVsSva.name]: ['reach-range-started'],
  // no range: the race is the fault meeting the count the release raised
  [exitVsOdpFault.name]: ['reach-fault-retry'],
};

/** Bugs in a mirror: KVM's notifier callbacks and tdp fault (model/mirrors/kvm.ts), RDMA ODP's (odp.ts), the event-aware mirror's (aware.ts), the IOMMU SVA TLB's (sva.ts). */
import { LockName, lockId } from '../../model/mm/locks.js';
import { dropEntries, mirrorLock, setEntry } from '../../model/mirrors/mirrorLock.js';
import { rangeOf } from '../../model/mm/notifier/rangeInit.js';
import { affected } from '../../model/mirrors/aware.js';
import { dropAll } from '../../model/mirrors/releaseProgram.js';
import type { MirrorEntry } from '../../model/mirrors/MirrorKind.js';
import { DONE, type Step, type StepCtx } from '../../model/mm/step/Program.js';
import { sectionStep } from '../../model/mm/step/steps.js';
import type { MmMutantSpec } from './MmMutant.js';
import { editProgram, withRun } from './programEdits.js';
import { mutLocks, mutMirror } from '../../model/mm/mutate.js';

const B = 'dontneed-vs-kvm-fault';
const kvm = (c: StepCtx) => mutMirror(c.s, c.n('m')) as unknown as { count: number; seq: number };
/** The step rewritten as an mmu_lock critical section with another body. */
const section = (body: (c: StepCtx) => ReturnType<Step['run']>) => (s: Step) => sectionStep(s.label, s.at, mirrorLock('mmu_lock'), body);
/** The fault's retry check replaced by an unconditional install (with the spte's write bit). */
const install = (write: (c: StepCtx) => boolean) =>
  section((c) => {
    setEntry(c.s, c.n('m'), c.n('addr'), c.n('pfn'), write(c));
    return 'kvm_release_pfn_clean';
  });

export const MIRROR_MUTANTS: readonly MmMutantSpec[] = [
  {
    id: 'kvm-fault-skips-retry',
    description: 'the KVM fault installs the spte without the mmu_notifier_retry check',
    expects: 'mirror-coherence',
    baseline: B,
    programs: () => [editProgram('kvm.fault', { mmu_notifier_retry: install((c) => c.l['write'] === true) })],
  },
  {
    id: 'kvm-start-skips-count',
    description: 'kvm_mmu_notifier_invalidate_range_start zaps the sptes but does not raise mmu_notifier_count',
    expects: 'mirror-coherence',
    baseline: B,
    programs: () => [
      editProgram('kvm.invalidate_range_start', {
        kvm_unmap_hva_range: section((c) => {
          const x = rangeOf(c, c.n('r'));
          dropEntries(c.s, c.n('m'), x.start, x.end);
          c.ret(0);
          return DONE;
        }),
      }),
    ],
  },
  {
    id: 'kvm-end-skips-seq',
    description: 'kvm_mmu_notifier_invalidate_range_end lowers the count without bumping mmu_notifier_seq',
    expects: 'no-stale-frame',
    baseline: B,
    programs: () => [
      editProgram('kvm.invalidate_range_end', {
        'mmu_notifier_count--': section((c) => {
          kvm(c).count -= 1;
          c.ret(0);
          return DONE;
        }),
      }),
    ],
  },
  {
    id: 'kvm-end-skips-count',
    description: 'kvm_mmu_notifier_invalidate_range_end bumps the seq but never lowers mmu_notifier_count',
    expects: 'mirror-quiescent',
    baseline: B,
    programs: () => [
      editProgram('kvm.invalidate_range_end', {
        'mmu_notifier_count--': section((c) => {
          kvm(c).seq += 1;
          c.ret(0);
          return DONE;
        }),
      }),
    ],
  },
  {
    id: 'kvm-start-counts-twice',
    description: 'kvm_mmu_notifier_invalidate_range_start raises mmu_notifier_count twice: later faults retry forever',
    expects: 'fault-progress',
    baseline: B,
    programs: () => [
      editProgram('kvm.invalidate_range_start', {
        kvm_unmap_hva_range: (s) => ({
          ...s,
          run: (c) => {
            kvm(c).count += 1;
            return s.run(c);
          },
        }),
      }),
    ],
  },
  {
    id: 'kvm-fault-maps-writable',
    description: 'the KVM fault installs a writable spte for a read fault on a read-only page',
    expects: 'device-access',
    baseline: 'kvm-read-then-write',
    programs: () => [editProgram('kvm.fault', { mmu_notifier_retry: install(() => true) })],
  },
  {
    id: 'kvm-gup-double-up-read',
    description: "the KVM fault calls up_read(mmap_sem) again after get_user_pages dropped it (another thread's read lock goes)",
    expects: 'lock-release-by-holder',
    baseline: B,
    programs: () => [
      editProgram('kvm.fault', {
        pfn: (s) => ({
          ...s,
          local: false,
          run: (c) => {
            const id = lockId(c.s, LockName.mmapSem(c.s.mirrors[c.n('m')]!.mm))!;
            const l = c.s.locks[id]!;
            if (l.readers > 0) mutLocks(c.s)[id] = { holder: l.holder, readers: l.readers - 1 };
            return s.run(c);
          },
        }),
      }),
    ],
  },
  {
    id: 'odp-fault-skips-retry',
    description: 'the ODP page fault maps the page without ib_umem_mmu_notifier_retry',
    expects: 'mirror-coherence',
    baseline: 'dontneed-vs-odp-fault',
    programs: () => [
      editProgram('odp.fault', {
        ib_umem_mmu_notifier_retry: (s) =>
          sectionStep(s.label, s.at, mirrorLock('umem_mutex'), (c) => {
            setEntry(c.s, c.n('m'), c.n('addr'), c.n('pfn'), c.l['write'] === true);
            return 'put_page';
          }),
      }),
    ],
  },
  {
    id: 'odp-end-keeps-umem-rwsem',
    description: 'ib_umem_notifier_invalidate_range_end forgets up_read(&per_mm->umem_rwsem)',
    expects: 'thread-ends-closed',
    baseline: 'dontneed-vs-odp-fault',
    programs: () => [
      editProgram('odp.invalidate_range_end', {
        'up_read(&per_mm->umem_rwsem)': (s) => ({
          label: s.label,
          at: s.at,
          run: (c) => {
            c.ret(0);
            return DONE;
          },
        }),
      }),
    ],
  },
  {
    id: 'odp-release-not-dying',
    description: 'ib_umem_notifier_release_trampoline raises notifiers_count but does not mark the umem dying (a count nobody will lower)',
    expects: 'mirror-quiescent',
    baseline: 'exit-vs-odp-fault',
    programs: () => [
      editProgram('odp.release', {
        ib_umem_notifier_release_trampoline: (s) =>
          sectionStep(s.label, s.at, mirrorLock('umem_mutex'), (c) => {
            const m = c.n('m');
            (mutMirror(c.s, m) as unknown as { count: number }).count += 1;
            dropAll(c.s, m);
            return DONE;
          }),
      }),
    ],
  },
  {
    id: 'aware-read-only-without-event',
    description: 'the event-aware mirror downgrades instead of dropping whenever the vma is readable (update_to_read_only without its event test)',
    expects: 'mirror-coherence',
    baseline: 'dontneed-vs-aware-fault',
    programs: () => [
      editProgram('aware.invalidate_range_start', {
        invalidate_range_start: section((c) => {
          const r = rangeOf(c, c.n('r'));
          const [a, b] = affected(c.s, r);
          const k = mutMirror(c.s, c.n('m')) as unknown as { count: number; entries: (MirrorEntry | null)[] };
          k.count += 1;
          const keep = r.vma !== null && c.s.vmas[r.vma]?.flags.read === true;
          for (let x = a; x < b; x++) {
            const e = k.entries[x];
            if (e) k.entries[x] = keep ? { ...e, write: false } : null;
          }
          c.ret(0);
          return DONE;
        }),
      }),
    ],
  },
  {
    id: 'sva-release-no-flush',
    description: "mn_release's unbind_pasid does not flush_workqueue(iommu_wq): a PPR fault in flight walks the mm while exit_mmap tears it down",
    expects: 'walk-holds-mm-users',
    baseline: 'exit-mmap-vs-sva-fault',
    programs: () => [editProgram('sva.release', { flush_workqueue: (s) => ({ label: s.label, at: s.at, run: () => DONE }) })],
  },
  {
    id: 'sva-flushes-first-page-only',
    description: 'the IOMMU invalidate_range flushes only the first page of a multi-page range',
    expects: 'tlb-mirror-coherence',
    baseline: 'dontneed-vs-sva-fault',
    programs: () => [
      editProgram('sva.invalidate_range', {
        mn_invalidate_range: withRun((c) => {
          dropEntries(c.s, c.n('m'), c.n('start'), c.n('start') + 1);
          return DONE;
        }),
      }),
    ],
  },
];

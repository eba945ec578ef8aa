/**
 * Bugs in an operation's use of the vma lock, and scenarios whose race
 * never happens (the reachability guards must call them vacuous).
 */
import type { Scenario, ThreadSpec } from '../../model/scenario/Scenario.js';
import type { MmMutantSpec } from './MmMutant.js';
import { editProgram } from './programEdits.js';
import { mutVma } from '../../model/mm/mutate.js';

const B = 'dontneed-vs-kvm-fault';
const retarget =
  (name: string, f: (t: ThreadSpec) => ThreadSpec) =>
  (sc: Scenario): Scenario => ({
    ...sc,
    threads: sc.threads.map((t) => (t.name === name ? f(t) : t)),
  });

export const SCENARIO_MUTANTS: readonly MmMutantSpec[] = [
  {
    id: 'madvise-vma-flags-under-read',
    description: 'madvise updates vm_flags of the vma while holding mmap_sem only for read',
    expects: 'vma-under-mmap-sem',
    baseline: B,
    programs: () => [
      editProgram('madvise_dontneed', {
        madvise_vma: ({ local: _local, ...s }) => ({
          ...s, // not `local`: this body writes the vma (review P7)
          run: (c) => {
            const id = c.l['vma'];
            if (typeof id === 'number') {
              const v = mutVma(c.s, id);
              v.flags = { ...v.flags, mayshare: true };
            }
            return s.run(c);
          },
        }),
      }),
    ],
  },
  {
    id: 'race-vacuous-address',
    description: 'the vcpu touches a page outside every vma: the fault never overlaps the invalidation',
    expects: 'reach-mirror-race',
    baseline: B,
    scenario: retarget('vcpu', (t) => ({ ...t, args: { ...t.args, addr: 3 } })),
  },
  {
    id: 'race-vacuous-empty-madvise',
    description: 'madvise on an empty range: no notifier range ever starts',
    expects: 'reach-range-started',
    baseline: B,
    scenario: retarget('dontneed', (t) => ({ ...t, args: { ...t.args, end: 0 } })),
  },
];
